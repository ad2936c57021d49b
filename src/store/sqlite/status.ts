// Status lists, taken indexes and the status log in SQLite.
import {
  isSequenced,
  type SequencedStatusEvent,
  type StatusAllocationRecord,
  type StatusEntryState,
  type StatusEvent,
  type StatusListRecord,
  type StatusListSnapshot,
  type StatusPosition,
  type StatusStore,
} from '../ports/statusStore.js';
import type { SqliteDatabase } from './database.js';
import { toCredentialState, toStatusAllocation, toStatusEvent } from './rows.js';
import { insertIfAbsent, insertOrDuplicate } from './uniqueKeys.js';

/** Ids per IN list: SQLite limits the parameters of one statement. */
const IN_CHUNK = 500;

export function insertStatusListRow(db: SqliteDatabase, list: StatusListRecord): void {
  db.run(
    'INSERT INTO status_lists (issuer_slug, list_number) VALUES (?, ?)',
    list.issuerSlug,
    list.listNumber,
  );
}

export function insertAllocationRow(db: SqliteDatabase, allocation: StatusAllocationRecord): void {
  db.run(
    `INSERT INTO status_allocations (issuer_slug, list_number, status_index, credential_id,
       claimed_at)
     VALUES (?, ?, ?, ?, ?)`,
    allocation.issuerSlug,
    allocation.listNumber,
    allocation.index,
    allocation.credentialId,
    allocation.claimedAt ?? null,
  );
}

