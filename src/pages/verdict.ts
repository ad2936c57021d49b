import type { Standing } from '../core/credentialState.js';
import type { UnprocessableSlug } from '../core/problems.js';
import type { PresentationReport } from '../verifying/presentation.js';
import type { CheckResult, VerificationReport } from '../verifying/report.js';

/**
 * The one line a visitor reads first. `unchecked`: nothing found is wrong, but a check could not
 * run (an issuer's key or status list out of reach), so the page cannot say "Verified" either.
 */
export type Verdict =
  'verified' | 'notVerified' | 'unchecked' | 'expired' | 'revoked' | 'suspended';

/** A presentation as a whole is verified, not verified, or not fully checked: it has no standing. */
export type PresentationVerdict = Extract<Verdict, 'verified' | 'notVerified' | 'unchecked'>;

/** Failures that still leave the credential authentic: it ended, or the issuer withdrew it. */
const STANDING_PROBLEMS: Partial<Record<UnprocessableSlug, Verdict>> = {
  'credential-revoked': 'revoked',
  'credential-suspended': 'suspended',
  'credential-expired': 'expired',
};

/** The checks that say who signed it: until they ran, the credential is not known to be authentic. */
const AUTHENTICITY_CHECKS = new Set(['proof.signature', 'issuer.binding']);

const problemSlug = (check: CheckResult): UnprocessableSlug | undefined =>
  check.outcome === 'failure'
    ? (check.problem.type.split('/').pop() as UnprocessableSlug)
    : undefined;

/** The check could not run (as opposed to not applying). */
export function isUnavailable(check: CheckResult): boolean {
  return check.outcome === 'skipped' && check.unavailable === true;
}

/**
 * Verified when nothing failed and every check ran. When only standing checks failed (revoked,
 * suspended, expired) the credential is authentic and the page says which; any other failure
 * means not verified. A check that could not run makes it unchecked, except that a revocation or
 * suspension the issuer published is said even so, and "Expired" (which vouches for the
 * signature) is said only when the signature and issuer were checked.
 */
export function verdictOf(report: VerificationReport, state?: Standing): Verdict {
  // A tier withdrawn because a constituent was also fails the constituent check: same standing.
  const followsState = (check: CheckResult): boolean =>
    state !== undefined && state !== 'active' && problemSlug(check) === 'constituent-invalid';
  const failed = report.checks.filter(
    (check) => check.outcome === 'failure' && !followsState(check),
  );
  const standing = failed.map((check) => {
    const slug = problemSlug(check);
    return slug && STANDING_PROBLEMS[slug];
  });
  if (standing.some((verdict) => verdict === undefined)) return 'notVerified';
  if (state === 'revoked' || standing.includes('revoked')) return 'revoked';
  if (state === 'suspended' || standing.includes('suspended')) return 'suspended';
  const unavailable = report.checks.filter(isUnavailable);
  if (unavailable.some((check) => AUTHENTICITY_CHECKS.has(check.id))) return 'unchecked';
  if (state === 'expired' || standing.includes('expired')) return 'expired';
  return unavailable.length > 0 ? 'unchecked' : 'verified';
}

const PRESENTATION_VERDICTS: Record<PresentationReport['verdict'], PresentationVerdict> = {
  verified: 'verified',
  'not-verified': 'notVerified',
  unchecked: 'unchecked',
};

/** The verifier's verdict over the presentation and all it carries (the worst of them). */
export function presentationVerdictOf(result: PresentationReport): PresentationVerdict {
  return PRESENTATION_VERDICTS[result.verdict];
}
