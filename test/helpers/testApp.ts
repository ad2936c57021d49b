import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServices, type Services } from '../../src/services.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdefghijklmnop';
export const ENCRYPTION_SECRET = 'test-encryption-secret-0123456789abcdefghij';

export interface TestApp {
  baseUrl: string;
  dataDir: string;
  services: Services;
  /** Stops the server and closes the store; keeps DATA_DIR for a restart. */
  stop(): Promise<void>;
  /** Stops and deletes DATA_DIR. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  dataDir?: string;
  env?: Record<string, string>;
  clock?: () => Date;
}

export function makeDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'credentials-test-'));
}

/** The real app on a real SQLite store in a temp DATA_DIR, on a free loopback port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? makeDataDir();
  // Listen first so PUBLIC_URL can name the real port the credentials' URLs point at.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    ADMIN_API_KEY: ADMIN_KEY,
    KEY_ENCRYPTION_SECRET: ENCRYPTION_SECRET,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const store = SqliteStore.inDataDir(dataDir);
  const services = await createServices(config, store, createLogger(config.logLevel), {
    clock: options.clock,
  });
  server.on('request', createApp(services));
  const stop = async (): Promise<void> => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    services,
    stop,
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
