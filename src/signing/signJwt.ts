import { CompactSign, importJWK } from 'jose';
import { privateJwkOf, type Ed25519KeyPair } from '../keys/issuerKey.js';
import type { JsonObject } from '../core/json.js';

export const VC_JWT_TYPE = 'vc+jwt';

/** Imported signing keys by key pair: importing is most of the cost of a signature. */
const importedKeys = new WeakMap<Ed25519KeyPair, Promise<CryptoKey | Uint8Array>>();

function signingKeyOf(keyPair: Ed25519KeyPair): Promise<CryptoKey | Uint8Array> {
  let key = importedKeys.get(keyPair);
  if (!key) {
    key = privateJwkOf(keyPair).then((jwk) => importJWK(jwk, 'EdDSA'));
    importedKeys.set(keyPair, key);
  }
  return key;
}

/** VC-JOSE: the credential itself is the JWS payload, signed EdDSA with the issuer's key. */
export async function signJwt(credential: JsonObject, keyPair: Ed25519KeyPair): Promise<string> {
  if (!keyPair.id) throw new Error('key pair has no verification method id');
  const key = await signingKeyOf(keyPair);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
    .setProtectedHeader({ alg: 'EdDSA', typ: VC_JWT_TYPE, cty: 'vc', kid: keyPair.id })
    .sign(key);
}

/** Any JWT by the issuer's key (a status list token, …): the claims as given, EdDSA, its kid. */
export async function signJwtClaims(
  claims: JsonObject,
  typ: string,
  keyPair: Ed25519KeyPair,
): Promise<string> {
  if (!keyPair.id) throw new Error('key pair has no verification method id');
  const key = await signingKeyOf(keyPair);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA', typ, kid: keyPair.id })
    .sign(key);
}
