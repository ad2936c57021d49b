// Idempotency keys in SQLite: the first request's insert claims (scope, key).
import type {
  ClaimResult,
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyStore,
} from '../ports/idempotencyStore.js';
import type { SqliteDatabase } from './database.js';
import { toIdempotency, type Row } from './rows.js';
import { insertIfAbsent } from './uniqueKeys.js';

export function insertIdempotencyRow(db: SqliteDatabase, record: IdempotencyRecord): void {
  db.run(
    `INSERT INTO idempotency_keys (scope, key, request_hash, response, created_at, work_id)
     VALUES (?, ?, ?, ?, ?, ?)`,
    record.scope,
    record.key,
    record.requestHash,
    record.response ?? null,
    record.createdAt,
    record.workId ?? null,
  );
}

export class SqliteIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: SqliteDatabase) {}

  async claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimResult<IdempotencyRecord>> {
    const claimed = insertIfAbsent(() => insertIdempotencyRow(this.db, claim));
    if (claimed) return { claimed: true };
    const row = this.db.get(
      'SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?',
      claim.scope,
      claim.key,
    ) as Row;
    return { claimed: false, existing: toIdempotency(row) };
  }

  async completeIdempotencyKey(scope: string, key: string, response: string): Promise<void> {
    this.db.run(
      'UPDATE idempotency_keys SET response = ? WHERE scope = ? AND key = ?',
      response,
      scope,
      key,
    );
  }

  async releaseIdempotencyKey(scope: string, key: string, createdAt?: string): Promise<void> {
    this.db.run(
      `DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND response IS NULL
       AND (? IS NULL OR created_at = ?)`,
      scope,
      key,
      createdAt ?? null,
      createdAt ?? null,
    );
  }
}
