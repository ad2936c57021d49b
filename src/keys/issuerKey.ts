import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey';

export type { Ed25519KeyPair };

export interface GeneratedKey {
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

export async function generateEd25519Key(): Promise<GeneratedKey> {
  const keyPair = await Ed25519Multikey.generate();
  const exported = await keyPair.export({ publicKey: true, secretKey: true });
  if (!exported.secretKeyMultibase) throw new Error('key generation returned no secret key');
  return {
    publicKeyMultibase: exported.publicKeyMultibase,
    secretKeyMultibase: exported.secretKeyMultibase,
  };
}

/** A signing key pair bound to its verification method id and controller. */
export async function loadKeyPair(options: {
  id: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase?: string;
}): Promise<Ed25519KeyPair> {
  return Ed25519Multikey.from({ type: 'Multikey', ...options });
}

/**
 * The private key as a JWK for jose. The multikey library keeps Ed25519 secret keys in the
 * 64-byte seed+public form and copies that into `d`; a JWK's `d` is the 32-byte seed.
 */
export async function privateJwkOf(keyPair: Ed25519KeyPair): Promise<Record<string, unknown>> {
  const jwk = await Ed25519Multikey.toJwk({ keyPair, secretKey: true });
  if (typeof jwk.d !== 'string') throw new Error('key pair has no secret key');
  jwk.d = Buffer.from(jwk.d, 'base64url').subarray(0, 32).toString('base64url');
  return jwk;
}
