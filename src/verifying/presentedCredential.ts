import { decodeJwt, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import type { JsonObject } from '../jsonld/documentLoader.js';

/** A credential as presented for verification, with what its securing mechanism needs. */
export type PresentedCredential =
  | { format: 'di'; credential: JsonObject }
  | { format: 'jwt'; credential: JsonObject; jws: string; header: ProtectedHeaderParameters }
  | { format: 'unreadable'; credential: JsonObject; reason: string };

export function presentCredential(input: JsonObject | string): PresentedCredential {
  if (typeof input !== 'string') return { format: 'di', credential: input };
  try {
    return {
      format: 'jwt',
      credential: decodeJwt(input) as JsonObject,
      jws: input,
      header: decodeProtectedHeader(input),
    };
  } catch (error) {
    return {
      format: 'unreadable',
      credential: {},
      reason: `not a compact JWS with a JSON payload: ${(error as Error).message}`,
    };
  }
}

/** The verification method the credential claims was used: DI proof.verificationMethod or JWS kid. */
export function verificationMethodOf(presented: PresentedCredential): string | undefined {
  if (presented.format === 'jwt') return presented.header.kid;
  if (presented.format !== 'di') return undefined;
  const proofs = ([] as unknown[]).concat(presented.credential.proof ?? []);
  const first = proofs[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const method = (first as JsonObject).verificationMethod;
  return typeof method === 'string' ? method : undefined;
}
