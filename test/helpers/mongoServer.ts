// Where the MongoDB tests get a server, in this order: MONGODB_URI; mongodb-memory-server; a
// FerretDB binary started here; otherwise none, and the caller says why.
import { findFerretDb, startFerretDb } from './mongoFerretDb.js';
import { startMemoryServer } from './mongoMemoryServer.js';

export interface RunningMongo {
  uri: string;
  /** What is serving, for the one line the test run prints. */
  source: string;
  stop(): Promise<void>;
}

export type MongoOutcome = { running: RunningMongo } | { unavailable: string };

export async function startMongo(): Promise<MongoOutcome> {
  const uri = process.env.MONGODB_URI;
  if (uri) return { running: { uri, source: 'MONGODB_URI', stop: async () => undefined } };
  const memoryServer = await startMemoryServer();
  if (typeof memoryServer !== 'string') return { running: memoryServer };
  const binary = await findFerretDb();
  if (!binary) {
    return {
      unavailable: `no MONGODB_URI; ${memoryServer}; no ferretdb binary (set FERRETDB_BIN, put ferretdb on PATH, or run scripts/ferretdb.sh)`,
    };
  }
  const ferretDb = await startFerretDb(binary);
  if (typeof ferretDb !== 'string') return { running: ferretDb };
  return { unavailable: `no MONGODB_URI; ${memoryServer}; ${ferretDb}` };
}
