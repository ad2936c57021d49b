// npm run backup -- <file>: an online, consistent copy of the SQLite database (the service may be
// running). npm run restore -- <file>: that copy loaded into an empty DATA_DIR. Both read the
// service's own configuration (DATA_DIR, MONGODB_URI), so they act on the same data it does.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { ConfigError } from '../core/problems.js';
import { securePrivateDataDir } from '../secrets.js';
import {
  BackupError,
  backupDatabase,
  restoreDatabase,
  type BackupSummary,
} from '../store/sqlite/backup.js';
import { DATABASE_FILE } from '../store/sqlite/sqliteStore.js';

const USAGE = 'Usage: npm run backup -- <file>   |   npm run restore -- <file>';
const print = (line: string): void => void process.stdout.write(`${line}\n`);

const described = (summary: BackupSummary): string =>
  `${summary.credentials} credentials, schema ${summary.schemaVersion}, ${summary.bytes} bytes`;

/** A restore goes only into a DATA_DIR that holds nothing: it never mixes with or replaces data. */
function assertEmpty(dataDir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dataDir);
  } catch {
    return;
  }
  if (entries.length > 0) {
    const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ', …' : '');
    throw new BackupError(
      `DATA_DIR ${dataDir} is not empty (${shown}): restore only into an empty or new directory, then point the service at it`,
    );
  }
}

async function run(command: string | undefined, file: string | undefined): Promise<void> {
  if ((command !== 'backup' && command !== 'restore') || !file) throw new BackupError(USAGE);
  const config = loadConfig();
  if (config.mongodbUri) {
    throw new BackupError(
      'MONGODB_URI is set: the store is MongoDB, back it up with mongodump --oplog (README, "Running on MongoDB")',
    );
  }
  const target = path.resolve(file);
  const databaseFile = path.join(config.dataDir, DATABASE_FILE);
  if (command === 'backup') {
    const summary = await backupDatabase(databaseFile, target);
    print(`Backed up ${databaseFile} to ${target}: ${described(summary)}.`);
    print('The signing keys in it are encrypted: restoring needs the same KEY_ENCRYPTION_SECRET.');
    return;
  }
  assertEmpty(config.dataDir);
  securePrivateDataDir(config.dataDir);
  const summary = await restoreDatabase(target, databaseFile);
  print(`Restored ${target} into ${databaseFile}: ${described(summary)}.`);
  print(
    'Start the service on this DATA_DIR with the KEY_ENCRYPTION_SECRET the backed-up one had, and the same PUBLIC_URL (credentials name it).',
  );
}

try {
  await run(process.argv[2], process.argv[3]);
} catch (error) {
  const known = error instanceof BackupError || error instanceof ConfigError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${known ? '' : 'Failed: '}${message}\n`);
  process.exitCode = 1;
}
