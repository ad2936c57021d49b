import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../core/problems.js';
import { MongoStore } from '../store/mongo/mongoStore.js';
import { DATABASE_FILE, SqliteStore } from '../store/sqlite/sqliteStore.js';

/** The connection string with its password hidden, fit to print. */
export function withoutPassword(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

/** The instance's database; never a new, empty one made by opening a mistyped path. */
export function openSource(dataDir: string): SqliteStore {
  if (!existsSync(path.join(dataDir, DATABASE_FILE))) {
    throw new ConfigError(
      '--from',
      `${dataDir} holds no ${DATABASE_FILE}: name the DATA_DIR of the instance to move`,
    );
  }
  return SqliteStore.inDataDir(dataDir);
}

/** Connects and creates the indexes, as the service does at start. */
export async function openTarget(uri: string): Promise<MongoStore> {
  try {
    return await MongoStore.open(uri);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError('--to', `cannot open ${withoutPassword(uri)} (${reason})`);
  }
}
