import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger, type LoggerOptions } from '../../src/logger.js';
import { createServices, type ServiceOptions, type Services } from '../../src/services.js';
import type { Store } from '../../src/store/port.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import { openTestMongoStore } from './mongoTarget.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdefghijklmnop';
export const ENCRYPTION_SECRET = 'test-encryption-secret-0123456789abcdefghij';

export interface TestApp {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** The MongoDB database the app runs on, when `store` is 'mongo'. */
  mongoDatabase?: string;
  services: Services;
  /** The store behind the services, for tests that look at what was written. */
  store: Store;
  /** Stops the server and closes the store; keeps DATA_DIR (and the database) for a restart. */
  stop(): Promise<void>;
  /** Stops and deletes DATA_DIR (and the database). */
  close(): Promise<void>;
}

export interface TestAppOptions extends ServiceOptions {
  dataDir?: string;
  env?: Record<string, string>;
  /** Listen on this port, e.g. to restart on the same PUBLIC_URL; a free one by default. */
  port?: number;
  /**
   * PUBLIC_URL's host: 'localhost' for what browsers allow only on a name (passkeys refuse an
   * IP address as their relying party); 127.0.0.1 by default. The server listens on 127.0.0.1.
   */
  publicHost?: 'localhost' | '127.0.0.1';
  /** SQLite in DATA_DIR (the default), or MongoDB on the server the test setup found. */
  store?: 'sqlite' | 'mongo';
  /** The MongoDB database to open, e.g. to restart on the same data; a new one by default. */
  mongoDatabase?: string;
  /** false leaves the background jobs (sweeps, queues) stopped, for tests that run them by hand. */
  background?: boolean;
  /** Wraps the store the services get (e.g. to count calls); the test app still closes the real one. */
  wrapStore?: (store: Store) => Store;
  /** Where log lines go (with env LOG_LEVEL set, which is 'silent' by default), to read them. */
  logDestination?: LoggerOptions['destination'];
  /** Sees every request the server receives, before the app answers it (e.g. to count them). */
  onRequest?: (request: IncomingMessage) => void;
}

interface OpenedStore {
  store: Store;
  mongoDatabase?: string;
  drop(): Promise<void>;
}

async function openStore(options: TestAppOptions, dataDir: string): Promise<OpenedStore> {
  if (options.store !== 'mongo') {
    return { store: SqliteStore.inDataDir(dataDir), drop: async () => undefined };
  }
  const mongo = await openTestMongoStore('app', options.mongoDatabase);
  return { store: mongo.store, mongoDatabase: mongo.database, drop: mongo.drop };
}

export function makeDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'credentials-test-'));
}

/** The real app on a real store (SQLite in a temp DATA_DIR by default), on a free loopback port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? makeDataDir();
  // Listen first so PUBLIC_URL can name the real port the credentials' URLs point at.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${options.publicHost ?? '127.0.0.1'}:${port}`;
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    ADMIN_API_KEY: ADMIN_KEY,
    KEY_ENCRYPTION_SECRET: ENCRYPTION_SECRET,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const { store, mongoDatabase, drop } = await openStore(options, dataDir);
  let services: Services;
  try {
    services = await createServices(
      config,
      options.wrapStore ? options.wrapStore(store) : store,
      createLogger(config.logLevel, { destination: options.logDestination }),
      options,
    );
  } catch (error) {
    // A refused start (a test of the refusal) leaves no port or database handle open.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    await drop();
    throw error;
  }
  if (options.onRequest) server.on('request', options.onRequest);
  server.on('request', createApp(services));
  if (options.background !== false) services.background.start();
  const stop = async (): Promise<void> => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await services.background.stop();
    await services.credentialUses.flush();
    await services.proofWorkers.close();
    await store.close();
  };
  return {
    baseUrl,
    port,
    dataDir,
    mongoDatabase,
    services,
    store,
    stop,
    async close() {
      await stop();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
