import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from './core/clock.js';
import { ConflictError, UnprocessableError } from './core/problems.js';
import type { IdempotencyRecord, IdempotencyStore } from './store/ports/idempotencyStore.js';

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** What an idempotent request runs, given the id its result must get. */
export type Execute = (workId: string) => Promise<StoredResponse>;
/** The response for a result already stored under `workId`, if it is there. */
export type Recover = (workId: string) => Promise<StoredResponse | undefined>;

function hashRequest(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

/**
 * Runs `execute` at most once per (scope, key): the key is claimed by insert, a retry gets the
 * first response back, and a failed first attempt frees the key so nothing is left half-done.
 *
 * A claim outlives its request when the process dies mid-request or the write that would free it
 * fails (a full disk). Such a claim, once older than the repair age, is repaired by the retry that
 * finds it: completed with the result its request stored (found by the claim's work id), or else
 * freed so the retry runs the work itself; never both, since the result cannot appear any more.
 */
export class Idempotency {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    private readonly repairAfterSeconds: number,
    /** Told of a claim's write that failed and is left for a later retry to repair. */
    private readonly claimWriteFailed: (error: unknown) => void,
  ) {}

  async run(
    scope: string,
    key: string | undefined,
    body: unknown,
    execute: Execute,
    recover?: Recover,
  ): Promise<StoredResponse> {
    if (key === undefined) return this.#executeOnce(randomUUID(), execute, recover);
    const requestHash = hashRequest(body);
    for (let attempt = 0; ; attempt += 1) {
      const workId = randomUUID();
      const createdAt = this.clock().toISOString();
      const claim = await this.store.claimIdempotencyKey({
        scope,
        key,
        requestHash,
        createdAt,
        workId,
      });
      if (claim.claimed) return this.#execute(scope, key, workId, execute, recover);
      const { existing } = claim;
      if (existing.requestHash !== requestHash) {
        throw new UnprocessableError(
          'idempotency-key-reused',
          `Idempotency-Key "${key}" was first used with a different request body`,
        );
      }
      if (existing.response !== undefined) {
        return JSON.parse(existing.response) as StoredResponse;
      }
      if (attempt > 0 || !this.#abandoned(existing)) {
        throw new ConflictError(
          `the first request with Idempotency-Key "${key}" is still running`,
          'request-in-progress',
        );
      }
      const recovered = existing.workId ? await recover?.(existing.workId) : undefined;
      if (recovered) {
        await this.store.completeIdempotencyKey(scope, key, JSON.stringify(recovered));
        return recovered;
      }
      await this.store.releaseIdempotencyKey(scope, key, existing.createdAt);
    }
  }

  async #execute(
    scope: string,
    key: string,
    workId: string,
    execute: Execute,
    recover: Recover | undefined,
  ): Promise<StoredResponse> {
    let response: StoredResponse;
    try {
      response = await execute(workId);
    } catch (error) {
      // A step after the result was stored failed: the result stands, and freeing the key would
      // let the retry make a second one. So the request is answered with it.
      const stored = await recover?.(workId).catch(() => undefined);
      if (stored) {
        await this.store
          .completeIdempotencyKey(scope, key, JSON.stringify(stored))
          .catch(this.claimWriteFailed);
        return stored;
      }
      // Should freeing fail too (the disk is still full), the claim is repaired by a later retry.
      await this.store.releaseIdempotencyKey(scope, key).catch(this.claimWriteFailed);
      throw error;
    }
    // The work is done and the client is told so even if recording the response fails: a retry
    // then finds the claim running and, once it is old, completes it from the work id.
    await this.store
      .completeIdempotencyKey(scope, key, JSON.stringify(response))
      .catch(this.claimWriteFailed);
    return response;
  }

  /** Without a key nothing is claimed, but a result that was stored is still the answer. */
  async #executeOnce(
    workId: string,
    execute: Execute,
    recover: Recover | undefined,
  ): Promise<StoredResponse> {
    try {
      return await execute(workId);
    } catch (error) {
      const stored = await recover?.(workId).catch(() => undefined);
      if (stored) return stored;
      throw error;
    }
  }

  /** Older than any request runs: its request died, or the write that would have freed it failed. */
  #abandoned(record: IdempotencyRecord): boolean {
    const age = this.clock().getTime() - Date.parse(record.createdAt);
    return age > this.repairAfterSeconds * 1000;
  }
}
