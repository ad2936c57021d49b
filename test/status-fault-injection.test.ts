// Fail each write of a revocation that cascades into a tier in turn, as a full disk or a crash
// would leave it, then start again on the same data and send the revocation again: the module and
// the tier built on it end revoked, whichever write failed.
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/port.js';
import { awardModule, changeStatus, progressOf, stateOf } from './helpers/catalogAwards.js';
import { faultyStore } from './helpers/faultyStore.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/testApp.js';

const READS = /^(find|list|latest|get|count|export|writesFailing)/;
const learner = 'revoked-under-faults@example.org';

let now = new Date('2026-11-02T09:00:00Z');
const clock = () => now;
const opened: TestApp[] = [];
afterAll(async () => Promise.all(opened.map((app) => app.close())));

/** A module awarded that stacks into DX Passport 1: the module's id and the tier's. */
async function moduleWithTier(app: TestApp): Promise<{ module: string; tier: string }> {
  const awarded = await awardModule(app.baseUrl, 'it-passport', learner);
  expect(awarded.status).toBe(201);
  const tier = (await progressOf(app.baseUrl, learner))['dx-passport-1']?.held;
  expect(tier).toBeDefined();
  return { module: String(awarded.body.credential.id), tier: String(tier) };
}

/** The store writes one revocation with its cascade makes, in order. */
async function writesOfOneRevocation(): Promise<string[]> {
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
  const { module } = await moduleWithTier(app);
  recording = true;
  expect((await changeStatus(app.baseUrl, module, 'revoke', 'exam withdrawn')).status).toBe(200);
  recording = false;
  return writes;
}

const writes = await writesOfOneRevocation();

describe('a revocation cascading into a tier whose nth write fails, sent again after a restart', () => {
  it('makes writes to fail at (the module and the tier built on it)', () => {
    expect(writes.filter((method) => method === 'appendStatusEvent')).toHaveLength(2);
  });

  it.each(writes.map((method, index) => [index + 1, method] as const))(
    'write %i (%s) failing leaves the module and its tier revoked once it is sent again',
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
      const { module, tier } = await moduleWithTier(first);
      armed = true;
      const failed = await changeStatus(first.baseUrl, module, 'revoke', 'exam withdrawn');
      armed = false;
      expect([200, 503]).toContain(failed.status);
      await first.stop();

      now = new Date(now.getTime() + 60_000);
      const second = await startTestApp({ dataDir, port: first.port, background: false, clock });
      opened.push(second);
      const again = await changeStatus(second.baseUrl, module, 'revoke', 'exam withdrawn');
      // Either it runs now, or it had been recorded and is final: what followed it is done again.
      if (failed.status === 200) expect(again.status).toBe(409);
      else expect([200, 409]).toContain(again.status);
      expect(await stateOf(second.baseUrl, module)).toBe('revoked');
      expect(await stateOf(second.baseUrl, tier)).toBe('revoked');
      expect((await progressOf(second.baseUrl, learner))['dx-passport-1']?.held).toBeUndefined();
      const events = await second.store.listStatusEvents(module.replace('urn:uuid:', ''));
      expect(events.map((event) => event.state)).toEqual(['revoked']);
    },
  );
});
