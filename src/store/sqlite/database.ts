// Opening the SQLite file (owner-only, WAL, migrated) and the statements every module runs.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations.js';
import type { Row } from './rows.js';

/** The database's file name in DATA_DIR. */
export const DATABASE_FILE = 'credentials.sqlite';

/** Owner only: the database holds (encrypted) signing keys and every learner's credentials. */
export const PRIVATE_DIR_MODE = 0o700;
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

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((row) => (row as Row).version),
  );
  // Migrations only go forward: a file a newer release has migrated may hold what this code
  // cannot read or would overwrite, so it is refused before anything is written.
  const newest = Math.max(0, ...[...applied].map(Number));
  if (newest > migrations.length) {
    throw new Error(
      `The database was migrated by a newer version of the service (schema ${newest}, this one knows ${migrations.length}): run that version, or restore a backup made by this one`,
    );
  }
  migrations.forEach((sql, index) => {
    const version = index + 1;
    if (applied.has(version)) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version) VALUES (?)').run(version);
    })();
  });
}

/** Prepared statements kept per SQL text; texts vary only by the length of an IN list. */
const STATEMENT_CACHE_SIZE = 500;

/** One open database file, shared by the modules of each aggregate. */
export class SqliteDatabase {
  readonly #db: Database.Database;
  // Preparing costs more than running most of our statements (a re-evaluation of every learner
  // spent a quarter of its time there), so each text is prepared once and reused.
  readonly #statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    if (file !== ':memory:') securedDatabaseFile(file);
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    migrate(this.#db);
  }

  all(sql: string, ...params: unknown[]): Row[] {
    return this.#prepared(sql).all(...params) as Row[];
  }

  get(sql: string, ...params: unknown[]): Row | undefined {
    return this.#prepared(sql).get(...params) as Row | undefined;
  }

  run(sql: string, ...params: unknown[]): void {
    this.#prepared(sql).run(...params);
  }

  #prepared(sql: string): Database.Statement {
    const kept = this.#statements.get(sql);
    if (kept) return kept;
    if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.clear();
    const statement = this.#db.prepare(sql);
    this.#statements.set(sql, statement);
    return statement;
  }

  /** Runs `work` as one transaction: all of its writes, or none. */
  transaction(work: () => void): void {
    this.#db.transaction(work)();
  }

  close(): void {
    this.#db.close();
  }
}
