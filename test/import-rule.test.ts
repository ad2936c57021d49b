import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

// The same rule set `npm run lint` enforces on src/.
const rules = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as {
  forbidden: unknown[];
  options: Record<string, unknown>;
};

async function violationsIn(baseDir: string): Promise<IViolation[]> {
  const result = await cruise(['src'], {
    ...rules.options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: rules.forbidden },
    tsConfig: undefined,
  } as Parameters<typeof cruise>[1]);
  return (result.output as ICruiseResult).summary.violations;
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
});
