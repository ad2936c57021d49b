import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

// The same rule set `npm run lint` enforces on src/.
const rules = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as {
  forbidden: unknown[];
  options: Record<string, unknown>;
};

async function cruiseSrc(baseDir: string): Promise<ICruiseResult> {
  const result = await cruise(['src'], {
    ...rules.options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: rules.forbidden },
    tsConfig: undefined,
  } as Parameters<typeof cruise>[1]);
  return result.output as ICruiseResult;
}

async function violationsIn(baseDir: string): Promise<IViolation[]> {
  return (await cruiseSrc(baseDir)).summary.violations;
}

/** src/<folder> (src/store/<adapter> for the store), or the top-level file. */
const folderOf = (path: string): string =>
  /^src\/(store\/[^/]+|[^/]+)/.exec(path)?.[1]?.replace(/\.ts$/, '') ?? path;

/** Pairs of folders that import each other, each with one import either way. */
async function foldersImportingEachOther(): Promise<string[]> {
  const edges = new Map<string, string>();
  for (const module of (await cruiseSrc(process.cwd())).modules) {
    for (const dependency of module.dependencies) {
      if (!dependency.resolved.startsWith('src/')) continue;
      const [from, to] = [folderOf(module.source), folderOf(dependency.resolved)];
      if (from !== to) edges.set(`${from} -> ${to}`, `${module.source} -> ${dependency.resolved}`);
    }
  }
  return [...edges.keys()].flatMap((edge) => {
    const [from = '', to = ''] = edge.split(' -> ');
    const back = edges.get(`${to} -> ${from}`);
    return from < to && back ? [`${edges.get(edge)} / ${back}`] : [];
  });
}

const named = (violations: IViolation[]): string[] =>
  violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();

describe('the import rule', () => {
  it('reports every upward, sideways and circular import in a tree that breaks it on purpose', async () => {
    const found = named(await violationsIn(path.resolve('test/fixtures/layering')));
    expect(found).toEqual(
      expect.arrayContaining([
        'core-imports-nothing-of-ours: src/core/clock.ts -> src/stacking/tiers.ts',
        'nothing-imports-web: src/stacking/tiers.ts -> src/http/route.ts',
        'only-the-composition-root-picks-an-adapter: src/stacking/tiers.ts -> src/store/sqlite/store.ts',
        'web-does-not-touch-the-store: src/http/route.ts -> src/store/sqlite/store.ts',
        'the-store-knows-only-core: src/store/sqlite/store.ts -> src/stacking/tiers.ts',
      ]),
    );
    expect(found.some((line) => line.startsWith('no-circular: '))).toBe(true);
  });

  it('finds nothing to report in the service itself', async () => {
    expect(named(await violationsIn(process.cwd()))).toEqual([]);
  });

  it('has no two folders of the service importing each other', async () => {
    expect(await foldersImportingEachOther()).toEqual([]);
  });
});
