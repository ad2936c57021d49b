import type { CheckResult, VerificationReport } from '../verifying/report.js';

/** Where the issuer's status list puts the credential (fed by the status module). */
export type StatusState = 'active' | 'suspended' | 'revoked' | 'expired';

/** The one line a visitor reads first. */
export type Verdict = 'verified' | 'notVerified' | 'expired' | 'revoked' | 'suspended';

/** Failures that still leave the credential authentic: it ended, or the issuer withdrew it. */
const STANDING_PROBLEMS: Record<string, Verdict> = {
  'credential-revoked': 'revoked',
  'credential-suspended': 'suspended',
  'credential-expired': 'expired',
};

const problemSlug = (check: CheckResult): string | undefined =>
  check.outcome === 'failure' ? check.problem.type.split('/').pop() : undefined;

/**
 * Verified when nothing failed. When only standing checks failed (revoked, suspended, expired)
 * the credential is authentic and the page says which; any other failure means not verified.
 */
export function verdictOf(report: VerificationReport, state?: StatusState): Verdict {
  // A tier withdrawn because a constituent was also fails the constituent check: same standing.
  const followsState = (check: CheckResult): boolean =>
    state !== undefined && state !== 'active' && problemSlug(check) === 'constituent-invalid';
  const failed = report.checks.filter(
    (check) => check.outcome === 'failure' && !followsState(check),
  );
  const standing = failed.map((check) => STANDING_PROBLEMS[problemSlug(check) ?? '']);
  if (standing.some((verdict) => verdict === undefined)) return 'notVerified';
  if (state === 'revoked' || standing.includes('revoked')) return 'revoked';
  if (state === 'suspended' || standing.includes('suspended')) return 'suspended';
  if (state === 'expired' || standing.includes('expired')) return 'expired';
  return 'verified';
}
