// Data from before status lists had snapshots: SQLite's migration numbers the old changes, a
// MongoDB store keeps them unnumbered; either way each list is built from its changes on its
// first read, and changes made after the upgrade land on top.
import Database from 'better-sqlite3';
import mongoose from 'mongoose';
import path from 'node:path';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/store/sqlite/database.js';
import { migrations } from '../src/store/sqlite/migrations.js';
import { changeStatus } from './helpers/catalogAwards.js';
import { award, createIssuer, statusEntriesOf, type AnyJson } from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

const mongo = mongoTarget();

/** The schema version that added the snapshots, and the columns it added. */
const SNAPSHOT_MIGRATION =
  migrations.findIndex((sql) => sql.includes('CREATE TABLE status_list_snapshots')) + 1;

/** Takes a stopped SQLite data dir back to the schema and rows from before the snapshots. */
function asBeforeSnapshots(dataDir: string): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  db.exec(`
    DROP INDEX status_events_by_list;
    DROP TABLE status_list_snapshots;
    ALTER TABLE status_events DROP COLUMN list_number;
    ALTER TABLE status_events DROP COLUMN list_index;
    ALTER TABLE status_events DROP COLUMN list_sequence;
  `);
  db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(SNAPSHOT_MIGRATION);
  db.close();
}

/** Takes a stopped MongoDB database back to the documents from before the snapshots. */
async function asBeforeSnapshotsOnMongo(database: string | undefined): Promise<void> {
  const connection = await mongoose
    .createConnection(mongo.uri ?? '', { dbName: database })
    .asPromise();
  try {
    await connection
      .collection('status_events')
      .updateMany({}, { $unset: { listNumber: '', listIndex: '', listSequence: '', listKey: '' } });
    await connection.collection('status_list_snapshots').deleteMany({});
  } finally {
    await connection.close();
  }
}

const UPGRADES = {
  sqlite: async (app: TestApp) => asBeforeSnapshots(app.dataDir),
  mongo: async (app: TestApp) => asBeforeSnapshotsOnMongo(app.mongoDatabase),
};

async function bitsAt(url: string): Promise<(credential: AnyJson) => boolean> {
  const list = (await (await fetch(url)).json()) as { credentialSubject: { encodedList: string } };
  const bits = await decodeList({ encodedList: list.credentialSubject.encodedList });
  return (credential) => bits.getStatus(Number(statusEntriesOf(credential)[0]?.statusListIndex));
}

for (const store of ['sqlite', 'mongo'] as const) {
  describe.skipIf(store === 'mongo' && mongo.uri === undefined)(
    `upgrading a ${store} store`,
    () => {
      let current: TestApp | undefined;
      afterEach(async () => {
        await current?.close();
        current = undefined;
      });

      it('serves the bits its old changes set, then the changes made since', async () => {
        const before = await startTestApp({ store });
        current = before;
        const ngo = await createIssuer(before.baseUrl, 'ngo', 'NGO', {
          statusPurposes: ['revocation', 'suspension'],
        });
        const [revoked, suspended, reinstated] = await Promise.all(
          [1, 2, 3].map(async () => (await award(before.baseUrl, ngo)).body.credential as AnyJson),
        );
        if (!revoked || !suspended || !reinstated) throw new Error('three awards expected');
        const change = (credential: AnyJson, action: string) =>
          changeStatus(current?.baseUrl ?? '', credential.id, action);
        for (const [credential, action] of [
          [revoked, 'suspend'],
          [revoked, 'revoke'],
          [suspended, 'suspend'],
          [reinstated, 'suspend'],
          [reinstated, 'reinstate'],
        ] as const) {
          expect((await change(credential, action)).status).toBe(200);
        }
        const [revocation, suspension] = statusEntriesOf(revoked);
        await before.stop();
        await UPGRADES[store](before);

        current = await startTestApp({
          store,
          dataDir: before.dataDir,
          mongoDatabase: before.mongoDatabase,
          port: before.port,
        });
        const revokedBit = await bitsAt(revocation?.statusListCredential ?? '');
        expect([revoked, suspended, reinstated].map(revokedBit)).toEqual([true, false, false]);
        const suspendedBit = await bitsAt(suspension?.statusListCredential ?? '');
        expect([revoked, suspended, reinstated].map(suspendedBit)).toEqual([false, true, false]);

        expect((await change(suspended, 'reinstate')).status).toBe(200);
        expect((await change(reinstated, 'revoke')).status).toBe(200);
        const revokedNow = await bitsAt(revocation?.statusListCredential ?? '');
        expect([revoked, suspended, reinstated].map(revokedNow)).toEqual([true, false, true]);
        const suspendedNow = await bitsAt(suspension?.statusListCredential ?? '');
        expect([revoked, suspended, reinstated].map(suspendedNow)).toEqual([false, false, false]);
      });
    },
  );
}
