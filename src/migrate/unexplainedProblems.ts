import { PROBLEM_BASE, type ProblemSlug } from '../core/problems.js';
import type { CredentialState } from '../core/credentialState.js';
import type { VerificationReport } from '../verifying/report.js';

/**
 * Failures a credential's own record accounts for, by check: its recorded revocation or
 * suspension, its dates, and a constituent's state (checked on the constituent itself). A move
 * cannot cause these; it can cause every other failure.
 */
const EXPLAINED: Record<string, (state: CredentialState) => ProblemSlug | undefined> = {
  'status.revocation': (state) => (state === 'revoked' ? 'credential-revoked' : undefined),
  'status.suspension': (state) => (state === 'suspended' ? 'credential-suspended' : undefined),
  'dates.validFrom': () => 'credential-not-yet-valid',
  'dates.validUntil': () => 'credential-expired',
  'stack.constituents': () => 'constituent-invalid',
};

/**
 * What in a credential's report on the target disagrees with what the source recorded for it:
 * a failure its record does not explain, or a revocation or suspension the target lost.
 */
export function unexplainedProblems(report: VerificationReport, state: CredentialState): string[] {
  const failures = new Map(
    report.checks.flatMap((check) =>
      check.outcome === 'failure' ? [[check.id, check.problem] as const] : [],
    ),
  );
  const problems = [...failures].flatMap(([id, problem]) => {
    const slug = EXPLAINED[id]?.(state);
    if (slug !== undefined && problem.type === PROBLEM_BASE + slug) return [];
    return [`${id}: ${problem.detail ?? problem.title}`];
  });
  for (const [id, lost] of [
    ['status.revocation', 'revoked'],
    ['status.suspension', 'suspended'],
  ] as const) {
    if (state === lost && !failures.has(id)) {
      problems.push(`${id}: ${lost} on the source, but the target's status list does not say so`);
    }
  }
  return problems;
}
