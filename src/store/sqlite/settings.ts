// Settings in SQLite: the first value claimed for a name stays.
import type { SettingRecord, SettingStore } from '../ports/settingStore.js';
import type { SqliteDatabase } from './database.js';
import { insertIfAbsent } from './uniqueKeys.js';

export function insertSettingRow(db: SqliteDatabase, setting: SettingRecord): void {
  db.run('INSERT INTO settings (name, value) VALUES (?, ?)', setting.name, setting.value);
}

export class SqliteSettingStore implements SettingStore {
  constructor(private readonly db: SqliteDatabase) {}

  async claimSetting(name: string, value: string): Promise<string> {
    insertIfAbsent(() => insertSettingRow(this.db, { name, value }));
    return String(this.db.get('SELECT value FROM settings WHERE name = ?', name)?.value);
  }
}
