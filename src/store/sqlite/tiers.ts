// Tier claims and expiry processing in SQLite.
import type { CredentialRecord } from '../ports/credentialStore.js';
import type {
  ExpiryProcessingRecord,
  PendingStackingRecord,
  TierClaim,
  TierStore,
} from '../ports/tierStore.js';
import { CREDENTIAL_COLUMNS } from './credentials.js';
import type { SqliteDatabase } from './database.js';
import { toCredential, toPendingStacking, toTierClaim } from './rows.js';
import { insertIfAbsent, insertOrDuplicate } from './uniqueKeys.js';

export function insertTierClaimRow(db: SqliteDatabase, claim: TierClaim): void {
  db.run(
    `INSERT INTO tier_claims (learner_key, achievement_key, epoch, credential_id, claimed_at)
     VALUES (?, ?, ?, ?, ?)`,
    claim.learnerKey,
    claim.achievementKey,
    claim.epoch,
    claim.credentialId,
    claim.claimedAt ?? null,
  );
}

export function insertPendingStackingRow(db: SqliteDatabase, note: PendingStackingRecord): void {
  db.run(
    `INSERT INTO pending_stacking (credential_id, learner_key, achievement_key, claimed_at)
     VALUES (?, ?, ?, ?)`,
    note.credentialId,
    note.learnerKey,
    note.achievementKey,
    note.claimedAt,
  );
}

export function insertExpiryRow(db: SqliteDatabase, processing: ExpiryProcessingRecord): void {
  db.run('INSERT INTO expiry_processing (credential_id) VALUES (?)', processing.credentialId);
}

export class SqliteTierStore implements TierStore {
  constructor(private readonly db: SqliteDatabase) {}

  async claimTierCopy(claim: TierClaim): Promise<void> {
    insertOrDuplicate('tier_claims', () => insertTierClaimRow(this.db, claim));
  }

  async releaseTierCopy(claim: TierClaim): Promise<void> {
    this.db.run(
      `DELETE FROM tier_claims WHERE learner_key = ? AND achievement_key = ? AND epoch = ? AND credential_id = ?`,
      claim.learnerKey,
      claim.achievementKey,
      claim.epoch,
      claim.credentialId,
    );
  }

  async listOrphanTierClaims(window: {
    claimedBefore: string;
    claimedAfter?: string;
    limit: number;
  }): Promise<TierClaim[]> {
    const since = window.claimedAfter === undefined ? '' : 'AND t.claimed_at >= ?';
    const params = window.claimedAfter === undefined ? [] : [window.claimedAfter];
    return this.db
      .all(
        `SELECT t.* FROM tier_claims t
         WHERE (t.claimed_at IS NULL OR t.claimed_at < ?) ${since}
           AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.id = t.credential_id)
         ORDER BY t.claimed_at LIMIT ?`,
        window.claimedBefore,
        ...params,
        window.limit,
      )
      .map(toTierClaim);
  }

  async notePendingStacking(note: PendingStackingRecord): Promise<void> {
    insertIfAbsent(() => insertPendingStackingRow(this.db, note));
  }

  async settlePendingStacking(credentialId: string): Promise<void> {
    this.db.run('DELETE FROM pending_stacking WHERE credential_id = ?', credentialId);
  }

  async listPendingStacking(
    claimedBefore: string,
    limit: number,
  ): Promise<PendingStackingRecord[]> {
    return this.db
      .all(
        'SELECT * FROM pending_stacking WHERE claimed_at < ? ORDER BY claimed_at LIMIT ?',
        claimedBefore,
        limit,
      )
      .map(toPendingStacking);
  }

  async listUnprocessedExpiries(now: string, limit: number): Promise<CredentialRecord[]> {
    return this.db
      .all(
        `SELECT ${CREDENTIAL_COLUMNS} FROM credentials c
         WHERE c.valid_until IS NOT NULL AND c.valid_until <= ?
           AND NOT EXISTS (SELECT 1 FROM expiry_processing p WHERE p.credential_id = c.id)
         ORDER BY c.valid_until LIMIT ?`,
        now,
        limit,
      )
      .map(toCredential);
  }

  async claimExpiryProcessing(credentialId: string): Promise<boolean> {
    return insertIfAbsent(() => insertExpiryRow(this.db, { credentialId }));
  }
}
