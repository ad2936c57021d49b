// Append only: a released migration is never edited, a change is a new entry.
export const migrations: readonly string[] = [
  `
  CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE issuers (
    slug TEXT PRIMARY KEY,
    did TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    url TEXT,
    email TEXT,
    description TEXT,
    image TEXT,
    api_key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE issuer_keys (
    issuer_slug TEXT NOT NULL REFERENCES issuers(slug),
    public_key_multibase TEXT NOT NULL UNIQUE,
    sealed_secret_key TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX issuer_keys_by_issuer ON issuer_keys (issuer_slug, created_at);
  CREATE TABLE credentials (
    id TEXT PRIMARY KEY,
    issuer_slug TEXT NOT NULL REFERENCES issuers(slug),
    format TEXT NOT NULL CHECK (format IN ('di', 'jwt')),
    document TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX credentials_by_issuer ON credentials (issuer_slug, created_at);
  CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scope, key)
  );
  `,
];
