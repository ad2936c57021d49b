// The catalog's rules and a learner's shortfalls as the console words them, in each page language.
import { describe, expect, it } from 'vitest';
import type { Rule } from '../src/catalog/rule.js';
import { consoleTranslate } from '../src/pages/console/i18n/consoleMessages.js';
import { durationText, ruleSentence, shortfallLines } from '../src/pages/console/ruleSentence.js';
import { evaluateRule } from '../src/stacking/evaluateRule.js';

const NAMES: Record<string, string> = {
  'it-passport': 'IT Passport',
  'g-kentei': 'G検定',
  'ds-kentei': 'DS検定',
  basics: 'Digital basics',
  ai: 'AI tools at work',
  data: 'Data literacy',
};
const nameOf = (key: string) => NAMES[key] ?? key;
const en = consoleTranslate('en');
const ja = consoleTranslate('ja');
const zh = consoleTranslate('zh-TW');
const EXAMS = ['it-passport', 'g-kentei', 'ds-kentei'];

describe('rule sentences', () => {
  it('names a single achievement, as a string rule or an achievement node', () => {
    expect(ruleSentence('it-passport', en, nameOf)).toBe('IT Passport');
    expect(ruleSentence({ achievement: 'g-kentei' }, en, nameOf)).toBe('G検定');
  });

  it('says all of, any one of and any n of', () => {
    expect(ruleSentence({ allOf: EXAMS }, en, nameOf)).toBe('all of IT Passport, G検定, DS検定');
    expect(ruleSentence({ anyOf: ['ai', 'data'] }, en, nameOf)).toBe(
      'any one of AI tools at work, Data literacy',
    );
    expect(ruleSentence({ nOf: 2, from: EXAMS }, en, nameOf)).toBe(
      'any 2 of IT Passport, G検定, DS検定',
    );
  });

  it('brackets a nested rule', () => {
    const bronze: Rule = { allOf: ['basics', { anyOf: ['ai', 'data'] }] };
    expect(ruleSentence(bronze, en, nameOf)).toBe(
      'all of Digital basics, (any one of AI tools at work, Data literacy)',
    );
    expect(ruleSentence(bronze, ja, nameOf)).toBe(
      'Digital basics、（AI tools at work、Data literacyのうちいずれか 1 つ）のすべて',
    );
  });

  it('adds the time and credit conditions', () => {
    const gold: Rule = { allOf: ['basics', 'ai'], earnedWithin: 'P3Y', minCredits: 12 };
    expect(ruleSentence(gold, en, nameOf)).toBe(
      'all of Digital basics, AI tools at work, earned within 3 years of one another, with at least 12 credits together',
    );
    expect(ruleSentence({ achievement: 'ai', earnedWithin: 'P1Y6M' }, en, nameOf)).toBe(
      'AI tools at work, earned within 1 year 6 months of one another',
    );
    expect(ruleSentence(gold, zh, nameOf)).toBe(
      'Digital basics、AI tools at work全部（彼此間隔 3 年內取得、合計至少 12 學分）',
    );
  });

  it('words the DX Passport rules in Japanese and Traditional Chinese', () => {
    expect(ruleSentence({ nOf: 2, from: EXAMS }, ja, nameOf)).toBe(
      'IT Passport、G検定、DS検定のうちいずれか 2 つ',
    );
    expect(ruleSentence({ allOf: EXAMS }, zh, nameOf)).toBe('IT Passport、G検定、DS検定全部');
  });

  it('reads durations in each language', () => {
    expect(durationText('P2Y', en)).toBe('2 years');
    expect(durationText('P1M', en)).toBe('1 month');
    expect(durationText('P1Y6M', ja)).toBe('1 年6 か月');
  });
});

describe('what a learner still lacks', () => {
  const holding = (achievementKey: string) => ({
    credentialId: achievementKey,
    achievementKey,
    earnedAt: '2026-01-01T00:00:00Z',
    credits: 4,
  });

  it('says "n more of" for an n-of rule and for the achievements an all-of still needs', () => {
    const one = [holding('it-passport')];
    const two = evaluateRule({ nOf: 2, from: EXAMS }, one);
    expect(shortfallLines(two.shortfalls, en, nameOf)).toEqual(['1 more of: G検定, DS検定']);
    const three = evaluateRule({ allOf: EXAMS }, one);
    expect(shortfallLines(three.shortfalls, en, nameOf)).toEqual(['2 more of: G検定, DS検定']);
    expect(shortfallLines(three.shortfalls, ja, nameOf)).toEqual(['あと 2 つ：G検定、DS検定']);
  });

  it('says how many credits are missing and when the dates are too far apart', () => {
    const credits = evaluateRule({ allOf: ['basics', 'ai'], minCredits: 12 }, [
      holding('basics'),
      holding('ai'),
    ]);
    expect(shortfallLines(credits.shortfalls, en, nameOf)).toEqual([
      '4 more credits (has 8 of 12)',
    ]);
    const apart = evaluateRule({ allOf: ['basics', 'ai'], earnedWithin: 'P1Y' }, [
      holding('basics'),
      { ...holding('ai'), earnedAt: '2028-06-01T00:00:00Z' },
    ]);
    expect(shortfallLines(apart.shortfalls, en, nameOf)).toEqual([
      'the credentials must be earned within 1 year of one another',
    ]);
  });
});
