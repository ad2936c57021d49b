// The catalog's achievements in SQLite.
import type { AchievementRecord, CatalogStore } from '../ports/catalogStore.js';
import type { SqliteDatabase } from './database.js';
import { toAchievement } from './rows.js';

const INSERT_ACHIEVEMENT =
  'INSERT INTO achievements (key, issuer_slug, kind, definition, updated_at) VALUES (?, ?, ?, ?, ?)';

const achievementValues = (achievement: AchievementRecord) => [
  achievement.key,
  achievement.issuerSlug,
  achievement.kind,
  achievement.definition,
  achievement.updatedAt,
];

/** A plain insert, for an import: a key already there is the import's 'present'. */
export function insertAchievementRow(db: SqliteDatabase, achievement: AchievementRecord): void {
  db.run(INSERT_ACHIEVEMENT, ...achievementValues(achievement));
}

export class SqliteCatalogStore implements CatalogStore {
  constructor(private readonly db: SqliteDatabase) {}

  async upsertAchievement(achievement: AchievementRecord): Promise<void> {
    this.db.run(
      `${INSERT_ACHIEVEMENT}
       ON CONFLICT (key) DO UPDATE SET issuer_slug = excluded.issuer_slug, kind = excluded.kind,
         definition = excluded.definition, updated_at = excluded.updated_at`,
      ...achievementValues(achievement),
    );
  }

  async findAchievement(key: string): Promise<AchievementRecord | undefined> {
    const row = this.db.get('SELECT * FROM achievements WHERE key = ?', key);
    return row ? toAchievement(row) : undefined;
  }

  async listAchievements(): Promise<AchievementRecord[]> {
    return this.db.all('SELECT * FROM achievements ORDER BY key').map(toAchievement);
  }
}
