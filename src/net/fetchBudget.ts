import { AsyncLocalStorage } from 'node:async_hooks';
import { FetchRefusedError } from './fetchWithPolicy.js';

/** How many remote documents one verification may fetch, and for how long in all. */
export interface FetchBudget {
  maxFetches: number;
  deadlineMs: number;
}

/**
 * A credential with did:web and two status lists needs about three documents; a few more than
 * that and a verification is more likely to be an attempt to make this service fetch for someone.
 */
export const DEFAULT_FETCH_BUDGET: Readonly<FetchBudget> = { maxFetches: 4, deadlineMs: 8_000 };

/** The budget of the verification running now: what is left of it, and what it already fetched. */
export class ActiveFetchBudget {
  private used = 0;
  private readonly deadline: number;
  /** Documents fetched during this verification: fetched once each, whatever their max-age. */
  readonly documents = new Map<string, unknown>();

  constructor(
    private readonly budget: FetchBudget,
    private readonly now: () => number,
  ) {
    this.deadline = now() + budget.deadlineMs;
  }

  /** Milliseconds until the deadline (0 or less once it has passed). */
  remainingMs(): number {
    return this.deadline - this.now();
  }

  /** Takes one fetch for `url` and returns the time it may take; refuses when none is left. */
  take(url: string): number {
    if (this.used >= this.budget.maxFetches) {
      throw new FetchRefusedError(
        url,
        `this verification already made ${this.used} remote fetches (at most ${this.budget.maxFetches})`,
      );
    }
    const remaining = this.remainingMs();
    if (remaining <= 0) {
      throw new FetchRefusedError(url, 'the verification ran out of time for remote documents');
    }
    this.used += 1;
    return remaining;
  }
}

const current = new AsyncLocalStorage<ActiveFetchBudget>();

/**
 * Runs `fn` (one verification) with a budget every remote document fetch inside it draws on;
 * `now` is the clock the deadline is measured with (tests move it).
 */
export function runWithFetchBudget<T>(
  budget: FetchBudget,
  fn: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  return current.run(new ActiveFetchBudget(budget, now), fn);
}

/** The budget of the verification this call is part of, if it runs inside one. */
export function currentFetchBudget(): ActiveFetchBudget | undefined {
  return current.getStore();
}
