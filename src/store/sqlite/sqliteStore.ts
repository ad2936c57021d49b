import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations.js';
import {
  toAchievement,
  toCredential,
  toIdempotency,
  toIssuer,
  toIssuerKey,
  toCredentialState,
  toStatusEvent,
  type Row,
} from './rows.js';
import {
  DuplicateKeyError,
  type AchievementRecord,
  type ClaimResult,
  type CredentialRecord,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type IssuerKeyRecord,
  type IssuerRecord,
  type StatusEntryState,
  type StatusEvent,
  type StatusPosition,
  type Store,
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
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    migrate(this.#db);
  }

  static inDataDir(dataDir: string): SqliteStore {
    return new SqliteStore(path.join(dataDir, 'credentials.sqlite'));
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
        this.#insertKeyRow(firstKey);
      })(),
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

  async findAchievement(key: string): Promise<AchievementRecord | undefined> {
    const row = this.#get('SELECT * FROM achievements WHERE key = ?', key);
    return row ? toAchievement(row) : undefined;
  }

  async listAchievements(): Promise<AchievementRecord[]> {
    return this.#all('SELECT * FROM achievements ORDER BY key').map(toAchievement);
  }

  async insertCredential(credential: CredentialRecord): Promise<void> {
    insertOrDuplicate('credentials', () =>
      this.#db.transaction(() => {
        this.#run(
          `INSERT INTO credentials (id, origin, issuer_did, issuer_slug, format, document, achievement_key,
             learner_key, valid_from, valid_until, status_list, status_index, renewal_of, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
          credential.createdAt,
        );
        for (const constituentId of credential.constituentIds) {
          this.#run(
            'INSERT INTO credential_constituents (tier_id, constituent_id) VALUES (?, ?)',
            credential.id,
            constituentId,
          );
        }
      })(),
    );
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
    return insertIfAbsent(() =>
      this.#run('INSERT INTO expiry_processing (credential_id) VALUES (?)', credentialId),
    );
  }

  async claimLearnerSubject(learnerKey: string, subject: string): Promise<string> {
    insertIfAbsent(() =>
      this.#run('INSERT INTO learners (learner_key, subject) VALUES (?, ?)', learnerKey, subject),
    );
    return String(this.#get('SELECT subject FROM learners WHERE learner_key = ?', learnerKey)?.subject);
  }

  async claimStatusList(issuerSlug: string, listNumber: number): Promise<boolean> {
    return insertIfAbsent(() =>
      this.#run(
        'INSERT INTO status_lists (issuer_slug, list_number) VALUES (?, ?)',
        issuerSlug,
        listNumber,
      ),
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
      this.#run(
        `INSERT INTO status_allocations (issuer_slug, list_number, status_index, credential_id)
         VALUES (?, ?, ?, ?)`,
        issuerSlug,
        position.listNumber,
        position.index,
        credentialId,
      ),
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
    insertOrDuplicate('status_events', () =>
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
      ),
    );
  }

  async listStatusEvents(credentialId: string): Promise<StatusEvent[]> {
    return this.#all(
      'SELECT * FROM status_events WHERE credential_id = ? ORDER BY version',
      credentialId,
    ).map(toStatusEvent);
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
    insertOrDuplicate('tier_claims', () =>
      this.#run(
        `INSERT INTO tier_claims (learner_key, achievement_key, epoch, credential_id) VALUES (?, ?, ?, ?)`,
        claim.learnerKey,
        claim.achievementKey,
        claim.epoch,
        claim.credentialId,
      ),
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

  async countTierClaims(learnerKey: string, achievementKey: string): Promise<number> {
    const row = this.#get(
      'SELECT COUNT(*) AS n FROM tier_claims WHERE learner_key = ? AND achievement_key = ?',
      learnerKey,
      achievementKey,
    );
    return Number(row?.n ?? 0);
  }

  async claimSetting(name: string, value: string): Promise<string> {
    insertIfAbsent(() => this.#run('INSERT INTO settings (name, value) VALUES (?, ?)', name, value));
    return String(this.#get('SELECT value FROM settings WHERE name = ?', name)?.value);
  }

  async claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimResult<IdempotencyRecord>> {
    const claimed = insertIfAbsent(() =>
      this.#run(
        'INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (?, ?, ?, ?)',
        claim.scope,
        claim.key,
        claim.requestHash,
        new Date().toISOString(),
      ),
    );
    if (claimed) return { claimed: true };
    const row = this.#get(
      'SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?',
      claim.scope,
      claim.key,
    ) as Row;
    return { claimed: false, existing: toIdempotency(row) };
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

  async close(): Promise<void> {
    this.#db.close();
  }
}
