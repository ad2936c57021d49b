import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../core/problems.js';
import { validate } from '../schemas.js';
import { resultDescriptionProblems } from '../credentials/ob3Parts.js';
import { keysOf } from './rule.js';
import { findRuleCycle } from './ruleCycles.js';
import type { CatalogAchievement, CatalogFile, CatalogIssuer, TrustList } from './catalogTypes.js';

export const TRUST_FILE = 'trust.json';

export interface LoadedCatalog {
  issuers: CatalogIssuer[];
  achievements: CatalogAchievement[];
  trust: TrustList;
}

/** A catalog that cannot be used; names the file, the place in it and the reason. */
export class CatalogError extends Error {
  constructor(file: string, where: string, reason: string) {
    super(`${file}: ${where}: ${reason}`);
    this.name = 'CatalogError';
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new CatalogError(file, '(file)', `not valid JSON (${(error as Error).message})`);
  }
}

function validated<T>(file: string, schema: string, value: unknown): T {
  try {
    return validate<T>(schema, value);
  } catch (error) {
    if (error instanceof ValidationError) {
      const first = error.errors[0];
      throw new CatalogError(file, first?.field ?? '(file)', first?.message ?? 'invalid');
    }
    throw error;
  }
}

/** Rules may only name achievements the catalog defines, and not the achievement itself. */
export function findReferenceProblem(
  achievement: CatalogAchievement,
  known: ReadonlySet<string>,
): { field: string; reason: string } | undefined {
  for (const [field, rule] of [
    ['rule', achievement.rule],
    ['prerequisites', achievement.prerequisites],
  ] as const) {
    if (rule === undefined) continue;
    for (const key of keysOf(rule)) {
      if (key === achievement.key) return { field, reason: 'names the achievement itself' };
      if (!known.has(key)) return { field, reason: `names unknown achievement "${key}"` };
    }
  }
  return undefined;
}

function checkReferences(achievements: CatalogAchievement[], placeOf: Map<string, Place>): void {
  const known = new Set(achievements.map((a) => a.key));
  for (const achievement of achievements) {
    const [resultProblem] = resultDescriptionProblems(achievement.resultDescription ?? []);
    if (resultProblem) {
      const place = placeOf.get(achievement.key);
      throw new CatalogError(
        place?.file ?? '?',
        `achievements[${place?.index ?? '?'}].${resultProblem.field}`,
        resultProblem.message,
      );
    }
    const problem = findReferenceProblem(achievement, known);
    if (!problem) continue;
    const place = placeOf.get(achievement.key);
    throw new CatalogError(
      place?.file ?? '?',
      `achievements[${place?.index ?? '?'}].${problem.field}`,
      problem.reason,
    );
  }
  const cycle = findRuleCycle(achievements);
  if (cycle) {
    const [first = ''] = cycle;
    const place = placeOf.get(first);
    throw new CatalogError(
      place?.file ?? '?',
      `achievements[${place?.index ?? '?'}].rule`,
      `achievements need one another in a cycle, so none of them could be earned: ${cycle.join(' -> ')}`,
    );
  }
}

interface Place {
  file: string;
  index: number;
}

/** Reads every *.json in the directory: catalogs, and trust.json as the trust list. */
export function loadCatalogDir(directory: string): LoadedCatalog {
  const catalog: LoadedCatalog = { issuers: [], achievements: [], trust: { trusted: [] } };
  if (!existsSync(directory)) return catalog;
  const placeOf = new Map<string, Place>();
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort();
  for (const name of files) {
    const file = path.join(directory, name);
    if (name === TRUST_FILE) {
      catalog.trust = validated<TrustList>(file, 'trust-list', readJson(file));
      continue;
    }
    const contents = validated<CatalogFile>(file, 'catalog', readJson(file));
    catalog.issuers.push(...(contents.issuers ?? []));
    for (const [index, achievement] of contents.achievements.entries()) {
      const earlier = placeOf.get(achievement.key);
      if (earlier) {
        throw new CatalogError(
          file,
          `achievements[${index}].key`,
          `"${achievement.key}" is already defined in ${earlier.file}`,
        );
      }
      placeOf.set(achievement.key, { file, index });
      catalog.achievements.push(achievement);
    }
  }
  checkReferences(catalog.achievements, placeOf);
  return catalog;
}
