import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { driver as didKeyDriver } from '@digitalbazaar/did-method-key';
import { UnprocessableError } from '../core/problems.js';
import type { JsonObject } from '../core/json.js';
import { setBounded } from '../core/boundedMap.js';

// What the server and the offline verify page (a browser bundle) both resolve DIDs with: nothing
// here reads the store or the network.

export class UnresolvableDidError extends UnprocessableError {
  /** The DID's document could not be fetched: nothing is known about it, good or bad. */
  readonly unreachable: boolean;
  constructor(did: string, reason: string, { unreachable = false } = {}) {
    super('did-unresolvable', `${did}: ${reason}`, { did });
    this.unreachable = unreachable;
  }
}

/** did:web:host%3Aport:a:b -> https://host:port/a/b/did.json; no path -> /.well-known/did.json. */
export function didWebDocumentUrl(did: string): string {
  const [host = '', ...segments] = did.slice('did:web:'.length).split(':');
  const path = segments.length > 0 ? segments.map(decodeURIComponent).join('/') : '.well-known';
  return `https://${decodeURIComponent(host)}/${path}/did.json`;
}

/** Resolved did:key documents kept; each is about 1 kB. */
const MAX_RESOLVED_DID_KEYS = 1_000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * did:key for Ed25519 keys, and P-256 and P-384 keys as ecdsa-rdfc-2019 issuers use. A did:key
 * document is computed from the identifier alone, so one resolved is kept (frozen, as every
 * caller shares it) and can never go stale; each resolution costs a key import.
 */
export function createDidKeyResolver(): (did: string) => Promise<JsonObject> {
  const didKey = didKeyDriver();
  didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
  didKey.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from });
  didKey.use({ multibaseMultikeyHeader: 'z82L', fromMultibase: EcdsaMultikey.from });
  const resolved = new Map<string, JsonObject>();
  return async (did) => {
    const known = resolved.get(did);
    if (known) return known;
    let document: JsonObject;
    try {
      document = deepFreeze((await didKey.get({ did })) as JsonObject);
    } catch (error) {
      throw new UnresolvableDidError(did, (error as Error).message);
    }
    setBounded(resolved, did, document, MAX_RESOLVED_DID_KEYS);
    return document;
  };
}
