// The catalog's achievements: definitions, not invariants, so the last write of a key wins.

export type AchievementKind = 'module' | 'tier';

export interface AchievementRecord {
  /** Stable catalog key, e.g. `it-passport`. */
  key: string;
  issuerSlug: string;
  kind: AchievementKind;
  /** The catalog entry as validated JSON (schemas/catalog-achievement.json). */
  definition: string;
  updatedAt: string;
}

export interface CatalogStore {
  /** Catalog entries are definitions, not invariants: the last write wins. */
  upsertAchievement(achievement: AchievementRecord): Promise<void>;
  findAchievement(key: string): Promise<AchievementRecord | undefined>;
  listAchievements(): Promise<AchievementRecord[]>;
}
