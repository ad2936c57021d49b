import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Ed25519KeyPair } from '../keys/issuerKey.js';
import type { JsonObject } from '../core/json.js';

// The DER headers the multikey library wraps raw Ed25519 keys in (PKCS#8 and SPKI).
const PKCS8_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const MAX_PUBLIC_KEYS = 1000;

export interface Signer {
  id: string;
  algorithm: 'Ed25519';
  sign(args: { data: Uint8Array }): Promise<Uint8Array>;
}

export interface Verifier {
  id?: string;
  algorithm: 'Ed25519';
  verify(args: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
}

/**
 * The multikey library's signer imports the secret key again for every signature, which costs
 * more than the signature. Ed25519 is deterministic, so a signer over the imported key once
 * signs byte for byte the same.
 */
const privateKeys = new WeakMap<Ed25519KeyPair, KeyObject>();

/** The key pair's private key, imported once: all a signing worker is given of it. */
export function privateKeyOf(keyPair: Ed25519KeyPair): KeyObject {
  let key = privateKeys.get(keyPair);
  if (!key) {
    if (!keyPair.secretKey) throw new Error('A secret key is not available for signing.');
    key = createPrivateKey({
      key: Buffer.concat([PKCS8_SEED_PREFIX, keyPair.secretKey.subarray(0, 32)]),
      format: 'der',
      type: 'pkcs8',
    });
    privateKeys.set(keyPair, key);
  }
  return key;
}

/** A signer for the verification method `id` over an imported private key. */
export function signerOver(id: string, key: KeyObject): Signer {
  return { id, algorithm: 'Ed25519', sign: async ({ data }) => sign(null, data, key) };
}

export function signerOf(keyPair: Ed25519KeyPair): Signer {
  if (!keyPair.id) throw new Error('key pair has no verification method id');
  return signerOver(keyPair.id, privateKeyOf(keyPair));
}

const publicKeys = new Map<string, KeyObject>();

function publicKeyOf(keyPair: Ed25519KeyPair): KeyObject {
  let key = publicKeys.get(keyPair.publicKeyMultibase);
  if (!key) {
    key = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, keyPair.publicKey]),
      format: 'der',
      type: 'spki',
    });
    if (publicKeys.size >= MAX_PUBLIC_KEYS) publicKeys.clear();
    publicKeys.set(keyPair.publicKeyMultibase, key);
  }
  return key;
}

/** The cryptosuite's createVerifier: the library reads the method, the imported key is reused. */
export async function createVerifier({
  verificationMethod,
}: {
  verificationMethod: JsonObject;
}): Promise<Verifier> {
  const keyPair = await Ed25519Multikey.from(verificationMethod);
  const key = publicKeyOf(keyPair);
  return {
    ...(keyPair.id ? { id: keyPair.id } : {}),
    algorithm: 'Ed25519',
    verify: async ({ data, signature }) => verify(null, data, key, signature),
  };
}
