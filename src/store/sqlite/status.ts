// Status lists, taken indexes and the status log in SQLite.
import type {
  StatusAllocationRecord,
  StatusEntryState,
  StatusEvent,
  StatusListRecord,
  StatusPosition,
  StatusStore,
} from '../ports/statusStore.js';
import type { SqliteDatabase } from './database.js';
import { toCredentialState, toStatusEvent } from './rows.js';
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
    `INSERT INTO status_allocations (issuer_slug, list_number, status_index, credential_id)
     VALUES (?, ?, ?, ?)`,
    allocation.issuerSlug,
    allocation.listNumber,
    allocation.index,
    allocation.credentialId,
  );
}

export function insertEventRow(db: SqliteDatabase, event: StatusEvent): void {
  db.run(
    `INSERT INTO status_events (credential_id, issuer_slug, version, action, state, reason, actor, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    event.credentialId,
    event.issuerSlug,
    event.version,
    event.action,
    event.state,
    event.reason,
    event.actor,
    event.at,
  );
}

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
  ): Promise<void> {
    insertOrDuplicate('status_allocations', () =>
      insertAllocationRow(this.db, { issuerSlug, ...position, credentialId }),
    );
  }

  async releaseStatusIndex(issuerSlug: string, position: StatusPosition): Promise<void> {
    this.db.run(
      'DELETE FROM status_allocations WHERE issuer_slug = ? AND list_number = ? AND status_index = ?',
      issuerSlug,
      position.listNumber,
      position.index,
    );
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

  async listStatusStates(issuerSlug: string, listNumber: number): Promise<StatusEntryState[]> {
    return this.db
      .all(
        `SELECT a.status_index, a.credential_id, e.state FROM status_allocations a
         JOIN status_events e ON e.credential_id = a.credential_id
         WHERE a.issuer_slug = ? AND a.list_number = ?
           AND e.version = (SELECT MAX(version) FROM status_events m WHERE m.credential_id = a.credential_id)`,
        issuerSlug,
        listNumber,
      )
      .map((row) => ({
        index: Number(row.status_index),
        credentialId: String(row.credential_id),
        state: toCredentialState(row.state),
      }));
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
