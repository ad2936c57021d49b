import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/store/sqlite/database.js';
import { migrations } from '../src/store/sqlite/migrations.js';
import { SqliteStore } from '../src/store/sqlite/sqliteStore.js';
import { makeDataDir } from './helpers/testApp.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionsIn(dataDir: string): number[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((row) => (row as { version: number }).version);
  } finally {
    db.close();
  }
}

describe('SQLite migrations go forward only and are recorded', () => {
  it('records every migration it applied, once each, and applies none twice on the next start', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    await SqliteStore.inDataDir(dataDir).close();
    await SqliteStore.inDataDir(dataDir).close();
    expect(versionsIn(dataDir)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('refuses a data directory a newer release migrated, naming both schema versions', async () => {
    const dataDir = makeDataDir();
    dirs.push(dataDir);
    await SqliteStore.inDataDir(dataDir).close();
    const newer = migrations.length + 1;
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.prepare('INSERT INTO schema_migrations (version) VALUES (?)').run(newer);
    db.close();

    expect(() => SqliteStore.inDataDir(dataDir)).toThrow(
      `migrated by a newer version of the service (schema ${newer}, this one knows ${migrations.length})`,
    );
    expect(versionsIn(dataDir)).toContain(newer);
  });
});
