import { end, parse } from 'iso8601-duration';
import type { Rule, RuleNode } from '../catalog/rule.js';

/** A valid credential the learner holds, as the rules see it. */
export interface Holding {
  credentialId: string;
  achievementKey: string;
  /** When it was earned (ISO 8601). */
  earnedAt: string;
  credits: number;
}

export interface Evaluation {
  met: boolean;
  /** The credentials that meet the rule (empty when not met). */
  used: Holding[];
  /** What is missing, in words ("1 more of: ds-kentei"); empty when met. */
  missing: string[];
  /** The same, as values a page can word in its own language. */
  shortfalls: Shortfall[];
}

/** One thing a rule still needs. */
export type Shortfall =
  | { kind: 'achievement'; achievement: string }
  | { kind: 'moreOf'; count: number; of: Rule[] }
  | { kind: 'credits'; more: number; have: number; need: number }
  | { kind: 'earnedWithin'; within: string }
  | { kind: 'constraints' };

/** The largest number of child combinations tried when a constraint rejects the first one. */
const MAX_COMBINATIONS = 5_000;

const met = (used: Holding[]): Evaluation => ({ met: true, used, missing: [], shortfalls: [] });

const unmet = (shortfalls: Shortfall[]): Evaluation => ({
  met: false,
  used: [],
  missing: shortfalls.map(describe),
  shortfalls,
});

function normalise(rule: Rule): RuleNode {
  return typeof rule === 'string' ? { achievement: rule } : rule;
}

function label(rule: Rule): string {
  const node = normalise(rule);
  if ('achievement' in node) return node.achievement;
  if ('allOf' in node) return `all of (${node.allOf.map(label).join(', ')})`;
  if ('anyOf' in node) return `one of (${node.anyOf.map(label).join(', ')})`;
  return `${node.nOf} of (${node.from.map(label).join(', ')})`;
}

function describe(shortfall: Shortfall): string {
  switch (shortfall.kind) {
    case 'achievement':
      return shortfall.achievement;
    case 'moreOf':
      return `${shortfall.count} more of: ${shortfall.of.map(label).join(', ')}`;
    case 'credits':
      return `${shortfall.more} more credits (have ${shortfall.have} of ${shortfall.need})`;
    case 'earnedWithin':
      return `credentials earned within ${shortfall.within} of one another`;
    case 'constraints':
      return 'constraints not met';
  }
}

function distinct(holdings: Holding[]): Holding[] {
  return [...new Map(holdings.map((h) => [h.credentialId, h])).values()];
}

/** Why these credentials break the node's constraints, or undefined when they do not. */
function constraintViolation(node: RuleNode, used: Holding[]): Shortfall | undefined {
  if (node.minCredits !== undefined) {
    const credits = used.reduce((sum, h) => sum + h.credits, 0);
    if (credits < node.minCredits)
      return {
        kind: 'credits',
        more: node.minCredits - credits,
        have: credits,
        need: node.minCredits,
      };
  }
  if (node.earnedWithin !== undefined && used.length > 1) {
    const times = used.map((h) => Date.parse(h.earnedAt)).sort((a, b) => a - b);
    const earliest = new Date(times[0] ?? 0);
    const latest = times.at(-1) ?? 0;
    if (end(parse(node.earnedWithin), earliest).getTime() < latest) {
      return { kind: 'earnedWithin', within: node.earnedWithin };
    }
  }
  return undefined;
}

function* combinations<T>(items: T[], size: number, start = 0, chosen: T[] = []): Generator<T[]> {
  if (chosen.length === size) {
    yield chosen;
    return;
  }
  for (let i = start; i <= items.length - (size - chosen.length); i += 1) {
    yield* combinations(items, size, i + 1, [...chosen, items[i] as T]);
  }
}

/** Picks `size` of the met children whose union satisfies the node's constraints. */
function chooseChildren(
  node: RuleNode,
  metChildren: Evaluation[],
  size: number,
): Evaluation | undefined {
  let tried = 0;
  let violation: Shortfall | undefined;
  for (const choice of combinations(metChildren, size)) {
    const used = distinct(choice.flatMap((e) => e.used));
    violation = constraintViolation(node, used);
    if (!violation) return met(used);
    tried += 1;
    if (tried >= MAX_COMBINATIONS) break;
  }
  return violation ? unmet([violation]) : undefined;
}

function evaluateLeaf(node: RuleNode & { achievement: string }, holdings: Holding[]): Evaluation {
  // Newest first: the most recent pass stands for the module.
  const candidates = holdings
    .filter((h) => h.achievementKey === node.achievement)
    .sort((a, b) => b.earnedAt.localeCompare(a.earnedAt));
  const wanted: Shortfall = { kind: 'achievement', achievement: node.achievement };
  if (candidates.length === 0) return unmet([wanted]);
  for (const candidate of candidates) {
    if (!constraintViolation(node, [candidate])) return met([candidate]);
  }
  return unmet([constraintViolation(node, [candidates[0] as Holding]) ?? wanted]);
}

/**
 * Whether the learner's valid credentials meet the rule, with which credentials, and if not,
 * what is missing. Pure: no clock, no storage.
 */
export function evaluateRule(rule: Rule, holdings: Holding[]): Evaluation {
  const node = normalise(rule);
  if ('achievement' in node) return evaluateLeaf(node, holdings);

  if ('allOf' in node) {
    const children = node.allOf.map((child) => evaluateRule(child, holdings));
    const shortfalls = children.flatMap((child) => child.shortfalls);
    if (shortfalls.length > 0) return unmet(shortfalls);
    return chooseChildren(node, children, children.length) ?? unmet([{ kind: 'constraints' }]);
  }

  const [children, needed] = 'anyOf' in node ? [node.anyOf, 1] : [node.from, node.nOf];
  const evaluations = children.map((child) => evaluateRule(child, holdings));
  const metChildren = evaluations.filter((e) => e.met);
  if (metChildren.length >= needed) {
    const chosen = chooseChildren(node, metChildren, needed);
    if (chosen) return chosen;
  }
  const unmetChildren = children.filter((_child, i) => !evaluations[i]?.met);
  const short = Math.max(needed - metChildren.length, 0);
  if (short === 0) return unmet([{ kind: 'constraints' }]);
  return unmet([{ kind: 'moreOf', count: short, of: unmetChildren }]);
}
