import mongoose, { type Connection } from 'mongoose';

/** Used when MONGODB_URI names no database: the driver would otherwise write to `test`. */
const DEFAULT_DATABASE = 'stackable-credentials';

/** The database named in the URI's path, if any (hosts may be a comma-separated list). */
export function databaseInUri(uri: string): string | undefined {
  const name = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]*)/.exec(uri)?.[1];
  return name ? decodeURIComponent(name) : undefined;
}

export async function openConnection(uri: string, dbName?: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName: dbName ?? databaseInUri(uri) ?? DEFAULT_DATABASE,
    // Indexes are created once, awaited, before the store is handed out (see models.ts); and a
    // command sent while disconnected should fail through the driver, not wait in a mongoose buffer.
    autoIndex: false,
    autoCreate: false,
    bufferCommands: false,
  });
  await connection.asPromise();
  return connection;
}
