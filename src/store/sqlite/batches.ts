// Bulk issuance jobs in SQLite.
import type {
  BatchCompletion,
  BatchLease,
  BatchRecord,
  BatchRowRecord,
  BatchStore,
} from '../ports/batchStore.js';
import type { SqliteDatabase } from './database.js';
import { optional, type Row } from './rows.js';
import { insertIfAbsent, insertOrDuplicate } from './uniqueKeys.js';

export function toBatch(row: Row): BatchRecord {
  return {
    id: String(row.id),
    issuerSlug: String(row.issuer_slug),
    format: row.format === 'jwt' ? 'jwt' : 'di',
    rows: String(row.rows),
    achievement: optional(row.achievement),
    total: Number(row.total),
    actor: String(row.actor),
    createdAt: String(row.created_at),
  };
}

export function toBatchRow(row: Row): BatchRowRecord {
  const state = String(row.state);
  return {
    batchId: String(row.batch_id),
    row: Number(row.row),
    state: state === 'issued' || state === 'failed' ? state : 'claimed',
    credentialId: optional(row.credential_id),
    fieldErrors: optional(row.errors),
    updatedAt: String(row.updated_at),
  };
}

export function toBatchLease(row: Row): BatchLease {
  return {
    batchId: String(row.batch_id),
    generation: Number(row.generation),
    holder: String(row.holder),
    expiresAt: String(row.expires_at),
  };
}

export function toBatchCompletion(row: Row): BatchCompletion {
  return { batchId: String(row.batch_id), completedAt: String(row.completed_at) };
}

export function insertBatchRecordRow(db: SqliteDatabase, batch: BatchRecord): void {
  db.run(
    `INSERT INTO batches (id, issuer_slug, format, rows, achievement, total, actor, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    batch.id,
    batch.issuerSlug,
    batch.format,
    batch.rows,
    batch.achievement ?? null,
    batch.total,
    batch.actor,
    batch.createdAt,
  );
}

export function insertBatchRowRow(db: SqliteDatabase, row: BatchRowRecord): void {
  db.run(
    `INSERT INTO batch_rows (batch_id, row, state, credential_id, errors, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    row.batchId,
    row.row,
    row.state,
    row.credentialId ?? null,
    row.fieldErrors ?? null,
    row.updatedAt,
  );
}

export function insertBatchLeaseRow(db: SqliteDatabase, lease: BatchLease): void {
  db.run(
    'INSERT INTO batch_leases (batch_id, generation, holder, expires_at) VALUES (?, ?, ?, ?)',
    lease.batchId,
    lease.generation,
    lease.holder,
    lease.expiresAt,
  );
}

export function insertBatchCompletionRow(db: SqliteDatabase, completion: BatchCompletion): void {
  db.run(
    'INSERT INTO batch_completions (batch_id, completed_at) VALUES (?, ?)',
    completion.batchId,
    completion.completedAt,
  );
}

export class SqliteBatchStore implements BatchStore {
  constructor(private readonly db: SqliteDatabase) {}

  async insertBatch(batch: BatchRecord): Promise<void> {
    insertOrDuplicate('batches', () => insertBatchRecordRow(this.db, batch));
  }

  async findBatch(id: string): Promise<BatchRecord | undefined> {
    const row = this.db.get('SELECT * FROM batches WHERE id = ?', id);
    return row ? toBatch(row) : undefined;
  }

  async listBatches(issuerSlug: string, limit: number): Promise<BatchRecord[]> {
    return this.db
      .all(
        'SELECT * FROM batches WHERE issuer_slug = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
        issuerSlug,
        limit,
      )
      .map(toBatch);
  }

  async listUnfinishedBatches(limit: number): Promise<BatchRecord[]> {
    return this.db
      .all(
        `SELECT b.* FROM batches b
         WHERE NOT EXISTS (SELECT 1 FROM batch_completions c WHERE c.batch_id = b.id)
         ORDER BY b.created_at, b.rowid LIMIT ?`,
        limit,
      )
      .map(toBatch);
  }

  async claimBatchRow(row: BatchRowRecord): Promise<void> {
    insertOrDuplicate('batch_rows', () => insertBatchRowRow(this.db, row));
  }

  async finishBatchRow(
    batchId: string,
    row: number,
    outcome: Pick<BatchRowRecord, 'state' | 'fieldErrors' | 'updatedAt'>,
  ): Promise<void> {
    this.db.run(
      `UPDATE batch_rows SET state = ?, errors = ?, updated_at = ?
       WHERE batch_id = ? AND row = ? AND state = 'claimed'`,
      outcome.state,
      outcome.fieldErrors ?? null,
      outcome.updatedAt,
      batchId,
      row,
    );
  }

  async listBatchRows(batchId: string): Promise<BatchRowRecord[]> {
    return this.db
      .all('SELECT * FROM batch_rows WHERE batch_id = ? ORDER BY row', batchId)
      .map(toBatchRow);
  }

  async claimBatchLease(lease: BatchLease): Promise<void> {
    insertOrDuplicate('batch_leases', () => insertBatchLeaseRow(this.db, lease));
  }

  async latestBatchLease(batchId: string): Promise<BatchLease | undefined> {
    const row = this.db.get(
      'SELECT * FROM batch_leases WHERE batch_id = ? ORDER BY generation DESC LIMIT 1',
      batchId,
    );
    return row ? toBatchLease(row) : undefined;
  }

  async renewBatchLease(lease: BatchLease): Promise<void> {
    this.db.run(
      'UPDATE batch_leases SET expires_at = ? WHERE batch_id = ? AND generation = ? AND holder = ?',
      lease.expiresAt,
      lease.batchId,
      lease.generation,
      lease.holder,
    );
  }

  async claimBatchCompletion(batchId: string, completedAt: string): Promise<boolean> {
    return insertIfAbsent(() => insertBatchCompletionRow(this.db, { batchId, completedAt }));
  }

  async batchCompletedAt(batchId: string): Promise<string | undefined> {
    const row = this.db.get(
      'SELECT completed_at FROM batch_completions WHERE batch_id = ?',
      batchId,
    );
    return row ? String(row.completed_at) : undefined;
  }
}
