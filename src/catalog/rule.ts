/** A stacking rule as it appears in catalog files (schemas/rule.json). */
export type Rule = string | RuleNode;

export interface RuleConstraints {
  /** ISO 8601 duration: the counted credentials were all earned within it of one another. */
  earnedWithin?: string;
  /** The counted credentials carry at least this many credits together. */
  minCredits?: number;
}

export type RuleNode = RuleConstraints &
  ({ achievement: string } | { allOf: Rule[] } | { anyOf: Rule[] } | { nOf: number; from: Rule[] });

/** Every achievement key a rule mentions, however deeply. */
export function keysOf(rule: Rule): string[] {
  if (typeof rule === 'string') return [rule];
  if ('achievement' in rule) return [rule.achievement];
  const children = 'allOf' in rule ? rule.allOf : 'anyOf' in rule ? rule.anyOf : rule.from;
  return [...new Set(children.flatMap(keysOf))];
}
