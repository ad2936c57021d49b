// Whether a tier is due to a learner, told from what they hold alone: pure, so an award and a
// re-evaluation over many learners (one read for a page of them) decide it the same way.
import type { CatalogAchievement } from '../catalog/catalogTypes.js';
import { evaluateRule, type Evaluation } from './evaluateRule.js';
import { countsToward, holdingsOf, isValid, type HeldFacts } from './learnerHoldings.js';

/**
 * The evaluation that meets the tier's rule, when the learner holds no valid copy of it and what
 * counts toward it meets the rule; else undefined.
 */
export function tierDue(
  tier: CatalogAchievement,
  held: readonly HeldFacts[],
  credits: ReadonlyMap<string, number>,
): Evaluation | undefined {
  if (!tier.rule) return undefined;
  if (held.some((one) => one.record.achievementKey === tier.key && isValid(one))) return undefined;
  const evaluation = evaluateRule(tier.rule, holdingsOf(held.filter(countsToward(tier)), credits));
  return evaluation.met ? evaluation : undefined;
}
