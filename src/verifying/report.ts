import {
  ProblemError,
  type FieldError,
  type ProblemFields,
  type UnprocessableSlug,
} from '../core/problems.js';

/**
 * success: the check ran and passed; failure: it ran and failed; skipped: it did not apply
 * (`reason`), or could not run (`unavailable`: a DID or status list out of reach, a budget spent),
 * in which case the credential is not verified but is not called forged either.
 */
export type Outcome =
  | { outcome: 'success'; detail?: string }
  | { outcome: 'failure'; problem: ProblemFields }
  | { outcome: 'skipped'; reason: string; unavailable?: true };

export type CheckResult = { id: string } & Outcome;

/** verified: every check passed or did not apply; unchecked: one could not run; else not verified. */
export type Verdict = 'verified' | 'not-verified' | 'unchecked';

export interface VerificationReport {
  verified: boolean;
  verdict: Verdict;
  checks: CheckResult[];
  /** Why checks were skipped: worth knowing; for a check that could not run, why it could not. */
  warnings: string[];
  /** The problem of each failed check. */
  errors: ProblemFields[];
}

export const success = (detail?: string): Outcome =>
  detail === undefined ? { outcome: 'success' } : { outcome: 'success', detail };

export const skipped = (reason: string): Outcome => ({ outcome: 'skipped', reason });

/** The check could not run; says what it needed (a connection, a reachable host, time). */
export const unavailable = (reason: string): Outcome => ({
  outcome: 'skipped',
  reason,
  unavailable: true,
});

/** A check's failure: always a 422 problem, its title the catalogue's. */
export function failure(
  slug: UnprocessableSlug,
  detail: string,
  extensions: Record<string, unknown> = {},
): Outcome {
  return { outcome: 'failure', problem: new ProblemError(slug, detail, extensions).toProblem() };
}

/** The document does not have the shape its schema gives: the first field named, all listed. */
export function schemaFailure(
  slug: 'malformed-credential' | 'malformed-presentation',
  errors: readonly FieldError[],
): Outcome {
  const [first] = errors;
  return failure(slug, `${first?.field}: ${first?.message}`, { errors });
}

/** A failure that carries a problem raised elsewhere (e.g. a DID that does not resolve). */
export function failureFrom(error: unknown, fallbackSlug: UnprocessableSlug): Outcome {
  if (error instanceof ProblemError) return { outcome: 'failure', problem: error.toProblem() };
  return failure(fallbackSlug, error instanceof Error ? error.message : String(error));
}

export function verdictOf(checks: readonly Outcome[]): Verdict {
  if (checks.some((check) => check.outcome === 'failure')) return 'not-verified';
  if (checks.some((check) => check.outcome === 'skipped' && check.unavailable)) return 'unchecked';
  return 'verified';
}

/** A whole made of parts is as good as its worst part. */
export function combinedVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('not-verified')) return 'not-verified';
  if (verdicts.includes('unchecked')) return 'unchecked';
  return 'verified';
}

export function buildReport(checks: CheckResult[]): VerificationReport {
  const verdict = verdictOf(checks);
  return {
    verified: verdict === 'verified',
    verdict,
    checks,
    warnings: checks.flatMap((check) =>
      check.outcome === 'skipped' ? [`${check.id}: ${check.reason}`] : [],
    ),
    errors: checks.flatMap((check) => (check.outcome === 'failure' ? [check.problem] : [])),
  };
}
