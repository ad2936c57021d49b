import type { KeyObject } from 'node:crypto';
import { UnprocessableError, type UnprocessableSlug } from '../core/problems.js';
import type { JsonObject } from '../core/json.js';
import { createDocumentLoader, UnknownDocumentError } from '../jsonld/documentLoader.js';
import type { Ed25519KeyPair } from '../keys/issuerKey.js';
import { privateKeyOf, signerOver } from './ed25519Keys.js';
import { signDataIntegrityWith } from './signDataIntegrity.js';
import { asSigningProblem } from './signingProblem.js';

/** Signs a credential with the key pair (on a worker thread or not, byte for byte the same). */
export type DataIntegritySigner = (
  credential: JsonObject,
  keyPair: Ed25519KeyPair,
  created?: string,
) => Promise<JsonObject>;

/**
 * One Data Integrity signature to make, with no I/O, so it can run on any thread. Of the key
 * pair only the private key and its verification method id cross; a KeyObject is handed to
 * another thread as a key, never as bytes in a message that could be logged.
 */
export interface SignTask {
  credential: JsonObject;
  keyId: string;
  privateKey: KeyObject;
  created?: string;
}

/** Errors cannot cross threads as themselves: a problem by its slug, anything else by its message. */
export type SignTaskResult =
  | { signed: JsonObject }
  | { problem: { slug: UnprocessableSlug; detail: string; extensions: Record<string, unknown> } }
  | { error: string };

// A credential's contexts are all bundled; signing resolves no DID.
const contextsOnly = createDocumentLoader(async (did) => {
  throw new UnknownDocumentError(did);
});

export function signTaskOf(
  credential: JsonObject,
  keyPair: Ed25519KeyPair,
  created?: string,
): SignTask {
  if (!keyPair.id) throw new Error('key pair has no verification method id');
  return {
    credential,
    keyId: keyPair.id,
    privateKey: privateKeyOf(keyPair),
    ...(created ? { created } : {}),
  };
}

export async function runSignTask(task: SignTask): Promise<SignTaskResult> {
  try {
    const signer = signerOver(task.keyId, task.privateKey);
    return {
      signed: await signDataIntegrityWith(task.credential, signer, contextsOnly, task.created),
    };
  } catch (error) {
    const problem = asSigningProblem(error);
    if (problem instanceof UnprocessableError) {
      return {
        problem: {
          slug: problem.slug as UnprocessableSlug,
          detail: problem.message,
          extensions: problem.extensions,
        },
      };
    }
    return { error: problem instanceof Error ? problem.message : String(problem) };
  }
}

/** The signed credential, or the task's failure thrown again on this side. */
export function signedOf(result: SignTaskResult): JsonObject {
  if ('signed' in result) return result.signed;
  if ('problem' in result) {
    const { slug, detail, extensions } = result.problem;
    throw new UnprocessableError(slug, detail, extensions);
  }
  throw new Error(result.error);
}
