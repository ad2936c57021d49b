import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations.js';
import {
  DuplicateKeyError,
  type ClaimResult,
  type CredentialRecord,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type IssuerKeyRecord,
  type IssuerRecord,
  type Store,
} from '../port.js';

type Row = Record<string, unknown>;

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

function optional(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function toIssuer(row: Row): IssuerRecord {
  return {
    slug: String(row.slug),
    did: String(row.did),
    name: String(row.name),
    url: optional(row.url),
    email: optional(row.email),
    description: optional(row.description),
    image: optional(row.image),
    apiKeyHash: String(row.api_key_hash),
    createdAt: String(row.created_at),
  };
}

function toIssuerKey(row: Row): IssuerKeyRecord {
  return {
    issuerSlug: String(row.issuer_slug),
    publicKeyMultibase: String(row.public_key_multibase),
    sealedSecretKey: String(row.sealed_secret_key),
    createdAt: String(row.created_at),
  };
}

function toCredential(row: Row): CredentialRecord {
  return {
    id: String(row.id),
    issuerSlug: String(row.issuer_slug),
    format: row.format === 'jwt' ? 'jwt' : 'di',
    document: String(row.document),
    createdAt: String(row.created_at),
  };
}

function toIdempotency(row: Row): IdempotencyRecord {
  return {
    scope: String(row.scope),
    key: String(row.key),
    requestHash: String(row.request_hash),
    response: optional(row.response),
    createdAt: String(row.created_at),
  };
}

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

  async insertIssuer(issuer: IssuerRecord, firstKey: IssuerKeyRecord): Promise<void> {
    insertOrDuplicate('issuers', () =>
      this.#db.transaction(() => {
        this.#db
          .prepare(
            `INSERT INTO issuers (slug, did, name, url, email, description, image, api_key_hash, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
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
    const row = this.#db.prepare('SELECT * FROM issuers WHERE slug = ?').get(slug) as
      Row | undefined;
    return row ? toIssuer(row) : undefined;
  }

  async findIssuerByApiKeyHash(apiKeyHash: string): Promise<IssuerRecord | undefined> {
    const row = this.#db.prepare('SELECT * FROM issuers WHERE api_key_hash = ?').get(apiKeyHash) as
      Row | undefined;
    return row ? toIssuer(row) : undefined;
  }

  async insertIssuerKey(key: IssuerKeyRecord): Promise<void> {
    insertOrDuplicate('issuer_keys', () => this.#insertKeyRow(key));
  }

  #insertKeyRow(key: IssuerKeyRecord): void {
    this.#db
      .prepare(
        `INSERT INTO issuer_keys (issuer_slug, public_key_multibase, sealed_secret_key, created_at)
         VALUES (?, ?, ?, ?)`,
      )
      .run(key.issuerSlug, key.publicKeyMultibase, key.sealedSecretKey, key.createdAt);
  }

  async listIssuerKeys(issuerSlug: string): Promise<IssuerKeyRecord[]> {
    return this.#db
      .prepare('SELECT * FROM issuer_keys WHERE issuer_slug = ? ORDER BY created_at, rowid')
      .all(issuerSlug)
      .map((row) => toIssuerKey(row as Row));
  }

  async insertCredential(credential: CredentialRecord): Promise<void> {
    insertOrDuplicate('credentials', () =>
      this.#db
        .prepare(
          'INSERT INTO credentials (id, issuer_slug, format, document, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(
          credential.id,
          credential.issuerSlug,
          credential.format,
          credential.document,
          credential.createdAt,
        ),
    );
  }

  async findCredential(id: string): Promise<CredentialRecord | undefined> {
    const row = this.#db.prepare('SELECT * FROM credentials WHERE id = ?').get(id) as
      Row | undefined;
    return row ? toCredential(row) : undefined;
  }

  async claimSetting(name: string, value: string): Promise<string> {
    this.#db
      .prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING')
      .run(name, value);
    const row = this.#db.prepare('SELECT value FROM settings WHERE name = ?').get(name) as Row;
    return String(row.value);
  }

  async claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimResult<IdempotencyRecord>> {
    try {
      this.#db
        .prepare(
          'INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (?, ?, ?, ?)',
        )
        .run(claim.scope, claim.key, claim.requestHash, new Date().toISOString());
      return { claimed: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const row = this.#db
        .prepare('SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?')
        .get(claim.scope, claim.key) as Row;
      return { claimed: false, existing: toIdempotency(row) };
    }
  }

  async completeIdempotencyKey(scope: string, key: string, response: string): Promise<void> {
    this.#db
      .prepare('UPDATE idempotency_keys SET response = ? WHERE scope = ? AND key = ?')
      .run(response, scope, key);
  }

  async releaseIdempotencyKey(scope: string, key: string): Promise<void> {
    this.#db
      .prepare('DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND response IS NULL')
      .run(scope, key);
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
