import { decodeJwt, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import type { JsonObject } from '../core/json.js';
import { VC_V1_CONTEXT } from '../jsonld/contextUrls.js';
import { overLimit } from './limits.js';

export interface Unreadable {
  slug: 'malformed-credential' | 'credential-too-large';
  detail: string;
}

/** A credential as presented for verification, with what its securing mechanism needs. */
export type PresentedCredential =
  | { format: 'di'; credential: JsonObject }
  | {
      format: 'jwt';
      credential: JsonObject;
      jws: string;
      header: ProtectedHeaderParameters;
    }
  | { format: 'unreadable'; credential: JsonObject; problem: Unreadable };

function unreadable(slug: Unreadable['slug'], detail: string): PresentedCredential {
  return { format: 'unreadable', credential: {}, problem: { slug, detail } };
}

export function presentCredential(input: JsonObject | string): PresentedCredential {
  if (typeof input !== 'string') {
    const over = overLimit(input);
    if (over) return unreadable('credential-too-large', `the credential has ${over}`);
    return { format: 'di', credential: input };
  }
  let presented: PresentedCredential;
  try {
    presented = {
      format: 'jwt',
      credential: decodeJwt(input) as JsonObject,
      jws: input,
      header: decodeProtectedHeader(input),
    };
  } catch (error) {
    return unreadable(
      'malformed-credential',
      `not a compact JWS with a JSON payload: ${(error as Error).message}`,
    );
  }
  const over = overLimit(presented.credential);
  if (over) return unreadable('credential-too-large', `the credential has ${over}`);
  return presented;
}

/** VC 1.1 documents open with the 2018 context; everything else is read as VC 2.0. */
export function isVc11(credential: JsonObject): boolean {
  const contexts = ([] as unknown[]).concat(credential['@context'] ?? []);
  return contexts[0] === VC_V1_CONTEXT;
}

/** The dates a credential is valid between, from VC 2.0 names or their VC 1.1 forerunners. */
export function validityOf(credential: JsonObject): { validFrom?: unknown; validUntil?: unknown } {
  if (isVc11(credential))
    return { validFrom: credential.issuanceDate, validUntil: credential.expirationDate };
  return { validFrom: credential.validFrom, validUntil: credential.validUntil };
}
