import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { driver as didKeyDriver } from '@digitalbazaar/did-method-key';
import { UnprocessableError } from '../errors.js';
import type { DidResolver, JsonObject } from '../jsonld/documentLoader.js';
import type { Store } from '../store/port.js';
import { buildDidDocument, slugFromOwnDidWeb } from './did.js';

export class UnresolvableDidError extends UnprocessableError {
  constructor(did: string, reason: string) {
    super('did-unresolvable', 'DID cannot be resolved', `${did}: ${reason}`, { did });
  }
}

/**
 * did:key resolves offline; did:web of this service's own issuers resolves from the store.
 * Nothing here touches the network.
 */
export function createDidResolver(store: Store, publicUrl: URL): DidResolver {
  const didKey = didKeyDriver();
  didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

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
      if (slug === undefined) {
        throw new UnresolvableDidError(
          did,
          'only did:web identifiers of this service resolve here',
        );
      }
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
