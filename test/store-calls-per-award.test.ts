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

  it('do not grow with the number of credentials held: 1 and 50 before the same award', async () => {
    const few = 'holds-one@example.org';
    const many = 'holds-fifty@example.org';
    // Credentials that complete no tier by themselves (ai-ready-bronze needs a second module).
    expect((await awardModule(app.baseUrl, 'digital-basics', few)).status).toBe(201);
    for (let n = 0; n < 50; n++) {
      expect((await awardModule(app.baseUrl, 'digital-basics', many)).status).toBe(201);
    }
    const perAward: Array<{ holding: number; calls: number; byMethod: Map<string, number> }> = [];
    for (const [email, holding] of [
      [few, 1],
      [many, 50],
    ] as const) {
      counts.clear();
      const response = await awardModule(app.baseUrl, 'it-passport', email);
      expect(response.status).toBe(201);
      // The same tier completed for both: DX Passport 1.
      expect(response.body.stacked).toHaveLength(1);
      perAward.push({ holding, calls: total(counts), byMethod: new Map(counts) });
    }
    console.log(
      'store calls per award, by credentials held:',
      JSON.stringify(perAward.map(({ holding, calls }) => ({ holding, calls }))),
    );
    const [one, fifty] = perAward as [(typeof perAward)[0], (typeof perAward)[0]];
    expect(fifty.calls).toBe(one.calls);
    expect(fifty.byMethod).toEqual(one.byMethod);
  });
});
