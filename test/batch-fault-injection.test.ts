// Fail each write made while a batch runs in turn (its lease, its rows' claims, their credentials,
// tiers and completion), as a full disk or a crash would leave it, then stop the service and start
// again on the same data: the batch completes, no row is issued twice, the tier is issued once.
import { afterAll, describe, expect, it } from 'vitest';
import type { CredentialRecord, Store } from '../src/store/port.js';
import { progressOf } from './helpers/catalogAwards.js';
import { CSV_COLUMNS, cohortRows, csvOf, postBatchCsv, waitForBatch } from './helpers/batches.js';
import { faultyStore } from './helpers/faultyStore.js';
import { eventually } from './helpers/smtpReceiver.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/testApp.js';

// batchCompletedAt is a read the batch's GET makes (the test polls it).
const READS = /^(find|list|latest|get|count|export|writesFailing|batchCompletedAt)/;
const SLUG = 'bridge-ngo';
/** Two learners take digital-basics, the first also ai-tools-at-work: three rows, one tier. */
const rows = cohortRows('faults', 2, 1);

let now = new Date('2026-11-02T09:00:00Z');
const clock = () => now;
const opened: TestApp[] = [];
afterAll(async () => Promise.all(opened.map((app) => app.close())));

async function credentialsOf(app: TestApp): Promise<CredentialRecord[]> {
  const found: CredentialRecord[] = [];
  for await (const entry of app.store.exportRecords()) {
    if (entry.collection === 'credentials') found.push(entry.record as CredentialRecord);
  }
  return found.filter((record) => record.issuerSlug === SLUG);
}

/**
 * The store writes made from the batch's start to its completion, each named by its method and
 * how many calls of that method came before it: rows run concurrently with the outbox, so the
 * global order differs run to run while each method's own sequence does not.
 */
async function writesOfOneBatch(): Promise<Array<readonly [string, number]>> {
  const writes: string[] = [];
  let recording = false;
  const recorder = (store: Store): Store =>
    new Proxy(store, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key);
        if (typeof value !== 'function' || typeof key !== 'string') return value;
        return (...args: unknown[]) => {
          if (recording && !READS.test(key)) writes.push(key);
          return value.apply(target, args);
        };
      },
    });
  const app = await startTestApp({ background: false, clock, wrapStore: recorder });
  opened.push(app);
  const accepted = await postBatchCsv(app.baseUrl, SLUG, csvOf(rows, CSV_COLUMNS));
  expect(accepted.status).toBe(202);
  recording = true;
  app.services.background.start();
  await waitForBatch(app.baseUrl, accepted.body.id);
  recording = false;
  const seen = new Map<string, number>();
  return writes.map((method) => {
    const occurrence = (seen.get(method) ?? 0) + 1;
    seen.set(method, occurrence);
    return [method, occurrence] as const;
  });
}

const writes = await writesOfOneBatch();

describe('a batch whose nth write fails, started again', () => {
  it('makes writes to fail at (each row claimed, its credential stored, the tier)', () => {
    expect(writes.filter(([method]) => method === 'insertCredential')).toHaveLength(4);
    expect(writes.length).toBeGreaterThan(8);
  });

  it.each(writes)(
    '%s call %i failing: after a restart the batch completes, each row issued once',
    async (failing, nth) => {
      const dataDir = makeDataDir();
      let calls = 0;
      let armed = false;
      const first = await startTestApp({
        dataDir,
        background: false,
        clock,
        wrapStore: (store) =>
          faultyStore(store, () =>
            armed ? (method) => method === failing && (calls += 1) === nth : undefined,
          ),
      });
      const accepted = await postBatchCsv(first.baseUrl, SLUG, csvOf(rows, CSV_COLUMNS));
      expect(accepted.status).toBe(202);
      armed = true;
      first.services.background.start();
      // Until the failing write happened, then the process goes away as a crash would leave it.
      // The outbox's calls follow the mail server's pace, so one may come later than recorded
      // (or not before the batch ends): the wait is bounded and the outcome is checked either way.
      const deadline = performance.now() + 20_000;
      while (calls < nth && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await first.stop();

      // Past the dead runner's lease and the claim repair's age (CLAIM_REPAIR_AFTER_SECONDS).
      now = new Date(now.getTime() + 11 * 60_000);
      const second = await startTestApp({ dataDir, port: first.port, clock });
      opened.push(second);
      const done = await waitForBatch(second.baseUrl, accepted.body.id);
      // A tier whose evaluation the failure cut short is issued by the claim repair that runs at
      // start; it may still be signing, so the learner's progress is read until the tier is held.
      const tier = await eventually(
        async () =>
          (await progressOf(second.baseUrl, 'learner1.faults@example.org'))['ai-ready-bronze'],
        (progress) => Boolean(progress?.held),
        20_000,
      );
      expect(done.body.failed, JSON.stringify(done.body)).toBe(0);
      const issuedRows = (done.body.rows as Array<{ state: string; credential?: string }>).filter(
        (row) => row.state === 'issued',
      );
      expect(issuedRows).toHaveLength(3);

      const stored = await credentialsOf(second);
      // Each row's credential is the one stored for it, and nothing else was stored twice.
      expect(issuedRows.map((row) => row.credential).sort()).toEqual(
        stored
          .filter((record) => record.achievementKey !== 'ai-ready-bronze')
          .map((record) => `urn:uuid:${record.id}`)
          .sort(),
      );
      const keys = stored.map((record) => `${record.learnerKey}/${record.achievementKey}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(stored.filter((record) => record.achievementKey === 'digital-basics')).toHaveLength(2);
      expect(stored.filter((record) => record.achievementKey === 'ai-tools-at-work')).toHaveLength(
        1,
      );
      expect(stored.filter((record) => record.achievementKey === 'ai-ready-bronze')).toHaveLength(
        1,
      );
      expect(tier?.held).toBe(
        `urn:uuid:${stored.find((record) => record.achievementKey === 'ai-ready-bronze')?.id}`,
      );
    },
  );
});
