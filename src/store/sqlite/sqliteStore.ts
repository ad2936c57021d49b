import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations.js';
import {
  toAchievement,
  toCredential,
  toCredentialState,
  toExpiryProcessing,
  toIdempotency,
  toIssuer,
  toIssuerKey,
  toSetting,
  toStatusAllocation,
  toStatusEvent,
  toStatusList,
  toTierClaim,
  type Row,
} from './rows.js';
import {
  DuplicateKeyError,
  STORED_COLLECTIONS,
  type AchievementRecord,
  type ClaimResult,
  type CredentialRecord,
  type ExpiryProcessingRecord,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type ImportOutcome,
  type IssuerKeyRecord,
  type IssuerRecord,
  type SettingRecord,
  type StatusAllocationRecord,
  type StatusEntryState,
  type StatusEvent,
  type StatusListRecord,
  type StatusPosition,
  type Store,
  type StoredCollection,
  type StoredRecord,
  type StoredRecordOf,
  type StoredRecords,
  type TierClaim,
} from '../port.js';

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function insertOrDuplicate(collection: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateKeyError(collection);
    throw error;
  }
}

/** Inserts, and answers false instead of throwing when the key is taken. */
function insertIfAbsent(run: () => void): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

const CREDENTIAL_COLUMNS = `c.*, (SELECT json_group_array(constituent_id) FROM credential_constituents
  WHERE tier_id = c.id) AS constituents`;

/** The database's file name in DATA_DIR. */
export const DATABASE_FILE = 'credentials.sqlite';

/** Owner only: the database holds (encrypted) signing keys and every learner's credentials. */
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/** SQLite's companions of a database file in WAL mode. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Makes the database file owner-only before SQLite opens it. SQLite gives the -wal and -shm
 * files it creates the database file's mode, so they follow; existing ones are tightened too.
 */
function securedDatabaseFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const name of [file, ...SIDE_FILES.map((suffix) => file + suffix)]) {
    if (existsSync(name)) chmodSync(name, PRIVATE_FILE_MODE);
  }
}

/** Rows read per query while exporting. */
const EXPORT_PAGE = 500;

/** Every column of a table, and the rowid to page by. */
const allOf = (table: string) => `SELECT *, rowid AS export_rowid FROM ${table}`;

/** How each collection is read for export; the credentials bring their constituents along. */
const EXPORTS: {
  [C in StoredCollection]: { select: string; convert: (row: Row) => StoredRecords[C] };
} = {
  settings: { select: allOf('settings'), convert: toSetting },
  issuers: { select: allOf('issuers'), convert: toIssuer },
  issuer_keys: { select: allOf('issuer_keys'), convert: toIssuerKey },
  achievements: { select: allOf('achievements'), convert: toAchievement },
  credentials: {
    select: `SELECT ${CREDENTIAL_COLUMNS}, c.rowid AS export_rowid FROM credentials c`,
    convert: toCredential,
  },
  expiry_processing: { select: allOf('expiry_processing'), convert: toExpiryProcessing },
  status_lists: { select: allOf('status_lists'), convert: toStatusList },
  status_allocations: { select: allOf('status_allocations'), convert: toStatusAllocation },
  status_events: { select: allOf('status_events'), convert: toStatusEvent },
  tier_claims: { select: allOf('tier_claims'), convert: toTierClaim },
  idempotency_keys: { select: allOf('idempotency_keys'), convert: toIdempotency },
};

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((row) => (row as Row).version),
  );
  migrations.forEach((sql, index) => {
    const version = index + 1;
    if (applied.has(version)) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version) VALUES (?)').run(version);
    })();
  });
}

/** The embedded default: one SQLite file in WAL mode under DATA_DIR. */
export class SqliteStore implements Store {
  readonly #db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') securedDatabaseFile(file);
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    migrate(this.#db);
  }

