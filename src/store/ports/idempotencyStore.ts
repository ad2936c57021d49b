// One result per (scope, key): the first request claims the key by insert.

export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
  /** When the first request claimed the key, by the caller's clock. */
  createdAt: string;
}

export interface IdempotencyRecord extends IdempotencyClaim {
  /** JSON of the first response; undefined while the first request is still running. */
  response?: string;
}

export type ClaimResult<T> = { claimed: true } | { claimed: false; existing: T };

export interface IdempotencyStore {
  claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimResult<IdempotencyRecord>>;
  completeIdempotencyKey(scope: string, key: string, response: string): Promise<void>;
  /** Frees a claim whose request failed, so the failure leaves nothing behind. */
  releaseIdempotencyKey(scope: string, key: string): Promise<void>;
}
