// Scoped API keys in SQLite.
import { isScope } from '../../core/scopes.js';
import type { ApiKeyRecord, ApiKeyStore } from '../ports/apiKeyStore.js';
import type { SqliteDatabase } from './database.js';
import { optional, type Row } from './rows.js';
import { insertOrDuplicate } from './uniqueKeys.js';

export function toApiKey(row: Row): ApiKeyRecord {
  return {
    id: String(row.id),
    issuerSlug: String(row.issuer_slug),
    name: String(row.name),
    keyHash: String(row.key_hash),
    lastFour: optional(row.last_four),
    scopes: String(row.scopes).split(',').filter(isScope),
    expiresAt: optional(row.expires_at),
    createdAt: String(row.created_at),
    revokedAt: optional(row.revoked_at),
  };
}

export function insertApiKeyRow(db: SqliteDatabase, key: ApiKeyRecord): void {
  db.run(
    `INSERT INTO api_keys
       (id, issuer_slug, name, key_hash, last_four, scopes, expires_at, created_at, revoked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    key.id,
    key.issuerSlug,
    key.name,
    key.keyHash,
    key.lastFour ?? null,
    key.scopes.join(','),
    key.expiresAt ?? null,
    key.createdAt,
    key.revokedAt ?? null,
  );
}

export class SqliteApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: SqliteDatabase) {}

  async insertApiKey(key: ApiKeyRecord): Promise<void> {
    insertOrDuplicate('api_keys', () => insertApiKeyRow(this.db, key));
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const row = this.db.get('SELECT * FROM api_keys WHERE key_hash = ?', keyHash);
    return row ? toApiKey(row) : undefined;
  }

  async listApiKeys(issuerSlug: string): Promise<ApiKeyRecord[]> {
    return this.db
      .all('SELECT * FROM api_keys WHERE issuer_slug = ? ORDER BY created_at, rowid', issuerSlug)
      .map(toApiKey);
  }

  async revokeApiKey(issuerSlug: string, id: string, revokedAt: string): Promise<boolean> {
    this.db.run(
      'UPDATE api_keys SET revoked_at = ? WHERE issuer_slug = ? AND id = ? AND revoked_at IS NULL',
      revokedAt,
      issuerSlug,
      id,
    );
    return (
      this.db.get(
        'SELECT 1 AS found FROM api_keys WHERE issuer_slug = ? AND id = ?',
        issuerSlug,
        id,
      ) !== undefined
    );
  }
}
