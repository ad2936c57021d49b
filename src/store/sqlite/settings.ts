// Settings in SQLite: the first value claimed for a name stays.
import type { SettingRecord, SettingStore } from '../ports/settingStore.js';
import type { WriteProbe } from '../ports/storageHealth.js';
import type { SqliteDatabase } from './database.js';
import { insertIfAbsent } from './uniqueKeys.js';

const PROBE = 'readiness.probe';

export function insertSettingRow(db: SqliteDatabase, setting: SettingRecord): void {
  db.run('INSERT INTO settings (name, value) VALUES (?, ?)', setting.name, setting.value);
}

export class SqliteSettingStore implements SettingStore, WriteProbe {
  constructor(private readonly db: SqliteDatabase) {}

  async claimSetting(name: string, value: string): Promise<string> {
    insertIfAbsent(() => insertSettingRow(this.db, { name, value }));
    return String(this.db.get('SELECT value FROM settings WHERE name = ?', name)?.value);
  }

  async findSetting(name: string): Promise<string | undefined> {
    const row = this.db.get('SELECT value FROM settings WHERE name = ?', name);
    return row === undefined ? undefined : String(row.value);
  }

  async writeProbe(bytes: number): Promise<void> {
    // Committed, not rolled back: a rolled-back write may never reach the disk it is probing.
    this.db.run(
      'INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)',
      PROBE,
      'x'.repeat(bytes),
    );
    this.db.run('DELETE FROM settings WHERE name = ?', PROBE);
  }
}
