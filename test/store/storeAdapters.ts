import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
