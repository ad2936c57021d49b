// Idempotency keys in MongoDB: the first request's insert claims (scope, key).
import type {
  ClaimResult,
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyStore,
} from '../ports/idempotencyStore.js';
import { insertIfAbsent, retryTransient as retry } from './errors.js';
import type { Models } from './models.js';
import { toIdempotency } from './records.js';

/** A claim that loses to a key released in the same instant inserts again; this bounds the loop. */
const CLAIM_ATTEMPTS = 5;

export class MongoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly models: Models) {}

  async claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimResult<IdempotencyRecord>> {
    const { scope, key } = claim;
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      const claimed = await insertIfAbsent(() => this.models.idempotencyKeys.create(claim));
      if (claimed) return { claimed: true };
      const existing = await retry(() =>
        this.models.idempotencyKeys.findOne({ scope, key }).lean(),
      );
      // Gone again: its first request failed and released it between our insert and this read.
      if (existing) return { claimed: false, existing: toIdempotency(existing) };
    }
    throw new Error(`idempotency key ${scope}/${key} kept being released while it was claimed`);
  }

  async completeIdempotencyKey(scope: string, key: string, response: string): Promise<void> {
    await retry(() =>
      this.models.idempotencyKeys.updateOne({ scope, key }, { $set: { response } }),
    );
  }

  async releaseIdempotencyKey(scope: string, key: string, createdAt?: string): Promise<void> {
    await retry(() =>
      this.models.idempotencyKeys.deleteOne({
        scope,
        key,
        response: { $exists: false },
        ...(createdAt === undefined ? {} : { createdAt }),
      }),
    );
  }
}
