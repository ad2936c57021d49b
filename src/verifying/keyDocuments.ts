import { UnprocessableError } from '../core/problems.js';
import { methodIn } from '../keys/controllerMethods.js';
import type { DocumentLoader } from '../jsonld/documentLoader.js';
import type { JsonObject } from '../core/json.js';
import { UnresolvableDidError } from '../keys/didMethods.js';
import { FetchRefusedError } from '../net/fetchRefused.js';
import type { RemoteDocuments } from '../net/remoteDocuments.js';

/** Where the keys behind proofs are found: DIDs, or https URLs under the URL policy. */
export interface KeyDocuments {
  /** The verification method a proof names, with the @context it was published under. */
  verificationMethod(url: string): Promise<JsonObject>;
  /** The document of the method's controller (a DID document or an issuer profile). */
  controller(id: string): Promise<JsonObject>;
}

export class UnresolvableKeyError extends UnprocessableError {
  constructor(url: string, reason: string) {
    super('verification-method-unresolvable', `${url}: ${reason}`, { url });
  }
}

/** The key's document could not be fetched, so the proof could not be checked either way. */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof FetchRefusedError ||
    (error instanceof UnresolvableDidError && error.unreachable)
  );
}

function objectDocument(loaded: unknown, url: string): JsonObject {
  if (typeof loaded !== 'object' || loaded === null || Array.isArray(loaded))
    throw new UnresolvableKeyError(url, 'is not a JSON object');
  return loaded as JsonObject;
}

export function createKeyDocuments(
  documentLoader: DocumentLoader,
  remoteDocuments: RemoteDocuments,
): KeyDocuments {
  async function httpsDocument(url: string): Promise<JsonObject> {
    const [base = url] = url.split('#');
    const document = objectDocument(await remoteDocuments(base), url);
    if (document.id === url) return document;
    const method = methodIn(document, url);
    if (!method) throw new UnresolvableKeyError(url, `${base} does not list it`);
    return method;
  }

  async function load(url: string): Promise<JsonObject> {
    if (url.startsWith('did:')) return objectDocument((await documentLoader(url)).document, url);
    if (url.startsWith('https://')) return httpsDocument(url);
    throw new UnresolvableKeyError(url, 'only DID URLs and https URLs name keys here');
  }

  return {
    verificationMethod: load,
    async controller(id) {
      const document = await load(id);
      if (document.id !== id)
        throw new UnresolvableKeyError(id, `the document found names ${String(document.id)}`);
      return document;
    },
  };
}
