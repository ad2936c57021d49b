// A catalog rule, and what a learner still lacks of one, as sentences in the page's language:
// "any 2 of IT Passport, G検定, DS検定", "1 more of: G検定, DS検定". Pure: no clock, no storage.
import { parse, type Duration } from 'iso8601-duration';
import type { Rule, RuleNode } from '../../catalog/rule.js';
import type { Shortfall } from '../../stacking/evaluateRule.js';
import type { ConsoleKey, ConsoleTranslate } from './i18n/consoleMessages.js';

/** An achievement key's name in the page language (the key itself when the catalog has none). */
export type NameOf = (key: string) => string;

const node = (rule: Rule): RuleNode => (typeof rule === 'string' ? { achievement: rule } : rule);

const DURATION_PARTS: Array<[keyof Duration, ConsoleKey, ConsoleKey]> = [
  ['years', 'duration.year', 'duration.years'],
  ['months', 'duration.month', 'duration.months'],
  ['weeks', 'duration.week', 'duration.weeks'],
  ['days', 'duration.day', 'duration.days'],
  ['hours', 'duration.hour', 'duration.hours'],
];

/** "2 years", "1 year 6 months": an ISO 8601 duration as the catalog writes validFor and earnedWithin. */
export function durationText(duration: string, t: ConsoleTranslate): string {
  const parsed = parse(duration);
  const parts = DURATION_PARTS.flatMap(([field, one, many]) => {
    const n = parsed[field] ?? 0;
    return n === 0 ? [] : [t(n === 1 ? one : many, { n })];
  });
  return parts.length > 0 ? parts.join(t('duration.separator')) : duration;
}

function list(rules: readonly Rule[], t: ConsoleTranslate, nameOf: NameOf): string {
  return rules.map((child) => nested(child, t, nameOf)).join(t('rule.separator'));
}

/** A rule inside another: in brackets when it is more than one achievement. */
function nested(rule: Rule, t: ConsoleTranslate, nameOf: NameOf): string {
  const text = ruleSentence(rule, t, nameOf);
  return 'achievement' in node(rule) && !hasConstraints(node(rule))
    ? text
    : t('rule.nested', { rule: text });
}

const hasConstraints = (rule: RuleNode): boolean =>
  rule.earnedWithin !== undefined || rule.minCredits !== undefined;

/** The whole rule as one sentence. */
export function ruleSentence(rule: Rule, t: ConsoleTranslate, nameOf: NameOf): string {
  const n = node(rule);
  const core =
    'achievement' in n
      ? nameOf(n.achievement)
      : 'allOf' in n
        ? t('rule.allOf', { list: list(n.allOf, t, nameOf) })
        : 'anyOf' in n
          ? t('rule.anyOf', { list: list(n.anyOf, t, nameOf) })
          : t('rule.nOf', { n: n.nOf, list: list(n.from, t, nameOf) });
  const constraints = [
    ...(n.earnedWithin !== undefined
      ? [t('rule.earnedWithin', { duration: durationText(n.earnedWithin, t) })]
      : []),
    ...(n.minCredits !== undefined ? [t('rule.minCredits', { credits: n.minCredits })] : []),
  ];
  return constraints.length === 0
    ? core
    : t('rule.withConstraints', { rule: core, constraints: constraints.join(t('rule.separator')) });
}

/**
 * What a learner still lacks of a tier, one line each. Achievements an "all of" still needs are
 * told together, as "2 more of: G検定, DS検定" is.
 */
export function shortfallLines(
  shortfalls: readonly Shortfall[],
  t: ConsoleTranslate,
  nameOf: NameOf,
): string[] {
  const achievements = shortfalls.flatMap((s) => (s.kind === 'achievement' ? [s.achievement] : []));
  const grouped =
    achievements.length > 0
      ? [t('progress.moreOf', { count: achievements.length, list: list(achievements, t, nameOf) })]
      : [];
  return [
    ...grouped,
    ...shortfalls.flatMap((s): string[] => {
      switch (s.kind) {
        case 'achievement':
          return [];
        case 'moreOf':
          return [t('progress.moreOf', { count: s.count, list: list(s.of, t, nameOf) })];
        case 'credits':
          return [t('progress.credits', { more: s.more, have: s.have, need: s.need })];
        case 'earnedWithin':
          return [t('progress.earnedWithin', { duration: durationText(s.within, t) })];
        case 'constraints':
          return [t('progress.constraints')];
      }
    }),
  ];
}
