// One result per (scope, key): the first request claims the key by insert.

export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
  /** When the first request claimed the key, by the caller's clock. */
  createdAt: string;
  /**
   * The id of what the request makes (a credential's UUID, a batch's id), chosen at the claim: a
   * claim whose request died is completed from it when it exists. Older claims have none.
   */
  workId?: string;
}

export interface IdempotencyRecord extends IdempotencyClaim {
  /** JSON of the first response; undefined while the first request is still running. */
  response?: string;
}

export type ClaimResult<T> = { claimed: true } | { claimed: false; existing: T };

export interface IdempotencyStore {
  claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimResult<IdempotencyRecord>>;
  completeIdempotencyKey(scope: string, key: string, response: string): Promise<void>;
  /**
   * Frees a claim whose request failed, so the failure leaves nothing behind; never a completed
   * one, and with `createdAt` only the claim made then (not a newer claim of the same key).
   */
  releaseIdempotencyKey(scope: string, key: string, createdAt?: string): Promise<void>;
}
