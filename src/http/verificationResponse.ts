import { ProblemError } from '../core/problems.js';
import type { Verdict, VerificationReport } from '../verifying/report.js';
import type { RouteResponse } from './route.js';

/** The one line a machine reads first: the first failure, or why a check could not run. */
function problemFor(verdict: Verdict, report: VerificationReport): ProblemError {
  if (verdict === 'unchecked') {
    const reason = report.checks.find((check) => check.outcome === 'skipped' && check.unavailable);
    return new ProblemError(
      'verification-incomplete',
      reason?.outcome === 'skipped' ? `${reason.id}: ${reason.reason}` : 'a check could not run',
    );
  }
  const first = report.errors[0];
  return new ProblemError(
    'verification-failed',
    first ? `${String(first.title)}: ${String(first.detail ?? '')}` : 'a check failed',
  );
}

/**
 * 200 with the report when verified; otherwise 422 problem+json carrying the same report, as
 * "failed" when a check ran and failed and as "incomplete" when one could not run.
 */
export function verificationResponse<Report extends { verified: boolean; verdict: Verdict }>(
  result: Report,
  report: VerificationReport,
): RouteResponse {
  if (result.verified) return { status: 200, body: result };
  const problem = problemFor(result.verdict, report).toProblem();
  return {
    status: 422,
    body: { ...problem, ...result },
    contentType: 'application/problem+json',
  };
}
