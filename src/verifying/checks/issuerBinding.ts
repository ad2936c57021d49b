import { issuerIdOf } from '../../credentials/fields.js';
import type { Check } from '../check.js';
import type { ProofSet } from '../proofs/proofSet.js';
import { failure, skipped, success, unavailable, type Outcome } from '../report.js';

/**
 * At least one verifying proof is by the issuer: its method's controller is the issuer, which
 * lists the method under assertionMethod (checked with the proof). Proofs by others are named.
 */
export function issuerBindingOutcome(
  set: ProofSet,
  issuerId: string | undefined,
  claimedIssuer?: unknown,
): Outcome {
  if (!issuerId) return failure('issuer-mismatch', 'the credential names no issuer');
  if (set.kind === 'refused') return skipped('no proof was checked, so there is no signer to bind');
  if (claimedIssuer !== undefined && claimedIssuer !== issuerId) {
    return failure(
      'issuer-mismatch',
      `the JWT iss ${String(claimedIssuer)} is not the credential's issuer ${issuerId}`,
    );
  }
  const verified = set.results.flatMap((result) => (result.outcome === 'verified' ? [result] : []));
  if (verified.length === 0) {
    if (set.results.some((result) => result.outcome === 'unavailable'))
      return unavailable('the signer is not known: its key could not be fetched');
    return skipped('no proof verified, so there is no signer to bind');
  }
  const others = verified.filter((result) => result.controller !== issuerId);
  if (others.length === verified.length) {
    const signers = [...new Set(verified.map((result) => result.controller))].join(', ');
    return failure(
      'issuer-mismatch',
      `the proofs are by ${signers}, not by the issuer ${issuerId}`,
    );
  }
  if (others.length === 0) return success(`signed by the issuer ${issuerId}`);
  const names = others
    .map((result) => `proof ${result.index + 1} by ${result.controller}`)
    .join(', ');
  return success(`signed by the issuer ${issuerId}; also ${names} (not the issuer)`);
}

export const issuerBindingCheck: Check = {
  id: 'issuer.binding',
  async run(context) {
    const { presented } = context;
    if (presented.format === 'unreadable') return skipped('the credential could not be read');
    return issuerBindingOutcome(
      await context.proofs(),
      issuerIdOf(presented.credential),
      presented.format === 'jwt' ? presented.credential.iss : undefined,
    );
  },
};
