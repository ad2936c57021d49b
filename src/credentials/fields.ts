import type { JsonObject } from '../jsonld/documentLoader.js';

/** The issuer's id, whether the credential names it as a string or as a Profile object. */
export function issuerIdOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null) {
    const id = (issuer as JsonObject).id;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}
