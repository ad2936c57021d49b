// The CatalogStore contract: achievements, the same tests on every adapter.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CatalogStore } from '../../../src/store/ports/catalogStore.js';
import { describeOnEachStore } from '../storeAdapters.js';

describeOnEachStore('CatalogStore', (current) => {
  let store: CatalogStore;
  beforeEach(() => {
    store = current();
  });

  describe('achievements', () => {
    const module = {
      key: 'it-passport',
      issuerSlug: 'ipa',
      kind: 'module' as const,
      definition: '{"name":"IT Passport"}',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };

    it('inserts, then replaces on the next write, and lists by key', async () => {
      await store.upsertAchievement({ ...module, key: 'g-kentei' });
      await store.upsertAchievement(module);
      const changed = {
        ...module,
        kind: 'tier' as const,
        definition: '{"name":"v2"}',
        updatedAt: '2026-02-01T00:00:00.000Z',
      };
      await store.upsertAchievement(changed);
      expect(await store.findAchievement('it-passport')).toEqual(changed);
      expect((await store.listAchievements()).map((a) => a.key)).toEqual([
        'g-kentei',
        'it-passport',
      ]);
      expect(await store.findAchievement('unknown')).toBeUndefined();
    });

    it('takes concurrent first writes of one key without an error, keeping one entry', async () => {
      const writes = Array.from({ length: 20 }, (_, n) => ({
        ...module,
        definition: `{"n":${n}}`,
      }));
      await Promise.all(writes.map((write) => store.upsertAchievement(write)));
      const stored = await store.listAchievements();
      expect(stored).toHaveLength(1);
      expect(writes.map((write) => write.definition)).toContain(stored[0]?.definition);
    });
  });
});
