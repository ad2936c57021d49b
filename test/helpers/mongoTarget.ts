import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import { MongoStore } from '../../src/store/mongo/mongoStore.js';

/** The server mongoGlobalSetup.ts found, or why there is none. */
export type MongoTarget = { uri: string } | { uri?: undefined; skipReason: string };

export function mongoTarget(): MongoTarget {
  return inject('mongo') ?? { skipReason: 'test/helpers/mongoGlobalSetup.ts did not run' };
}

export interface TestMongoStore {
  store: MongoStore;
  database: string;
  /** Deletes the database; call after closing the store. */
  drop(): Promise<void>;
}

/** A MongoStore on its own database (a new one unless named), so suites never share data. */
export async function openTestMongoStore(
  purpose: string,
  database = `test-${purpose}-${randomUUID().slice(0, 8)}`,
): Promise<TestMongoStore> {
  const target = mongoTarget();
  if (target.uri === undefined) throw new Error(`no MongoDB for this test: ${target.skipReason}`);
  const { uri } = target;
  return {
    store: await MongoStore.open(uri, { dbName: database }),
    database,
    async drop() {
      const connection = await mongoose.createConnection(uri, { dbName: database }).asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    },
  };
}
