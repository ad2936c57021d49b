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
