import { createHash } from 'node:crypto';
import type { Clock } from './core/clock.js';
import { ConflictError, UnprocessableError } from './core/problems.js';
import type { IdempotencyStore } from './store/ports/idempotencyStore.js';

export interface StoredResponse {
  status: number;
  body: unknown;
}

function hashRequest(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

/**
 * Runs `execute` at most once per (scope, key): the key is claimed by insert, a retry gets the
 * first response back, and a failed first attempt frees the key so nothing is left half-done.
 */
export class Idempotency {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
  ) {}

  async run(
    scope: string,
    key: string | undefined,
    body: unknown,
    execute: () => Promise<StoredResponse>,
  ): Promise<StoredResponse> {
    const { store } = this;
    if (key === undefined) return execute();
    const requestHash = hashRequest(body);
    const createdAt = this.clock().toISOString();
    const claim = await store.claimIdempotencyKey({ scope, key, requestHash, createdAt });
    if (!claim.claimed) {
      const { existing } = claim;
      if (existing.requestHash !== requestHash) {
        throw new UnprocessableError(
          'idempotency-key-reused',
          `Idempotency-Key "${key}" was first used with a different request body`,
        );
      }
      if (existing.response === undefined) {
        throw new ConflictError(
          `the first request with Idempotency-Key "${key}" is still running`,
          'request-in-progress',
        );
      }
      return JSON.parse(existing.response) as StoredResponse;
    }
    try {
      const response = await execute();
      await store.completeIdempotencyKey(scope, key, JSON.stringify(response));
      return response;
    } catch (error) {
      await store.releaseIdempotencyKey(scope, key);
      throw error;
    }
  }
}
