// Framework mappings, their history and the approved claims in SQLite.
import type {
  AchievementCredentialCount,
  ApprovedMappingClaim,
  MappingAction,
  MappingEvent,
  MappingRecord,
  MappingState,
  MappingStore,
} from '../ports/mappingStore.js';
import type { SqliteDatabase } from './database.js';
import type { Row } from './rows.js';
import { insertOrDuplicate } from './uniqueKeys.js';

const optional = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : String(value);

export function toMapping(row: Row): MappingRecord {
  return {
    id: String(row.id),
    achievementKey: String(row.achievement_key),
    issuerSlug: String(row.issuer_slug),
    frameworkKey: String(row.framework_key),
    levelId: String(row.level_id),
    registrarSlug: String(row.registrar_slug),
    rationale: String(row.rationale),
    createdAt: String(row.created_at),
  };
}

export function toMappingEvent(row: Row): MappingEvent {
  return {
    mappingId: String(row.mapping_id),
    version: Number(row.version),
    action: String(row.action) as MappingAction,
    state: String(row.state) as MappingState,
    actor: String(row.actor),
    comment: optional(row.comment),
    at: String(row.at),
  };
}

export function toApprovedMapping(row: Row): ApprovedMappingClaim {
  return {
    achievementKey: String(row.achievement_key),
    frameworkKey: String(row.framework_key),
    mappingId: String(row.mapping_id),
    levelId: String(row.level_id),
    approvedAt: String(row.approved_at),
  };
}

export function insertMappingRow(db: SqliteDatabase, mapping: MappingRecord): void {
  db.run(
    `INSERT INTO mappings (id, achievement_key, issuer_slug, framework_key, level_id,
       registrar_slug, rationale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    mapping.id,
    mapping.achievementKey,
    mapping.issuerSlug,
    mapping.frameworkKey,
    mapping.levelId,
    mapping.registrarSlug,
    mapping.rationale,
    mapping.createdAt,
  );
}

export function insertMappingEventRow(db: SqliteDatabase, event: MappingEvent): void {
  db.run(
    `INSERT INTO mapping_events (mapping_id, version, action, state, actor, comment, at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    event.mappingId,
    event.version,
    event.action,
    event.state,
    event.actor,
    event.comment ?? null,
    event.at,
  );
}

export function insertApprovedMappingRow(db: SqliteDatabase, claim: ApprovedMappingClaim): void {
  db.run(
    `INSERT INTO approved_mappings (achievement_key, framework_key, mapping_id, level_id, approved_at)
     VALUES (?, ?, ?, ?, ?)`,
    claim.achievementKey,
    claim.frameworkKey,
    claim.mappingId,
    claim.levelId,
    claim.approvedAt,
  );
}

/** `column = ?` for each given filter value, ANDed; always true without any. */
function where(filter: Record<string, string | undefined>): { sql: string; params: string[] } {
  const given = Object.entries(filter).filter(([, value]) => value !== undefined);
  return {
    sql: given.length ? `WHERE ${given.map(([column]) => `${column} = ?`).join(' AND ')}` : '',
    params: given.map(([, value]) => value as string),
  };
}

export class SqliteMappingStore implements MappingStore {
  constructor(private readonly db: SqliteDatabase) {}

  async insertMapping(mapping: MappingRecord, firstEvent: MappingEvent): Promise<void> {
    insertOrDuplicate('mappings', () =>
      this.db.transaction(() => {
        insertMappingRow(this.db, mapping);
        insertMappingEventRow(this.db, firstEvent);
      }),
    );
  }

  async findMapping(id: string): Promise<MappingRecord | undefined> {
    const row = this.db.get('SELECT * FROM mappings WHERE id = ?', id);
    return row ? toMapping(row) : undefined;
  }

  async listMappings(filter: {
    frameworkKey?: string;
    achievementKey?: string;
  }): Promise<MappingRecord[]> {
    const { sql, params } = where({
      framework_key: filter.frameworkKey,
      achievement_key: filter.achievementKey,
    });
    return this.db
      .all(`SELECT * FROM mappings ${sql} ORDER BY created_at, rowid`, ...params)
      .map(toMapping);
  }

  async appendMappingEvent(event: MappingEvent): Promise<void> {
    insertOrDuplicate('mapping_events', () => insertMappingEventRow(this.db, event));
  }

  async listMappingEvents(mappingId: string): Promise<MappingEvent[]> {
    return this.db
      .all('SELECT * FROM mapping_events WHERE mapping_id = ? ORDER BY version', mappingId)
      .map(toMappingEvent);
  }

  async listLatestMappingEvents(mappingIds: readonly string[]): Promise<MappingEvent[]> {
    if (mappingIds.length === 0) return [];
    return this.db
      .all(
        `SELECT e.* FROM mapping_events e
         WHERE e.mapping_id IN (SELECT value FROM json_each(?))
           AND e.version = (SELECT MAX(version) FROM mapping_events m WHERE m.mapping_id = e.mapping_id)`,
        JSON.stringify(mappingIds),
      )
      .map(toMappingEvent);
  }

  async claimApprovedMapping(claim: ApprovedMappingClaim): Promise<void> {
    insertOrDuplicate('approved_mappings', () => insertApprovedMappingRow(this.db, claim));
  }

  async releaseApprovedMapping(claim: ApprovedMappingClaim): Promise<void> {
    this.db.run(
      'DELETE FROM approved_mappings WHERE achievement_key = ? AND framework_key = ? AND mapping_id = ?',
      claim.achievementKey,
      claim.frameworkKey,
      claim.mappingId,
    );
  }

  async listApprovedMappings(filter: {
    frameworkKey?: string;
    achievementKey?: string;
  }): Promise<ApprovedMappingClaim[]> {
    const { sql, params } = where({
      framework_key: filter.frameworkKey,
      achievement_key: filter.achievementKey,
    });
    return this.db
      .all(`SELECT * FROM approved_mappings ${sql} ORDER BY approved_at, rowid`, ...params)
      .map(toApprovedMapping);
  }

  async countCredentialsByAchievement(now: string): Promise<AchievementCredentialCount[]> {
    // One grouped read: a credential is valid unless expired or its latest status is not active.
    return this.db
      .all(
        `SELECT c.achievement_key AS achievement_key, COUNT(*) AS issued,
           SUM(CASE WHEN (c.valid_until IS NULL OR c.valid_until > ?)
             AND COALESCE((SELECT e.state FROM status_events e WHERE e.credential_id = c.id
                           ORDER BY e.version DESC LIMIT 1), 'active') = 'active'
             THEN 1 ELSE 0 END) AS valid
         FROM credentials c
         WHERE c.origin = 'issued' AND c.achievement_key IS NOT NULL
         GROUP BY c.achievement_key ORDER BY c.achievement_key`,
        now,
      )
      .map((row) => ({
        achievementKey: String(row.achievement_key),
        issued: Number(row.issued),
        valid: Number(row.valid),
      }));
  }
}
