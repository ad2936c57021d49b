import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { eddsaRdfc2022 } from '../../signing/eddsaRdfc2022.js';
import type { JsonObject } from '../../core/json.js';

/** The proof types this verifier checks: ours (eddsa-rdfc-2022) and what the ecosystem issues. */
export const SUPPORTED_PROOFS = [
  'DataIntegrityProof with eddsa-rdfc-2022',
  'DataIntegrityProof with ecdsa-rdfc-2019',
  'Ed25519Signature2020',
] as const;

export function isSupportedProof(proof: JsonObject): boolean {
  if (proof.type === 'Ed25519Signature2020') return true;
  return (
    proof.type === 'DataIntegrityProof' &&
    (proof.cryptosuite === 'eddsa-rdfc-2022' || proof.cryptosuite === 'ecdsa-rdfc-2019')
  );
}

/** A suite instance for one proof; each is matched by jsonld-signatures on type and cryptosuite. */
export function suiteFor(proof: JsonObject): unknown {
  if (proof.type === 'Ed25519Signature2020') return new Ed25519Signature2020();
  return new DataIntegrityProof({
    cryptosuite: proof.cryptosuite === 'ecdsa-rdfc-2019' ? ecdsaRdfc2019 : eddsaRdfc2022,
  });
}
