import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { driver as didKeyDriver } from '@digitalbazaar/did-method-key';
import { UnprocessableError } from '../core/problems.js';
import type { DidResolver } from '../jsonld/documentLoader.js';
import type { JsonObject } from '../core/json.js';
import type { RemoteDocuments } from '../net/remoteDocuments.js';
import type { IssuerStore } from '../store/port.js';
import { buildDidDocument, slugFromOwnDidWeb } from './did.js';

/** did:web:host%3Aport:a:b -> https://host:port/a/b/did.json; no path -> /.well-known/did.json. */
export function didWebDocumentUrl(did: string): string {
  const [host = '', ...segments] = did.slice('did:web:'.length).split(':');
  const path = segments.length > 0 ? segments.map(decodeURIComponent).join('/') : '.well-known';
  return `https://${decodeURIComponent(host)}/${path}/did.json`;
}

async function resolveRemoteDidWeb(
  did: string,
  remoteDocuments: RemoteDocuments,
): Promise<JsonObject> {
  let document: JsonObject;
  try {
    document = await remoteDocuments(didWebDocumentUrl(did));
  } catch (error) {
    throw new UnresolvableDidError(did, (error as Error).message, { unreachable: true });
  }
  if (document.id !== did)
    throw new UnresolvableDidError(did, `the document found names ${String(document.id)}`);
  return document;
}

export class UnresolvableDidError extends UnprocessableError {
  /** The DID's document could not be fetched: nothing is known about it, good or bad. */
  readonly unreachable: boolean;
  constructor(did: string, reason: string, { unreachable = false } = {}) {
    super('did-unresolvable', `${did}: ${reason}`, { did });
    this.unreachable = unreachable;
  }
}

/**
 * did:key resolves offline; did:web of this service's own issuers resolves from the store; only
 * other issuers' did:web documents are fetched, under the URL policy.
 */
export function createDidResolver(
  store: Pick<IssuerStore, 'findIssuer' | 'listIssuerKeys'>,
  publicUrl: URL,
  remoteDocuments: RemoteDocuments,
): DidResolver {
  const didKey = didKeyDriver();
  didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
  // P-256 and P-384 keys, as ecdsa-rdfc-2019 issuers use.
  didKey.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from });
  didKey.use({ multibaseMultikeyHeader: 'z82L', fromMultibase: EcdsaMultikey.from });

  return async (did: string): Promise<JsonObject> => {
    if (did.startsWith('did:key:')) {
      try {
        return await didKey.get({ did });
      } catch (error) {
        throw new UnresolvableDidError(did, (error as Error).message);
      }
    }
    if (did.startsWith('did:web:')) {
      const slug = slugFromOwnDidWeb(publicUrl, did);
      if (slug === undefined) return resolveRemoteDidWeb(did, remoteDocuments);
      const issuer = await store.findIssuer(slug);
      if (!issuer || issuer.did !== did) throw new UnresolvableDidError(did, 'no such issuer');
      return buildDidDocument(did, await store.listIssuerKeys(slug));
    }
    throw new UnresolvableDidError(
      did,
      'unsupported DID method (did:key and did:web are supported)',
    );
  };
}
