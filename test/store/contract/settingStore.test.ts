// The SettingStore contract: settings, the same tests on every adapter.
import { beforeEach, describe, expect, it } from 'vitest';
import type { SettingStore } from '../../../src/store/ports/settingStore.js';
import { describeOnEachStore } from '../storeAdapters.js';

describeOnEachStore('SettingStore', (current) => {
  let store: SettingStore;
  beforeEach(() => {
    store = current();
  });

  describe('settings', () => {
    it('keeps the first value claimed for a setting', async () => {
      expect(await store.claimSetting('salt', 'first')).toBe('first');
      expect(await store.claimSetting('salt', 'second')).toBe('first');
      expect(await store.claimSetting('other', 'x')).toBe('x');
    });
  });
});
