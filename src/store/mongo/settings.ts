// Settings in MongoDB: the first value claimed for a name stays.
import { randomUUID } from 'node:crypto';
import type { SettingStore } from '../ports/settingStore.js';
import type { WriteProbe } from '../ports/storageHealth.js';
import { insertIfAbsent, retryTransient as retry } from './errors.js';
import type { Models } from './models.js';

export class MongoSettingStore implements SettingStore, WriteProbe {
  constructor(private readonly models: Models) {}

  async claimSetting(name: string, value: string): Promise<string> {
    await insertIfAbsent(() => this.models.settings.create({ name, value }));
    const stored = await retry(() => this.models.settings.findOne({ name }).lean());
    if (!stored) throw new Error(`setting ${name} vanished after its claim`);
    return stored.value;
  }

  async findSetting(name: string): Promise<string | undefined> {
    const stored = await retry(() => this.models.settings.findOne({ name }).lean());
    return stored?.value;
  }

  async writeProbe(bytes: number): Promise<void> {
    // A name of its own per probe: instances sharing the database probe side by side.
    const name = `readiness.probe.${randomUUID()}`;
    await this.models.settings.create({ name, value: 'x'.repeat(bytes) });
    await retry(() => this.models.settings.deleteOne({ name }));
  }
}
