// Issuers and their keys in SQLite.
import type { StatusPurpose } from '../../core/statusPurpose.js';
import type { IssuerKeyRecord, IssuerRecord, IssuerStore } from '../ports/issuerStore.js';
import type { SqliteDatabase } from './database.js';
import { toIssuer, toIssuerKey } from './rows.js';
import { insertOrDuplicate } from './uniqueKeys.js';

export function insertIssuerRow(db: SqliteDatabase, issuer: IssuerRecord): void {
  db.run(
    `INSERT INTO issuers
       (slug, did, name, url, email, description, image, status_purposes, api_key_hash, created_at,
        role)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    issuer.slug,
    issuer.did,
    issuer.name,
    issuer.url ?? null,
    issuer.email ?? null,
    issuer.description ?? null,
    issuer.image ?? null,
    issuer.statusPurposes.join(','),
    issuer.apiKeyHash,
    issuer.createdAt,
    issuer.role ?? null,
  );
}

export function insertKeyRow(db: SqliteDatabase, key: IssuerKeyRecord): void {
  db.run(
    `INSERT INTO issuer_keys (issuer_slug, public_key_multibase, sealed_secret_key, created_at)
     VALUES (?, ?, ?, ?)`,
    key.issuerSlug,
    key.publicKeyMultibase,
    key.sealedSecretKey,
    key.createdAt,
  );
}

export class SqliteIssuerStore implements IssuerStore {
  constructor(private readonly db: SqliteDatabase) {}

  async insertIssuer(issuer: IssuerRecord, firstKey: IssuerKeyRecord): Promise<void> {
    insertOrDuplicate('issuers', () =>
      this.db.transaction(() => {
        insertIssuerRow(this.db, issuer);
        insertKeyRow(this.db, firstKey);
      }),
    );
  }

  async findIssuer(slug: string): Promise<IssuerRecord | undefined> {
    const row = this.db.get('SELECT * FROM issuers WHERE slug = ?', slug);
    return row ? toIssuer(row) : undefined;
  }

  async findIssuerByApiKeyHash(apiKeyHash: string): Promise<IssuerRecord | undefined> {
    const row = this.db.get('SELECT * FROM issuers WHERE api_key_hash = ?', apiKeyHash);
    return row ? toIssuer(row) : undefined;
  }

  async replaceIssuerApiKeyHash(slug: string, apiKeyHash: string): Promise<void> {
    this.db.run('UPDATE issuers SET api_key_hash = ? WHERE slug = ?', apiKeyHash, slug);
  }

  async setIssuerStatusPurposes(slug: string, statusPurposes: StatusPurpose[]): Promise<void> {
    this.db.run(
      'UPDATE issuers SET status_purposes = ? WHERE slug = ?',
      statusPurposes.join(','),
      slug,
    );
  }

  async insertIssuerKey(key: IssuerKeyRecord): Promise<void> {
    insertOrDuplicate('issuer_keys', () => insertKeyRow(this.db, key));
  }

  async listIssuerKeys(issuerSlug: string): Promise<IssuerKeyRecord[]> {
    return this.db
      .all('SELECT * FROM issuer_keys WHERE issuer_slug = ? ORDER BY created_at, rowid', issuerSlug)
      .map(toIssuerKey);
  }
}
