// Online backups of the SQLite file through SQLite's own backup API (better-sqlite3's
// db.backup()): the copy is one consistent instant even while the service keeps writing, which a
// file copy of a WAL database (the file plus whatever the -wal holds) is not.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { migrations } from './migrations.js';

/** Owner only: a backup holds what the database does (encrypted keys, every learner's credentials). */
const BACKUP_FILE_MODE = 0o600;

/** A backup that cannot be made or used, in words for the operator. */
export class BackupError extends Error {}

export interface BackupSummary {
  /** Schema version (the number of migrations applied) of the database copied. */
  schemaVersion: number;
  credentials: number;
  bytes: number;
}

function summaryOf(db: Database.Database): Omit<BackupSummary, 'bytes'> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)")
    .all('schema_migrations', 'credentials');
  if (tables.length < 2) throw new BackupError('the file is not a database of this service');
  const version = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
    v: number | null;
  };
  const credentials = db.prepare('SELECT COUNT(*) AS n FROM credentials').get() as { n: number };
  return { schemaVersion: version.v ?? 0, credentials: credentials.n };
}

/**
 * Copies `source` (open or not by a running service) into `target` via a file beside it. The copy
 * is left in rollback-journal mode, so it is one self-contained file; the service puts it back in
 * WAL mode when it opens it.
 */
async function copyDatabase(source: string, target: string): Promise<BackupSummary> {
  const partial = `${target}.partial`;
  // Made owner-only before SQLite writes into it; SQLite keeps an existing file's mode.
  closeSync(openSync(partial, 'w', BACKUP_FILE_MODE));
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // After the first step, everything left in one step: a writer cannot restart it midway.
    await db.backup(partial, { progress: ({ totalPages }) => totalPages });
    const copied = new Database(partial, { fileMustExist: true });
    let summary: Omit<BackupSummary, 'bytes'>;
    try {
      copied.pragma('journal_mode = DELETE');
      summary = summaryOf(copied);
    } finally {
      copied.close();
    }
    chmodSync(partial, BACKUP_FILE_MODE);
    renameSync(partial, target);
    return { ...summary, bytes: statSync(target).size };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

/** Backs the database up into a new file `target`; an existing one is never overwritten. */
export async function backupDatabase(databaseFile: string, target: string): Promise<BackupSummary> {
  if (!existsSync(databaseFile)) throw new BackupError(`there is no database at ${databaseFile}`);
  if (existsSync(target)) throw new BackupError(`${target} exists already; name a new file`);
  return copyDatabase(databaseFile, target);
}

/** Checks that `file` is an intact backup this code can open, and what it holds. */
export function checkBackup(file: string): Omit<BackupSummary, 'bytes'> {
  if (!existsSync(file)) throw new BackupError(`there is no file at ${file}`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not a SQLite database (${(error as Error).message})`);
  }
  try {
    let integrity: unknown;
    try {
      integrity = db.pragma('integrity_check', { simple: true });
    } catch (error) {
      throw new BackupError(`${file} is not a SQLite database (${(error as Error).message})`);
    }
    if (integrity !== 'ok') throw new BackupError(`${file} is damaged: ${String(integrity)}`);
    const summary = summaryOf(db);
    if (summary.schemaVersion > migrations.length) {
      throw new BackupError(
        `${file} was made by a newer version of the service (schema ${summary.schemaVersion}, this one knows ${migrations.length})`,
      );
    }
    return summary;
  } finally {
    db.close();
  }
}

/** Loads a checked backup as the database file `databaseFile` (which must not exist yet). */
export async function restoreDatabase(file: string, databaseFile: string): Promise<BackupSummary> {
  checkBackup(file);
  if (existsSync(databaseFile)) throw new BackupError(`${databaseFile} exists already`);
  return copyDatabase(file, databaseFile);
}