export function insertEventRow(db: SqliteDatabase, event: StatusEvent): void {
  db.run(
    `INSERT INTO status_events (credential_id, issuer_slug, version, action, state, reason, actor, at,
       list_number, list_index, list_sequence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    event.credentialId,
    event.issuerSlug,
    event.version,
    event.action,
    event.state,
    event.reason,
    event.actor,
    event.at,
    event.list?.listNumber ?? null,
    event.list?.index ?? null,
    event.list?.sequence ?? null,
  );
}

/** A BLOB as bytes of their own (better-sqlite3 gives a Buffer, possibly a view of a larger one). */
const bytesOf = (value: unknown): Uint8Array => new Uint8Array(value as Uint8Array);

export class SqliteStatusStore implements StatusStore {
  constructor(private readonly db: SqliteDatabase) {}

  async claimStatusList(issuerSlug: string, listNumber: number): Promise<boolean> {
    return insertIfAbsent(() => insertStatusListRow(this.db, { issuerSlug, listNumber }));
  }

  async latestStatusList(issuerSlug: string): Promise<number | undefined> {
    const row = this.db.get(
      'SELECT MAX(list_number) AS latest FROM status_lists WHERE issuer_slug = ?',
      issuerSlug,
    );
    return row?.latest === null || row?.latest === undefined ? undefined : Number(row.latest);
  }

  async claimStatusIndex(
    issuerSlug: string,
    position: StatusPosition,
    credentialId: string,
    claimedAt: string,
  ): Promise<void> {
    insertOrDuplicate('status_allocations', () =>
      insertAllocationRow(this.db, { issuerSlug, ...position, credentialId, claimedAt }),
    );
  }

  async releaseStatusIndex(
    issuerSlug: string,
    position: StatusPosition,
    credentialId: string,
  ): Promise<void> {
    this.db.run(
      `DELETE FROM status_allocations
       WHERE issuer_slug = ? AND list_number = ? AND status_index = ? AND credential_id = ?`,
      issuerSlug,
      position.listNumber,
      position.index,
      credentialId,
    );
  }

  async listOrphanStatusIndexClaims(window: {
    claimedBefore: string;
    claimedAfter?: string;
    limit: number;
  }): Promise<StatusAllocationRecord[]> {
    const since = window.claimedAfter === undefined ? '' : 'AND a.claimed_at >= ?';
    const params = window.claimedAfter === undefined ? [] : [window.claimedAfter];
    return this.db
      .all(
        `SELECT a.* FROM status_allocations a
         WHERE (a.claimed_at IS NULL OR a.claimed_at < ?) ${since}
           AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.issuer_slug = a.issuer_slug
             AND c.status_list = a.list_number AND c.status_index = a.status_index)
         ORDER BY a.claimed_at LIMIT ?`,
        window.claimedBefore,
        ...params,
        window.limit,
      )
      .map(toStatusAllocation);
  }

  async listUsedStatusIndexes(issuerSlug: string, listNumber: number): Promise<number[]> {
    return this.db
      .all(
        'SELECT status_index FROM status_allocations WHERE issuer_slug = ? AND list_number = ?',
        issuerSlug,
        listNumber,
      )
      .map((row) => Number(row.status_index));
  }

  async appendStatusEvent(event: StatusEvent): Promise<void> {
    insertOrDuplicate('status_events', () => insertEventRow(this.db, event));
  }

  async listStatusEvents(credentialId: string): Promise<StatusEvent[]> {
    return this.db
      .all('SELECT * FROM status_events WHERE credential_id = ? ORDER BY version', credentialId)
      .map(toStatusEvent);
  }

  async listLatestStatusEvents(credentialIds: readonly string[]): Promise<StatusEvent[]> {
    const events: StatusEvent[] = [];
    // Unique first: an id asked twice in two chunks would otherwise answer twice.
    const ids = [...new Set(credentialIds)];
    for (let start = 0; start < ids.length; start += IN_CHUNK) {
      const chunk = ids.slice(start, start + IN_CHUNK);
      const rows = this.db.all(
        `SELECT * FROM status_events e WHERE e.credential_id IN (${chunk.map(() => '?').join(', ')})
           AND e.version = (SELECT MAX(version) FROM status_events m WHERE m.credential_id = e.credential_id)`,
        ...chunk,
      );
      events.push(...rows.map(toStatusEvent));
    }
    return events;
  }

  async listUnsequencedStatusStates(
    issuerSlug: string,
    listNumber: number,
  ): Promise<StatusEntryState[]> {
    return this.db
      .all(
        `SELECT a.status_index, a.credential_id, e.state FROM status_allocations a
         JOIN status_events e ON e.credential_id = a.credential_id
         WHERE a.issuer_slug = ? AND a.list_number = ? AND e.list_sequence IS NULL
           AND e.version = (SELECT MAX(version) FROM status_events m
                            WHERE m.credential_id = a.credential_id AND m.list_sequence IS NULL)`,
        issuerSlug,
        listNumber,
      )
      .map((row) => ({
        index: Number(row.status_index),
        credentialId: String(row.credential_id),
        state: toCredentialState(row.state),
      }));
  }

  async latestStatusListSequence(issuerSlug: string, listNumber: number): Promise<number> {
    const row = this.db.get(
      `SELECT MAX(list_sequence) AS latest FROM status_events
       WHERE issuer_slug = ? AND list_number = ?`,
      issuerSlug,
      listNumber,
    );
    return Number(row?.latest ?? 0);
  }

  async listStatusListChanges(
    issuerSlug: string,
    listNumber: number,
    afterSequence: number,
  ): Promise<SequencedStatusEvent[]> {
    return this.db
      .all(
        `SELECT * FROM status_events WHERE issuer_slug = ? AND list_number = ? AND list_sequence > ?
         ORDER BY list_sequence`,
        issuerSlug,
        listNumber,
        afterSequence,
      )
      .map(toStatusEvent)
      .filter(isSequenced);
  }

  async latestStatusListSnapshot(
    issuerSlug: string,
    listNumber: number,
  ): Promise<StatusListSnapshot | undefined> {
    const row = this.db.get(
      `SELECT * FROM status_list_snapshots WHERE issuer_slug = ? AND list_number = ?
       ORDER BY version DESC LIMIT 1`,
      issuerSlug,
      listNumber,
    );
    if (!row) return undefined;
    return {
      issuerSlug,
      listNumber,
      version: Number(row.version),
      revoked: bytesOf(row.revoked),
      suspended: bytesOf(row.suspended),
    };
  }

  async saveStatusListSnapshot(snapshot: StatusListSnapshot): Promise<void> {
    const { issuerSlug, listNumber, version } = snapshot;
    this.db.transaction(() => {
      this.db.run(
        `INSERT INTO status_list_snapshots (issuer_slug, list_number, version, revoked, suspended)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        issuerSlug,
        listNumber,
        version,
        Buffer.from(snapshot.revoked),
        Buffer.from(snapshot.suspended),
      );
      this.db.run(
        'DELETE FROM status_list_snapshots WHERE issuer_slug = ? AND list_number = ? AND version < ?',
        issuerSlug,
        listNumber,
        version,
      );
    });
  }

  async listAuditLog(options: { issuerSlug?: string; limit: number }): Promise<StatusEvent[]> {
    const rows = options.issuerSlug
      ? this.db.all(
          'SELECT * FROM status_events WHERE issuer_slug = ? ORDER BY at DESC, version DESC LIMIT ?',
          options.issuerSlug,
          options.limit,
        )
      : this.db.all(
          'SELECT * FROM status_events ORDER BY at DESC, version DESC LIMIT ?',
          options.limit,
        );
    return rows.map(toStatusEvent);
  }
}
