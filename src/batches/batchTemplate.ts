// The Bulk page's template CSV: every column, and example rows that check as ready when pasted
// back unchanged, so a staff member sees what a good row looks like before changing any.
import { stringify } from 'csv-stringify/sync';
import {
  DEFAULT_LANGUAGE,
  hasLanguage,
  type CatalogAchievement,
  type Language,
} from '../catalog/catalogTypes.js';
import { keysOf } from '../catalog/rule.js';
import { BATCH_COLUMNS, type BatchRow } from './batchRows.js';

/** One example learner takes every module, so a module's prerequisites come rows before it. */
const EXAMPLE_LEARNER = 'learner@example.org';

/**
 * The modules in an order where each comes after those its prerequisites name (catalog order
 * otherwise); a prerequisite outside this list is left to the check, which will name it.
 */
function prerequisitesFirst(modules: readonly CatalogAchievement[]): CatalogAchievement[] {
  const byKey = new Map(modules.map((module) => [module.key, module]));
  const placed = new Set<string>();
  const ordered: CatalogAchievement[] = [];
  // Catalogs are refused at load when rules form a cycle (ruleCycles.ts), so this ends.
  const place = (module: CatalogAchievement): void => {
    if (placed.has(module.key)) return;
    placed.add(module.key);
    for (const key of module.prerequisites ? keysOf(module.prerequisites) : []) {
      const needed = byKey.get(key);
      if (needed) place(needed);
    }
    ordered.push(module);
  };
  modules.forEach(place);
  return ordered;
}

export function batchTemplateRows(
  modules: readonly CatalogAchievement[],
  language: Language,
): BatchRow[] {
  return prerequisitesFirst(modules).map((module) => ({
    recipient: EXAMPLE_LEARNER,
    achievement: module.key,
    ...(module.requiresEvidence
      ? {
          evidence_name: 'Project report',
          evidence_url: `https://example.org/portfolio/${module.key}`,
        }
      : {}),
    lang: hasLanguage(module, language) ? language : DEFAULT_LANGUAGE,
  }));
}

export const batchTemplateCsv = (
  modules: readonly CatalogAchievement[],
  language: Language,
): string =>
  stringify(batchTemplateRows(modules, language), { header: true, columns: [...BATCH_COLUMNS] });
