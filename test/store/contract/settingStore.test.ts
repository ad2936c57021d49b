// The SettingStore contract (and the write probe readiness uses): the same tests on every adapter.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/port.js';
import { describeOnEachStore } from '../storeAdapters.js';

describeOnEachStore('SettingStore', (current) => {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  async function storedCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for await (const entry of store.exportRecords()) {
      counts[entry.collection] = (counts[entry.collection] ?? 0) + 1;
    }
    return counts;
  }

  describe('settings', () => {
    it('keeps the first value claimed for a setting', async () => {
      expect(await store.claimSetting('salt', 'first')).toBe('first');
      expect(await store.claimSetting('salt', 'second')).toBe('first');
      expect(await store.claimSetting('other', 'x')).toBe('x');
    });

    it('finds a claimed setting, and nothing for a name never claimed', async () => {
      await store.claimSetting('found', 'value');
      expect(await store.findSetting('found')).toBe('value');
      expect(await store.findSetting('never-claimed')).toBeUndefined();
    });
  });

  describe('write probe', () => {
    it('writes and keeps nothing, side by side, and reports writes as not failing', async () => {
      await store.claimSetting('kept', 'yes');
      const before = await storedCounts();
      await Promise.all([store.probeWrite(64 * 1024), store.probeWrite(64)]);
      expect(await storedCounts()).toEqual(before);
      expect(await store.findSetting('kept')).toBe('yes');
      expect(store.writesFailing()).toBe(false);
    });
  });
});
