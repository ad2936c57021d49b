import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Jwk, JwtSigner, VerifyJwtCallback } from '@openid4vc/oauth2';
import { base64url, compactVerify, importJWK, type JWK } from 'jose';
import type { JsonObject } from '../core/json.js';
import { createDidKeyResolver } from '../keys/didMethods.js';
import { PROOF_ALGORITHMS } from './oid4vciMetadata.js';

// The holder's key behind an OpenID4VCI proof of possession: a did:key (or did:jwk) named by the
// proof's `kid`, or a bare `jwk` in its header, which the copy then names as a did:jwk.

const resolveDidKey = createDidKeyResolver();

/**
 * The public members of a JWK only, in lexicographic order (as RFC 7638 orders them for a
 * thumbprint): a bare jwk has no DID of its own, so the same key always gets the same did:jwk.
 */
function publicJwk(jwk: Jwk): Jwk {
  const { crv, e, kty, n, x, y } = jwk as Record<string, string | undefined>;
  return Object.fromEntries(
    Object.entries({ crv, e, kty, n, x, y }).filter(([, value]) => value !== undefined),
  ) as Jwk;
}

export function didJwkOf(jwk: Jwk): string {
  return `did:jwk:${base64url.encode(JSON.stringify(publicJwk(jwk)))}`;
}

async function jwkOfMultikey(method: JsonObject): Promise<Jwk> {
  const multibase = String(method.publicKeyMultibase ?? '');
  if (multibase.startsWith('z6Mk')) {
    const keyPair = await Ed25519Multikey.from(method);
    return (await Ed25519Multikey.toJwk({ keyPair })) as Jwk;
  }
  const keyPair = await EcdsaMultikey.from(method);
  return (await EcdsaMultikey.toJwk({ keyPair })) as Jwk;
}

/** The key a DID URL names: a did:key's one key, or a did:jwk's. */
async function jwkOfDidUrl(didUrl: string): Promise<Jwk> {
  const [did = ''] = didUrl.split('#');
  if (did.startsWith('did:jwk:')) {
    return JSON.parse(new TextDecoder().decode(base64url.decode(did.slice('did:jwk:'.length))));
  }
  if (!did.startsWith('did:key:')) {
    throw new Error(`${did}: only did:key and did:jwk holders are supported`);
  }
  const document = await resolveDidKey(did);
  const methods = ([] as unknown[]).concat(document.verificationMethod ?? []) as JsonObject[];
  const method = methods.find((m) => m.id === didUrl) ?? (didUrl === did ? methods[0] : undefined);
  if (!method) throw new Error(`${didUrl} is not a key of ${did}`);
  return jwkOfMultikey(method);
}

/** The holder DID a proof's signer stands for. */
export function holderDidOf(signer: JwtSigner): string | undefined {
  if (signer.method === 'did') return signer.didUrl.split('#')[0];
  if (signer.method === 'jwk') return didJwkOf(signer.publicJwk);
  return undefined;
}

/**
 * The library's verify callback: jose checks the signature with the key the header names, and
 * only that key. A proof signed by another key than its kid fails here.
 */
export const verifyHolderJwt: VerifyJwtCallback = async (signer, jwt) => {
  let jwk: Jwk;
  // Only the asymmetric algorithms the metadata names: a symmetric key in a jwk binds nothing.
  if (!PROOF_ALGORITHMS.includes(signer.alg)) return { verified: false };
  try {
    if (signer.method === 'jwk') jwk = signer.publicJwk;
    else if (signer.method === 'did') jwk = await jwkOfDidUrl(signer.didUrl);
    else return { verified: false };
    const key = await importJWK(jwk as JWK, signer.alg);
    await compactVerify(jwt.compact, key, { algorithms: [signer.alg] });
    return { verified: true, signerJwk: jwk };
  } catch {
    return { verified: false };
  }
};
