import type { DidResolver } from '../jsonld/documentLoader.js';
import type { JsonObject } from '../core/json.js';
import type { RemoteDocuments } from '../net/remoteDocuments.js';
import type { IssuerStore } from '../store/port.js';
import { buildDidDocument, slugFromOwnDidWeb } from './did.js';
import { createDidKeyResolver, didWebDocumentUrl, UnresolvableDidError } from './didMethods.js';

export { didWebDocumentUrl, UnresolvableDidError };

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

/**
 * did:key resolves offline; did:web of this service's own issuers resolves from the store; only
 * other issuers' did:web documents are fetched, under the URL policy.
 */
export function createDidResolver(
  store: Pick<IssuerStore, 'findIssuer' | 'listIssuerKeys'>,
  publicUrl: URL,
  remoteDocuments: RemoteDocuments,
): DidResolver {
  const resolveDidKey = createDidKeyResolver();
  return async (did: string): Promise<JsonObject> => {
    if (did.startsWith('did:key:')) return resolveDidKey(did);
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
