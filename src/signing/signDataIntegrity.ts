import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { eddsaRdfc2022 } from './eddsaRdfc2022.js';
import { signerOf, type Signer } from './ed25519Keys.js';
import { UnprocessableError } from '../core/problems.js';
import type { Ed25519KeyPair } from '../keys/issuerKey.js';
import type { DocumentLoader } from '../jsonld/documentLoader.js';
import type { JsonObject } from '../core/json.js';

type CheckCredential = (options: { credential: JsonObject; mode: 'issue' }) => void;

/**
 * The shape checks vc.issue runs before signing (exported by the library for its tests). They
 * throw plain Errors, which inside vc.issue look like a failure of the signer itself; run first,
 * they can be told apart and answered as a problem with the content.
 */
const checkCredential = (vc as unknown as { _checkCredential?: CheckCredential })._checkCredential;

/** `property "termsOfUse" must …` or `"issuer" id is required.` -> credential.termsOfUse */
function fieldOf(message: string): string {
  const property = /"([A-Za-z@][\w.@]*)"/.exec(message)?.[1];
  return property === undefined ? 'credential' : `credential.${property}`;
}

function assertSignable(credential: JsonObject): void {
  if (!checkCredential) return;
  try {
    checkCredential({ credential, mode: 'issue' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UnprocessableError(
      'credential-unsignable',
      `the credential is not a valid Verifiable Credential: ${message}`,
      { errors: [{ field: fieldOf(message), message }] },
    );
  }
}

/** Adds a DataIntegrityProof (eddsa-rdfc-2022) made by the signer. */
export async function signDataIntegrityWith(
  credential: JsonObject,
  signer: Signer,
  documentLoader: DocumentLoader,
  created?: string,
): Promise<JsonObject> {
  assertSignable(credential);
  const suite = new DataIntegrityProof({
    signer,
    cryptosuite: eddsaRdfc2022,
    ...(created ? { date: created } : {}),
  });
  return vc.issue({ credential, suite, documentLoader });
}

/** Adds a DataIntegrityProof (eddsa-rdfc-2022) made with the key pair. */
export function signDataIntegrity(
  credential: JsonObject,
  keyPair: Ed25519KeyPair,
  documentLoader: DocumentLoader,
  created?: string,
): Promise<JsonObject> {
  return signDataIntegrityWith(credential, signerOf(keyPair), documentLoader, created);
}
