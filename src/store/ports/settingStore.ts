// Instance settings chosen once (the key-encryption salt, the admin key's hash) and rounds of
// background work claimed once across instances (an import re-check round): the first wins.

export interface SettingRecord {
  name: string;
  value: string;
}

export interface SettingStore {
  /** Stores `value` under `name` unless a value is already there; returns the stored value. */
  claimSetting(name: string, value: string): Promise<string>;
  /** The value claimed for `name`, if any. */
  findSetting(name: string): Promise<string | undefined>;
}