  /** DATA_DIR is made (or, when it exists with looser modes, tightened to) owner-only first. */
  static inDataDir(dataDir: string): SqliteStore {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    chmodSync(dataDir, PRIVATE_DIR_MODE);
    return new SqliteStore(path.join(dataDir, DATABASE_FILE));
  }

  #all(sql: string, ...params: unknown[]): Row[] {
    return this.#db.prepare(sql).all(...params) as Row[];
  }

  #get(sql: string, ...params: unknown[]): Row | undefined {
    return this.#db.prepare(sql).get(...params) as Row | undefined;
  }

  #run(sql: string, ...params: unknown[]): void {
    this.#db.prepare(sql).run(...params);
  }

  async insertIssuer(issuer: IssuerRecord, firstKey: IssuerKeyRecord): Promise<void> {
    insertOrDuplicate('issuers', () =>
      this.#db.transaction(() => {
        this.#insertIssuerRow(issuer);
        this.#insertKeyRow(firstKey);
      })(),
    );
  }

  #insertIssuerRow(issuer: IssuerRecord): void {
    this.#run(
      `INSERT INTO issuers (slug, did, name, url, email, description, image, api_key_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      issuer.slug,
      issuer.did,
      issuer.name,
      issuer.url ?? null,
      issuer.email ?? null,
      issuer.description ?? null,
      issuer.image ?? null,
      issuer.apiKeyHash,
      issuer.createdAt,
    );
  }

  async findIssuer(slug: string): Promise<IssuerRecord | undefined> {
    const row = this.#get('SELECT * FROM issuers WHERE slug = ?', slug);
    return row ? toIssuer(row) : undefined;
  }

  async findIssuerByApiKeyHash(apiKeyHash: string): Promise<IssuerRecord | undefined> {
    const row = this.#get('SELECT * FROM issuers WHERE api_key_hash = ?', apiKeyHash);
    return row ? toIssuer(row) : undefined;
  }

  async replaceIssuerApiKeyHash(slug: string, apiKeyHash: string): Promise<void> {
    this.#run('UPDATE issuers SET api_key_hash = ? WHERE slug = ?', apiKeyHash, slug);
  }

  async insertIssuerKey(key: IssuerKeyRecord): Promise<void> {
    insertOrDuplicate('issuer_keys', () => this.#insertKeyRow(key));
  }

  #insertKeyRow(key: IssuerKeyRecord): void {
    this.#run(
      `INSERT INTO issuer_keys (issuer_slug, public_key_multibase, sealed_secret_key, created_at)
       VALUES (?, ?, ?, ?)`,
      key.issuerSlug,
      key.publicKeyMultibase,
      key.sealedSecretKey,
      key.createdAt,
    );
  }

  async listIssuerKeys(issuerSlug: string): Promise<IssuerKeyRecord[]> {
    return this.#all(
      'SELECT * FROM issuer_keys WHERE issuer_slug = ? ORDER BY created_at, rowid',
      issuerSlug,
    ).map(toIssuerKey);
  }

  async upsertAchievement(achievement: AchievementRecord): Promise<void> {
    this.#run(
      `INSERT INTO achievements (key, issuer_slug, kind, definition, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET issuer_slug = excluded.issuer_slug, kind = excluded.kind,
         definition = excluded.definition, updated_at = excluded.updated_at`,
      achievement.key,
      achievement.issuerSlug,
      achievement.kind,
      achievement.definition,
      achievement.updatedAt,
    );
  }

  #insertAchievementRow(achievement: AchievementRecord): void {
    this.#run(
      'INSERT INTO achievements (key, issuer_slug, kind, definition, updated_at) VALUES (?, ?, ?, ?, ?)',
      achievement.key,
      achievement.issuerSlug,
      achievement.kind,
      achievement.definition,
      achievement.updatedAt,
    );
  }

  async findAchievement(key: string): Promise<AchievementRecord | undefined> {
    const row = this.#get('SELECT * FROM achievements WHERE key = ?', key);
    return row ? toAchievement(row) : undefined;
  }

  async listAchievements(): Promise<AchievementRecord[]> {
    return this.#all('SELECT * FROM achievements ORDER BY key').map(toAchievement);
  }

  async insertCredential(credential: CredentialRecord): Promise<void> {
    insertOrDuplicate('credentials', () => this.#insertCredentialRows(credential));
  }

  /** The credential with its constituents, or nothing. */
  #insertCredentialRows(credential: CredentialRecord): void {
    this.#db.transaction(() => {
      this.#run(
        `INSERT INTO credentials (id, origin, issuer_did, issuer_slug, format, document, achievement_key,
           learner_key, valid_from, valid_until, status_list, status_index, renewal_of, imported_for,
           created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        credential.id,
        credential.origin,
        credential.issuerDid,
        credential.issuerSlug ?? null,
        credential.format,
        credential.document,
        credential.achievementKey ?? null,
        credential.learnerKey ?? null,
        credential.validFrom,
        credential.validUntil ?? null,
        credential.status?.listNumber ?? null,
        credential.status?.index ?? null,
        credential.renewalOf ?? null,
        credential.importedFor ?? null,
        credential.createdAt,
      );
      for (const constituentId of credential.constituentIds) {
        this.#run(
          'INSERT INTO credential_constituents (tier_id, constituent_id) VALUES (?, ?)',
          credential.id,
          constituentId,
        );
      }
    })();
  }

  async findCredential(id: string): Promise<CredentialRecord | undefined> {
    const row = this.#get(`SELECT ${CREDENTIAL_COLUMNS} FROM credentials c WHERE c.id = ?`, id);
    return row ? toCredential(row) : undefined;
  }

  async listCredentialsOfLearner(learnerKey: string): Promise<CredentialRecord[]> {
    return this.#all(
      `SELECT ${CREDENTIAL_COLUMNS} FROM credentials c WHERE c.learner_key = ? ORDER BY c.created_at, c.id`,
      learnerKey,
    ).map(toCredential);
  }

  async listTiersNaming(constituentId: string): Promise<CredentialRecord[]> {
    return this.#all(
      `SELECT ${CREDENTIAL_COLUMNS} FROM credentials c
       JOIN credential_constituents k ON k.tier_id = c.id
       WHERE k.constituent_id = ? ORDER BY c.created_at, c.id`,
      constituentId,
    ).map(toCredential);
  }

  async listUnprocessedExpiries(now: string, limit: number): Promise<CredentialRecord[]> {
    return this.#all(
      `SELECT ${CREDENTIAL_COLUMNS} FROM credentials c
       WHERE c.valid_until IS NOT NULL AND c.valid_until <= ?
         AND NOT EXISTS (SELECT 1 FROM expiry_processing p WHERE p.credential_id = c.id)
       ORDER BY c.valid_until LIMIT ?`,
      now,
      limit,
    ).map(toCredential);
  }

  async claimExpiryProcessing(credentialId: string): Promise<boolean> {
    return insertIfAbsent(() => this.#insertExpiryRow({ credentialId }));
  }

  #insertExpiryRow(processing: ExpiryProcessingRecord): void {
    this.#run('INSERT INTO expiry_processing (credential_id) VALUES (?)', processing.credentialId);
  }

  async claimStatusList(issuerSlug: string, listNumber: number): Promise<boolean> {
    return insertIfAbsent(() => this.#insertStatusListRow({ issuerSlug, listNumber }));
  }

  #insertStatusListRow(list: StatusListRecord): void {
    this.#run(
      'INSERT INTO status_lists (issuer_slug, list_number) VALUES (?, ?)',
      list.issuerSlug,
      list.listNumber,
    );
  }

  async latestStatusList(issuerSlug: string): Promise<number | undefined> {
    const row = this.#get(
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
      this.#insertAllocationRow({ issuerSlug, ...position, credentialId }),
    );
  }

  #insertAllocationRow(allocation: StatusAllocationRecord): void {
    this.#run(
      `INSERT INTO status_allocations (issuer_slug, list_number, status_index, credential_id)
       VALUES (?, ?, ?, ?)`,
      allocation.issuerSlug,
      allocation.listNumber,
      allocation.index,
      allocation.credentialId,
    );
  }

  async releaseStatusIndex(issuerSlug: string, position: StatusPosition): Promise<void> {
    this.#run(
      'DELETE FROM status_allocations WHERE issuer_slug = ? AND list_number = ? AND status_index = ?',
      issuerSlug,
      position.listNumber,
      position.index,
    );
  }

  async listUsedStatusIndexes(issuerSlug: string, listNumber: number): Promise<number[]> {
    return this.#all(
      'SELECT status_index FROM status_allocations WHERE issuer_slug = ? AND list_number = ?',
      issuerSlug,
      listNumber,
    ).map((row) => Number(row.status_index));
  }

  async appendStatusEvent(event: StatusEvent): Promise<void> {
    insertOrDuplicate('status_events', () => this.#insertEventRow(event));
  }

  #insertEventRow(event: StatusEvent): void {
    this.#run(
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

  async listStatusEvents(credentialId: string): Promise<StatusEvent[]> {
    return this.#all(
      'SELECT * FROM status_events WHERE credential_id = ? ORDER BY version',
      credentialId,
    ).map(toStatusEvent);
  }

  async listLatestStatusEvents(credentialIds: readonly string[]): Promise<StatusEvent[]> {
    const events: StatusEvent[] = [];
    // Unique first: an id asked twice in two chunks would otherwise answer twice.
    const ids = [...new Set(credentialIds)];
    // SQLite limits the parameters of one statement; learners hold far fewer than this.
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      const rows = this.#all(
        `SELECT * FROM status_events e WHERE e.credential_id IN (${chunk.map(() => '?').join(', ')})
           AND e.version = (SELECT MAX(version) FROM status_events m WHERE m.credential_id = e.credential_id)`,
        ...chunk,
      );
      events.push(...rows.map(toStatusEvent));
    }
    return events;
  }

  async listStatusStates(issuerSlug: string, listNumber: number): Promise<StatusEntryState[]> {
    return this.#all(
      `SELECT a.status_index, a.credential_id, e.state FROM status_allocations a
       JOIN status_events e ON e.credential_id = a.credential_id
       WHERE a.issuer_slug = ? AND a.list_number = ?
         AND e.version = (SELECT MAX(version) FROM status_events m WHERE m.credential_id = a.credential_id)`,
      issuerSlug,
      listNumber,
    ).map((row) => ({
      index: Number(row.status_index),
      credentialId: String(row.credential_id),
      state: toCredentialState(row.state),
    }));
  }

  async listAuditLog(options: { issuerSlug?: string; limit: number }): Promise<StatusEvent[]> {
    const rows = options.issuerSlug
      ? this.#all(
          'SELECT * FROM status_events WHERE issuer_slug = ? ORDER BY at DESC, version DESC LIMIT ?',
          options.issuerSlug,
          options.limit,
        )
      : this.#all(
          'SELECT * FROM status_events ORDER BY at DESC, version DESC LIMIT ?',
          options.limit,
        );
    return rows.map(toStatusEvent);
  }

  async claimTierCopy(claim: TierClaim): Promise<void> {
    insertOrDuplicate('tier_claims', () => this.#insertTierClaimRow(claim));
  }

  #insertTierClaimRow(claim: TierClaim): void {
    this.#run(
      `INSERT INTO tier_claims (learner_key, achievement_key, epoch, credential_id) VALUES (?, ?, ?, ?)`,
      claim.learnerKey,
      claim.achievementKey,
      claim.epoch,
      claim.credentialId,
    );
  }

  async releaseTierCopy(claim: TierClaim): Promise<void> {
    this.#run(
      `DELETE FROM tier_claims WHERE learner_key = ? AND achievement_key = ? AND epoch = ? AND credential_id = ?`,
      claim.learnerKey,
      claim.achievementKey,
      claim.epoch,
      claim.credentialId,
    );
  }

  async claimSetting(name: string, value: string): Promise<string> {
    insertIfAbsent(() => this.#insertSettingRow({ name, value }));
    return String(this.#get('SELECT value FROM settings WHERE name = ?', name)?.value);
  }

  #insertSettingRow(setting: SettingRecord): void {
    this.#run('INSERT INTO settings (name, value) VALUES (?, ?)', setting.name, setting.value);
  }

  async claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimResult<IdempotencyRecord>> {
    const claimed = insertIfAbsent(() => this.#insertIdempotencyRow(claim));
    if (claimed) return { claimed: true };
    const row = this.#get(
      'SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?',
      claim.scope,
      claim.key,
    ) as Row;
    return { claimed: false, existing: toIdempotency(row) };
  }

  #insertIdempotencyRow(record: IdempotencyRecord): void {
    this.#run(
      'INSERT INTO idempotency_keys (scope, key, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?)',
      record.scope,
      record.key,
      record.requestHash,
      record.response ?? null,
      record.createdAt,
    );
  }

  async completeIdempotencyKey(scope: string, key: string, response: string): Promise<void> {
    this.#run(
      'UPDATE idempotency_keys SET response = ? WHERE scope = ? AND key = ?',
      response,
      scope,
      key,
    );
  }

  async releaseIdempotencyKey(scope: string, key: string): Promise<void> {
    this.#run(
      'DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND response IS NULL',
      scope,
      key,
    );
  }

  async *exportRecords(
    collections: readonly StoredCollection[] = STORED_COLLECTIONS,
  ): AsyncIterable<StoredRecord> {
    for (const collection of STORED_COLLECTIONS) {
      if (collections.includes(collection)) yield* this.#exportCollection(collection);
    }
  }

  /** Page by page, so no statement stays open while the caller awaits between records. */
  *#exportCollection<C extends StoredCollection>(collection: C): Generator<StoredRecordOf<C>> {
    const { select, convert } = EXPORTS[collection];
    let after = 0;
    for (;;) {
      const rows = this.#all(
        `${select} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
        after,
        EXPORT_PAGE,
      );
      for (const row of rows) yield { collection, record: convert(row) };
      if (rows.length < EXPORT_PAGE) return;
      after = Number(rows.at(-1)?.export_rowid);
    }
  }

  async importRecord(entry: StoredRecord): Promise<ImportOutcome> {
    return insertIfAbsent(() => this.#insertEntry(entry)) ? 'inserted' : 'present';
  }

  #insertEntry<C extends StoredCollection>(entry: StoredRecordOf<C>): void {
    const insert: (record: StoredRecords[C]) => void = this.#inserters[entry.collection];
    insert(entry.record);
  }

  readonly #inserters: { [C in StoredCollection]: (record: StoredRecords[C]) => void } = {
    settings: (record) => this.#insertSettingRow(record),
    issuers: (record) => this.#insertIssuerRow(record),
    issuer_keys: (record) => this.#insertKeyRow(record),
    achievements: (record) => this.#insertAchievementRow(record),
    credentials: (record) => this.#insertCredentialRows(record),
    expiry_processing: (record) => this.#insertExpiryRow(record),
    status_lists: (record) => this.#insertStatusListRow(record),
    status_allocations: (record) => this.#insertAllocationRow(record),
    status_events: (record) => this.#insertEventRow(record),
    tier_claims: (record) => this.#insertTierClaimRow(record),
    idempotency_keys: (record) => this.#insertIdempotencyRow(record),
  };

  async close(): Promise<void> {
    this.#db.close();
  }
}
