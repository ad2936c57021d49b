// mongodb-memory-server downloads mongod on first use, so it starts only where there is internet
// or a cached binary; elsewhere it fails (about 8 s here, ENOTFOUND) and the next option is tried.
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningMongo } from './mongoServer.js';

const WAIT_MS = 15_000;

/** It prints every failed download attempt; its error says the same once. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const { warn, error } = console;
  console.warn = () => undefined;
  console.error = () => undefined;
  try {
    return await run();
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

/** A running server, or why there is none. */
export async function startMemoryServer(): Promise<RunningMongo | string> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const starting = MongoMemoryServer.create();
  const timeout = sleep(WAIT_MS, 'timeout' as const, { ref: false });
  try {
    const server = await quietly(() => Promise.race([starting, timeout]));
    if (server === 'timeout') {
      // It may still finish a slow download: stop it then rather than leave a mongod behind.
      void starting.then((late) => late.stop()).catch(() => undefined);
      return `mongodb-memory-server did not start within ${WAIT_MS / 1000} s`;
    }
    return {
      uri: server.getUri(),
      source: 'mongodb-memory-server',
      stop: async () => void (await server.stop()),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `mongodb-memory-server could not start (${reason.replace(/\s+/g, ' ').trim()})`;
  }
}
