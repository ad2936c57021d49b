// The catalog's achievements in MongoDB.
import type { AchievementRecord, CatalogStore } from '../ports/catalogStore.js';
import { retryTransient as retry, upsertByKey } from './errors.js';
import type { Models } from './models.js';
import { toAchievement } from './records.js';

export class MongoCatalogStore implements CatalogStore {
  constructor(private readonly models: Models) {}

  async upsertAchievement(achievement: AchievementRecord): Promise<void> {
    const upsert = () =>
      this.models.achievements.updateOne(
        { key: achievement.key },
        { $set: achievement },
        { upsert: true },
      );
    await upsertByKey(upsert);
  }

  async findAchievement(key: string): Promise<AchievementRecord | undefined> {
    const doc = await retry(() => this.models.achievements.findOne({ key }).lean());
    return doc ? toAchievement(doc) : undefined;
  }

  async listAchievements(): Promise<AchievementRecord[]> {
    const docs = await retry(() => this.models.achievements.find().sort({ key: 1 }).lean());
    return docs.map(toAchievement);
  }
}
