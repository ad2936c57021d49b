import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/store/port.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import { mongoTarget, openTestMongoStore } from '../helpers/mongoTarget.js';

export interface OpenStore {
  store: Store;
  /** Closes the store and deletes its data. */
  dispose(): Promise<void>;
}

export interface StoreAdapter {
  name: 'sqlite' | 'mongo';
  /** Why this adapter cannot run here; the suites skip it, visibly. */
  skipReason?: string;
  /** A new, empty store of its own. */
  open(): Promise<OpenStore>;
}

const sqlite: StoreAdapter = {
  name: 'sqlite',
  async open() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'store-contract-'));
    const store = SqliteStore.inDataDir(dataDir);
    return {
      store,
      async dispose() {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

function mongo(): StoreAdapter {
  const target = mongoTarget();
  return {
    name: 'mongo',
    skipReason: target.uri === undefined ? target.skipReason : undefined,
    async open() {
      const { store, drop } = await openTestMongoStore('contract');
      return {
        store,
        async dispose() {
          await store.close();
          await drop();
        },
      };
    },
  };
}

export function storeAdapters(): StoreAdapter[] {
  return [sqlite, mongo()];
}

/**
 * Declares `suite` once per adapter (skipped, visibly, where one cannot run). Each test gets a
 * new, empty store, which `current()` returns; the suite keeps it in a variable typed by the
 * ports it tests.
 */
export function describeOnEachStore(port: string, suite: (current: () => Store) => void): void {
  for (const adapter of storeAdapters()) {
    describe.skipIf(adapter.skipReason)(`${port} contract: ${adapter.name}`, () => {
      let opened: OpenStore | undefined;
      beforeEach(async () => {
        opened = await adapter.open();
      });
      afterEach(async () => {
        await opened?.dispose();
        opened = undefined;
      });
      suite(() => {
        if (!opened) throw new Error('the store is opened per test; read it inside one');
        return opened.store;
      });
    });
  }
}
