import type { JsonObject } from '../core/json.js';
import { bundledContexts } from './contexts.js';
import { UnprocessableError } from '../core/problems.js';

export interface LoadedDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

/** Resolves a DID (without fragment) to its DID document. */
export type DidResolver = (did: string) => Promise<JsonObject>;

export class UnknownDocumentError extends UnprocessableError {
  constructor(url: string) {
    super(
      'unknown-document',
      `"${url}" is not a bundled context or a resolvable DID; the service never fetches contexts`,
      { url },
    );
  }
}

function findVerificationMethod(didDocument: JsonObject, url: string): JsonObject | undefined {
  const methods = didDocument.verificationMethod;
  if (!Array.isArray(methods)) return undefined;
  return methods.find(
    (method): method is JsonObject =>
      typeof method === 'object' && method !== null && (method as JsonObject).id === url,
  );
}

/**
 * An offline document loader: bundled contexts by URL, DIDs through the given resolver,
 * and an error for anything else. `extraDocuments` exists for test vectors only.
 */
export function createDocumentLoader(
  resolveDid: DidResolver,
  extraDocuments: ReadonlyMap<string, unknown> = new Map(),
): DocumentLoader {
  return async (url: string) => {
    const context = bundledContexts.get(url) ?? extraDocuments.get(url);
    if (context !== undefined) {
      return { contextUrl: null, documentUrl: url, document: context };
    }
    if (url.startsWith('did:')) {
      const [did] = url.split('#') as [string];
      const didDocument = await resolveDid(did);
      if (!url.includes('#')) return { contextUrl: null, documentUrl: url, document: didDocument };
      const method = findVerificationMethod(didDocument, url);
      if (!method) throw new UnknownDocumentError(url);
      return {
        contextUrl: null,
        documentUrl: url,
        document: { '@context': didDocument['@context'], ...method },
      };
    }
    throw new UnknownDocumentError(url);
  };
}
