import { ProblemError, type ProblemFields } from '../errors.js';

export type CheckResult =
  | { id: string; outcome: 'success' }
  | { id: string; outcome: 'failure'; problem: ProblemFields }
  | { id: string; outcome: 'skipped'; reason: string };

export interface VerificationReport {
  verified: boolean;
  checks: CheckResult[];
  /** Why checks were skipped: worth knowing, not a failure. */
  warnings: string[];
  /** The problem of each failed check. */
  errors: ProblemFields[];
}

export type Outcome =
  | { outcome: 'success' }
  | { outcome: 'failure'; problem: ProblemFields }
  | { outcome: 'skipped'; reason: string };

export const success = (): Outcome => ({ outcome: 'success' });

export const skipped = (reason: string): Outcome => ({ outcome: 'skipped', reason });

export function failure(
  slug: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Outcome {
  return {
    outcome: 'failure',
    problem: new ProblemError(422, slug, title, detail, extensions).toProblem(),
  };
}

/** A failure that carries a problem raised elsewhere (e.g. an unresolvable DID). */
export function failureFrom(error: unknown, fallbackSlug: string, fallbackTitle: string): Outcome {
  if (error instanceof ProblemError) return { outcome: 'failure', problem: error.toProblem() };
  return failure(
    fallbackSlug,
    fallbackTitle,
    error instanceof Error ? error.message : String(error),
  );
}

export function buildReport(checks: CheckResult[]): VerificationReport {
  return {
    verified: checks.every((check) => check.outcome !== 'failure'),
    checks,
    warnings: checks.flatMap((check) =>
      check.outcome === 'skipped' ? [`${check.id}: ${check.reason}`] : [],
    ),
    errors: checks.flatMap((check) => (check.outcome === 'failure' ? [check.problem] : [])),
  };
}
