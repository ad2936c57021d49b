// When a delivery's attempts are due: the first at once, each later one after a wait that doubles,
// and none after the retry window has closed.

export interface RetryPolicy {
  /** The wait before the second attempt, in seconds. */
  baseSeconds: number;
  /** How long after queueing attempts may still be made. */
  retryHours: number;
}

/**
 * When attempt number `attempt` is due: the first when queued, attempt n after attempt n-1
 * started plus base * 2^(n-2) seconds.
 */
export function attemptDueAt(
  queuedAt: Date,
  previousStart: Date | undefined,
  attempt: number,
  policy: RetryPolicy,
): Date {
  if (attempt === 1 || previousStart === undefined) return queuedAt;
  return new Date(previousStart.getTime() + policy.baseSeconds * 1000 * 2 ** (attempt - 2));
}

/** An attempt due after this is not made: the delivery has failed. */
export function retryDeadline(queuedAt: Date, policy: RetryPolicy): Date {
  return new Date(queuedAt.getTime() + policy.retryHours * 3_600_000);
}
