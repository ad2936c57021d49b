import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule, progressOf } from './helpers/catalogAwards.js';
import { verify, type AnyJson } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

const EXAMS = ['it-passport', 'g-kentei', 'ds-kentei'];

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** The seven non-empty sets of exams, each in every order it can arrive in: 15 scenarios. */
const ARRIVALS = [
  ...EXAMS.map((e) => [e]),
  ...[
    [EXAMS[0], EXAMS[1]],
    [EXAMS[0], EXAMS[2]],
    [EXAMS[1], EXAMS[2]],
  ].flatMap((pair) => permutations(pair as string[])),
  ...permutations(EXAMS),
];

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

let learner = 0;

describe('every DX Passport combination, in every arrival order', () => {
  it.each(ARRIVALS.map((order) => [order.join(' → '), order]))('%s', async (_name, order) => {
    const email = `dx${(learner += 1)}@example.org`;
    const modules: AnyJson[] = [];
    const tiers: AnyJson[] = [];
    for (const [position, exam] of (order as string[]).entries()) {
      const response = await awardModule(app.baseUrl, exam, email);
      expect(response.status).toBe(201);
      modules.push(response.body.credential);
      // The n-th exam completes exactly DX Passport n.
      expect(response.body.stacked.map((s: AnyJson) => s.achievement)).toEqual([
        `dx-passport-${position + 1}`,
      ]);
      tiers.push(response.body.stacked[0].credential);
    }
    for (const [index, tier] of tiers.entries()) {
      expect((await verify(app.baseUrl, tier)).body.verified).toBe(true);
      const named = (tier.evidence as AnyJson[]).map((e) => e.id);
      expect(named).toHaveLength(index + 1);
      for (const id of named) expect(modules.map((m) => m.id)).toContain(id);
    }
    const progress = await progressOf(app.baseUrl, email);
    for (const level of [1, 2, 3]) {
      expect(progress[`dx-passport-${level}`]?.met, `level ${level}`).toBe(order.length >= level);
    }
  });
});
