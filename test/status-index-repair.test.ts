// A status index claimed for a credential that was never stored (the disk filled before the
// credential and again before the index could be given back) is freed by the claim repair once
// it is older than CLAIM_REPAIR_AFTER_SECONDS, and the next credential gets it. A writer that was
// only slow and stores after its index was freed and taken again is refused that index and takes
// another: never two credentials on one index. Lists of one index make "which index" certain.
import { afterEach, describe, expect, it } from 'vitest';
import type { CredentialRecord, Store } from '../src/store/port.js';
import { faultyStore, type FaultRule } from './helpers/faultyStore.js';
import {
  award,
  createIssuer,
  sampleAward,
  statusEntriesOf,
  verify,
  type AnyJson,
} from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

const opened: TestApp[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
});

/** Where a credential's status entry points: list number (from its URL) and index. */
function positionOf(credential: AnyJson): string {
  const [entry] = statusEntriesOf(credential);
  return `${entry?.statusListCredential.split('/').pop()}#${entry?.statusListIndex}`;
}

const forLearner = (email: string) => ({ ...sampleAward, recipient: { email } });

for (const storeKind of ['sqlite', 'mongo'] as const) {
  describe.skipIf(storeKind === 'mongo' && mongoTarget().uri === undefined)(
    `a status index whose credential never came (${storeKind})`,
    () => {
      it('is freed after the repair age, and the next credential gets it', async () => {
        let now = new Date('2026-11-02T09:00:00Z');
        let fault: FaultRule | undefined;
        const app = await startTestApp({
          store: storeKind,
          background: false,
          clock: () => now,
          statusListCapacity: 1,
          wrapStore: (store) => faultyStore(store, () => fault),
        });
        opened.push(app);
        const issuer = await createIssuer(app.baseUrl, 'leaky');
        const first = await award(app.baseUrl, issuer, forLearner('first@example.org'));
        expect(first.status).toBe(201);
        expect(positionOf(first.body.credential)).toBe('revocation-1#0');

        // The disk fills: neither the credential nor giving its index back is stored.
        fault = (method) => method === 'insertCredential' || method === 'releaseStatusIndex';
        const failed = await award(app.baseUrl, issuer, forLearner('lost@example.org'));
        fault = undefined;
        expect(failed.status).toBe(503);
        expect(await app.store.listUsedStatusIndexes('leaky', 2)).toEqual([0]);

        now = new Date(now.getTime() + 60_000);
        expect((await app.services.tierClaimRepair.repair()).releasedIndexes).toBe(0);
        now = new Date(now.getTime() + 10 * 60_000);
        expect((await app.services.tierClaimRepair.repair()).releasedIndexes).toBe(1);
        expect(await app.store.listUsedStatusIndexes('leaky', 2)).toEqual([]);
        expect((await app.services.tierClaimRepair.repair()).releasedIndexes).toBe(0);

        const next = await award(app.baseUrl, issuer, forLearner('next@example.org'));
        expect(next.status).toBe(201);
        expect(positionOf(next.body.credential)).toBe('revocation-2#0');
        expect((await verify(app.baseUrl, next.body.credential)).body.verdict).toBe('verified');
        expect(await app.store.latestStatusList('leaky')).toBe(2);
      });

      it('refuses a slow writer the index freed under it: it takes another, never the same as a second credential', async () => {
        let now = new Date('2026-11-02T09:00:00Z');
        let holdInsert: Promise<void> | undefined;
        let holding: (() => void) | undefined;
        const held = new Promise<void>((resolve) => (holding = resolve));
        const slowInserts = (store: Store): Store =>
          new Proxy(store, {
            get(target, key) {
              const value: unknown = Reflect.get(target, key);
              if (key !== 'insertCredential' || typeof value !== 'function') return value;
              return async (record: CredentialRecord) => {
                const wait = holdInsert;
                holdInsert = undefined;
                if (wait) {
                  holding?.();
                  await wait;
                }
                return value.call(target, record);
              };
            },
          });
        const app = await startTestApp({
          store: storeKind,
          background: false,
          clock: () => now,
          statusListCapacity: 1,
          wrapStore: slowInserts,
        });
        opened.push(app);
        const issuer = await createIssuer(app.baseUrl, 'slow');

        let release: () => void = () => undefined;
        holdInsert = new Promise<void>((resolve) => (release = resolve));
        const slow = award(app.baseUrl, issuer, forLearner('slow@example.org'));
        await held;
        // Signed and about to store, it stalls past the repair age: its claim looks abandoned.
        now = new Date(now.getTime() + 11 * 60_000);
        expect((await app.services.tierClaimRepair.repair()).releasedIndexes).toBe(1);
        const quick = await award(app.baseUrl, issuer, forLearner('quick@example.org'));
        expect(quick.status).toBe(201);
        expect(positionOf(quick.body.credential)).toBe('revocation-1#0');
        release();
        const late = await slow;
        expect(late.status).toBe(201);
        expect(positionOf(late.body.credential)).toBe('revocation-2#0');

        for (const credential of [quick.body.credential, late.body.credential]) {
          expect((await verify(app.baseUrl, credential)).body.verdict).toBe('verified');
        }
        const stored: string[] = [];
        for await (const entry of app.store.exportRecords()) {
          const record = entry.record as CredentialRecord;
          if (entry.collection === 'credentials' && record.issuerSlug === 'slow' && record.status) {
            stored.push(`${record.status.listNumber}#${record.status.index}`);
          }
        }
        expect(stored.sort()).toEqual(['1#0', '2#0']);
      });
    },
  );
}
