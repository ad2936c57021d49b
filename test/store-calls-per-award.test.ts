import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/port.js';
import { awardModule } from './helpers/catalogAwards.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

/** Every store method call through the services, by method name. */
function countingStore(store: Store, counts: Map<string, number>): Store {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counts.set(String(name), (counts.get(String(name)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const total = (counts: Map<string, number>): number =>
  [...counts.values()].reduce((sum, n) => sum + n, 0);

const statusReads = (counts: Map<string, number>): number =>
  [...counts].filter(([name]) => /StatusEvents/.test(name)).reduce((sum, [, n]) => sum + n, 0);

describe('store calls per award', () => {
  const counts = new Map<string, number>();
  let app: TestApp;
  beforeAll(async () => {
    // Background jobs stopped: the outbox sends an award's e-mail whenever it gets to it, which
    // may fall in the next award's count; what is counted here is the award itself.
    app = await startTestApp({
      background: false,
      wrapStore: (store) => countingStore(store, counts),
    });
  });
  afterAll(() => app.close());

  it('do not grow with what the learner already holds (the three DX Passport exams)', async () => {
    const email = 'calls@example.org';
    const perAward: Array<{ exam: string; calls: number; statusReads: number }> = [];
    for (const exam of ['it-passport', 'g-kentei', 'ds-kentei']) {
      counts.clear();
      const response = await awardModule(app.baseUrl, exam, email);
      expect(response.status).toBe(201);
      expect(response.body.stacked).toHaveLength(1);
      perAward.push({ exam, calls: total(counts), statusReads: statusReads(counts) });
    }
    console.log('store calls per DX Passport award:', JSON.stringify(perAward));
    const [first, , third] = perAward as [(typeof perAward)[0], unknown, (typeof perAward)[0]];
    expect(third.calls).toBeLessThanOrEqual(first.calls);
    for (const award of perAward) expect(award.statusReads).toBeLessThanOrEqual(first.statusReads);
  });
});
