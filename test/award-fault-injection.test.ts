// Fail each write of an award in turn, as a full disk or a crash would leave it, then start again on
// the same data and retry with the same Idempotency-Key: no stuck key, one credential, the tier right.
import { afterAll, describe, expect, it } from 'vitest';
import type { CredentialRecord, Store } from '../src/store/port.js';
import { awardModule, progressOf } from './helpers/catalogAwards.js';
import { faultyStore } from './helpers/faultyStore.js';
import { verify } from './helpers/http.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/testApp.js';

const READS = /^(find|list|latest|get|count|export|writesFailing)/;
const learner = 'fault-injected@example.org';
const KEY = 'award-under-faults';

let now = new Date('2026-11-02T09:00:00Z');
const clock = () => now;
const opened: TestApp[] = [];
afterAll(async () => Promise.all(opened.map((app) => app.close())));

/** The store writes one award makes, in order, recorded on a store no fault touches. */
async function writesOfOneAward(): Promise<string[]> {
  const writes: string[] = [];
  const recording = (store: Store): Store =>
    new Proxy(store, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key);
        if (typeof value !== 'function' || typeof key !== 'string') return value;
        return (...args: unknown[]) => {
          if (!READS.test(key)) writes.push(key);
          return value.apply(target, args);
        };
      },
    });
  const app = await startTestApp({ background: false, clock, wrapStore: recording });
  opened.push(app);
  writes.length = 0;
  expect(
    (await awardModule(app.baseUrl, 'it-passport', learner, {}, { 'idempotency-key': KEY })).status,
  ).toBe(201);
  return [...writes];
}

async function credentialsOf(app: TestApp, achievementKey: string): Promise<CredentialRecord[]> {
  const found: CredentialRecord[] = [];
  for await (const entry of app.store.exportRecords()) {
    const record = entry.record as CredentialRecord;
    if (entry.collection === 'credentials' && record.achievementKey === achievementKey) {
      found.push(record);
    }
  }
  return found;
}

const writes = await writesOfOneAward();

describe('an award whose nth write fails, retried after a restart', () => {
  it('makes writes to fail at (a module award that stacks into DX Passport 1)', () => {
    expect(writes).toContain('insertCredential');
    expect(writes).toContain('claimTierCopy');
    expect(writes.length).toBeGreaterThan(5);
  });

  it.each(writes.map((method, index) => [index + 1, method] as const))(
    'write %i (%s) failing leaves one module, the tier held once and no stuck key',
    async (nth) => {
      const dataDir = makeDataDir();
      let calls = 0;
      let armed = false;
      const first = await startTestApp({
        dataDir,
        background: false,
        clock,
        wrapStore: (store) =>
          faultyStore(store, () =>
            armed ? (method) => !READS.test(method) && (calls += 1) === nth : undefined,
          ),
      });
      armed = true;
      const failed = await awardModule(
        first.baseUrl,
        'it-passport',
        learner,
        {},
        {
          'idempotency-key': KEY,
        },
      );
      expect([201, 503]).toContain(failed.status);
      await first.stop();

      now = new Date(now.getTime() + 11 * 60_000);
      const second = await startTestApp({ dataDir, port: first.port, background: false, clock });
      opened.push(second);
      await second.services.tierClaimRepair.repair();
      const retry = await awardModule(
        second.baseUrl,
        'it-passport',
        learner,
        {},
        {
          'idempotency-key': KEY,
        },
      );
      expect(retry.status, JSON.stringify(retry.body)).toBe(201);
      if (failed.status === 201) expect(retry.body.credential.id).toBe(failed.body.credential.id);
      expect((await verify(second.baseUrl, retry.body.credential)).body.verdict).toBe('verified');

      expect(await credentialsOf(second, 'it-passport')).toHaveLength(1);
      const tiers = await credentialsOf(second, 'dx-passport-1');
      expect(tiers).toHaveLength(1);
      expect((await progressOf(second.baseUrl, learner))['dx-passport-1']?.held).toBe(
        `urn:uuid:${tiers[0]?.id}`,
      );
    },
  );
});
