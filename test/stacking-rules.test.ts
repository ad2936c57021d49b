import { describe, expect, it } from 'vitest';
import { evaluateRule, type Holding } from '../src/stacking/evaluateRule.js';
import type { Rule } from '../src/catalog/rule.js';

const exams = ['it-passport', 'g-kentei', 'ds-kentei'];
const dx: Record<number, Rule> = {
  1: { nOf: 1, from: exams },
  2: { nOf: 2, from: exams },
  3: { allOf: exams },
};

function holding(achievementKey: string, earnedAt = '2026-01-01T00:00:00Z', credits = 1): Holding {
  return { credentialId: `${achievementKey}-${earnedAt}`, achievementKey, earnedAt, credits };
}

const combinations = [
  [],
  ...exams.map((e) => [e]),
  ['it-passport', 'g-kentei'],
  ['it-passport', 'ds-kentei'],
  ['g-kentei', 'ds-kentei'],
  exams,
];

describe('DX Passport rules', () => {
  it.each(combinations)(
    'with %j the learner meets exactly the levels their exam count allows',
    (...held) => {
      const holdings = held.map((key) => holding(key));
      for (const level of [1, 2, 3]) {
        const evaluation = evaluateRule(dx[level] as Rule, holdings);
        expect(evaluation.met, `level ${level}`).toBe(held.length >= level);
        if (evaluation.met) expect(evaluation.used).toHaveLength(level);
      }
    },
  );

  it('says what is missing: "1 more of" the exams not yet passed', () => {
    const evaluation = evaluateRule(dx[2] as Rule, [holding('it-passport')]);
    expect(evaluation.met).toBe(false);
    expect(evaluation.missing).toEqual(['1 more of: g-kentei, ds-kentei']);
  });

  it('uses the newest pass when the same exam was passed twice', () => {
    const evaluation = evaluateRule(dx[1] as Rule, [
      holding('it-passport', '2024-01-01T00:00:00Z'),
      holding('it-passport', '2026-05-01T00:00:00Z'),
    ]);
    expect(evaluation.used[0]?.earnedAt).toBe('2026-05-01T00:00:00Z');
  });
});

describe('constraints', () => {
  const silver: Rule = { allOf: ['a', 'b'], earnedWithin: 'P2Y' };

  it('earnedWithin accepts credentials earned within the window of one another', () => {
    expect(
      evaluateRule(silver, [
        holding('a', '2024-01-01T00:00:00Z'),
        holding('b', '2025-12-31T00:00:00Z'),
      ]).met,
    ).toBe(true);
  });

  it('earnedWithin rejects credentials earned too far apart, and says why', () => {
    const evaluation = evaluateRule(silver, [
      holding('a', '2020-01-01T00:00:00Z'),
      holding('b', '2025-01-01T00:00:00Z'),
    ]);
    expect(evaluation.met).toBe(false);
    expect(evaluation.missing[0]).toContain('P2Y');
  });

  it('nOf picks a combination that satisfies earnedWithin when the first does not', () => {
    const rule: Rule = { nOf: 2, from: ['a', 'b', 'c'], earnedWithin: 'P1Y' };
    const evaluation = evaluateRule(rule, [
      holding('a', '2018-01-01T00:00:00Z'),
      holding('b', '2025-01-01T00:00:00Z'),
      holding('c', '2025-06-01T00:00:00Z'),
    ]);
    expect(evaluation.met).toBe(true);
    expect(evaluation.used.map((h) => h.achievementKey).sort()).toEqual(['b', 'c']);
  });

  it('minCredits counts the credits of the credentials used', () => {
    const rule: Rule = { allOf: ['a', 'b'], minCredits: 5 };
    expect(evaluateRule(rule, [holding('a', undefined, 2), holding('b', undefined, 3)]).met).toBe(
      true,
    );
    const short = evaluateRule(rule, [holding('a', undefined, 2), holding('b', undefined, 2)]);
    expect(short.met).toBe(false);
    expect(short.missing[0]).toContain('1 more credits');
  });

  it('nested rules: all of digital basics and one of two applied modules', () => {
    const bronze: Rule = { allOf: ['basics', { anyOf: ['ai', 'data'] }] };
    expect(evaluateRule(bronze, [holding('basics'), holding('data')]).met).toBe(true);
    expect(evaluateRule(bronze, [holding('basics')]).missing).toEqual(['1 more of: ai, data']);
    expect(evaluateRule(bronze, [holding('ai')]).missing).toEqual(['basics']);
  });
});
