import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { Ed25519KeyPair } from '../keys/issuerKey.js';
import type { DocumentLoader, JsonObject } from '../jsonld/documentLoader.js';

/** Adds a DataIntegrityProof (eddsa-rdfc-2022) made with the key pair. */
export async function signDataIntegrity(
  credential: JsonObject,
  keyPair: Ed25519KeyPair,
  documentLoader: DocumentLoader,
  created?: string,
): Promise<JsonObject> {
  const suite = new DataIntegrityProof({
    signer: keyPair.signer(),
    cryptosuite: eddsaRdfc2022,
    ...(created ? { date: created } : {}),
  });
  return vc.issue({ credential, suite, documentLoader });
}
