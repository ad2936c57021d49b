// Settings in MongoDB: the first value claimed for a name stays.
import type { SettingStore } from '../ports/settingStore.js';
import { insertIfAbsent, retryTransient as retry } from './errors.js';
import type { Models } from './models.js';

export class MongoSettingStore implements SettingStore {
  constructor(private readonly models: Models) {}

  async claimSetting(name: string, value: string): Promise<string> {
    await insertIfAbsent(() => this.models.settings.create({ name, value }));
    const stored = await retry(() => this.models.settings.findOne({ name }).lean());
    if (!stored) throw new Error(`setting ${name} vanished after its claim`);
    return stored.value;
  }
}
