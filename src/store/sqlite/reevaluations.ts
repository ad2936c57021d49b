// Tier re-evaluations over every learner in SQLite.
import type {
  LearnerPage,
  ReevaluationCompletion,
  ReevaluationPartClaim,
  ReevaluationPartDone,
  ReevaluationStore,
  TierReevaluationRecord,
} from '../ports/reevaluationStore.js';
import type { SqliteDatabase } from './database.js';
import { optional, type Row } from './rows.js';
import { insertIfAbsent } from './uniqueKeys.js';

function toReevaluation(row: Row): TierReevaluationRecord {
  return {
    id: String(row.id),
    tierKey: String(row.tier_key),
    partKeys: JSON.parse(String(row.part_keys)) as string[],
    openedAt: String(row.opened_at),
  };
}

function toClaim(row: Row): ReevaluationPartClaim {
  return {
    reevaluationId: String(row.reevaluation_id),
    part: Number(row.part),
    attempt: Number(row.attempt),
    claimedAt: String(row.claimed_at),
  };
}

function toDone(row: Row): ReevaluationPartDone {
  return {
    reevaluationId: String(row.reevaluation_id),
    part: Number(row.part),
    learners: Number(row.learners),
    awarded: Number(row.awarded),
    finishedAt: String(row.finished_at),
  };
}

/** The next key after every key starting with the prefix ('' has none: no upper bound). */
function afterPrefix(prefix: string): string | undefined {
  if (prefix === '') return undefined;
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

export class SqliteReevaluationStore implements ReevaluationStore {
  constructor(private readonly db: SqliteDatabase) {}

  async openTierReevaluation(record: TierReevaluationRecord): Promise<boolean> {
    return insertIfAbsent(() =>
      this.db.run(
        `INSERT INTO tier_reevaluations (id, tier_key, part_keys, opened_at) VALUES (?, ?, ?, ?)`,
        record.id,
        record.tierKey,
        JSON.stringify(record.partKeys),
        record.openedAt,
      ),
    );
  }

  async listOpenTierReevaluations(): Promise<TierReevaluationRecord[]> {
    return this.db
      .all(
        `SELECT r.* FROM tier_reevaluations r
         WHERE NOT EXISTS (SELECT 1 FROM tier_reevaluation_completions c WHERE c.reevaluation_id = r.id)
         ORDER BY r.opened_at, r.id`,
      )
      .map(toReevaluation);
  }

  async listTierReevaluations(
    tierKey: string,
  ): Promise<Array<TierReevaluationRecord & { completedAt?: string }>> {
    return this.db
      .all(
        `SELECT r.*, c.completed_at FROM tier_reevaluations r
         LEFT JOIN tier_reevaluation_completions c ON c.reevaluation_id = r.id
         WHERE r.tier_key = ? ORDER BY r.opened_at DESC, r.rowid DESC`,
        tierKey,
      )
      .map((row) => {
        const completedAt = optional(row.completed_at);
        return { ...toReevaluation(row), ...(completedAt ? { completedAt } : {}) };
      });
  }

  async claimReevaluationPart(claim: ReevaluationPartClaim): Promise<boolean> {
    return insertIfAbsent(() =>
      this.db.run(
        `INSERT INTO tier_reevaluation_claims (reevaluation_id, part, attempt, claimed_at)
         VALUES (?, ?, ?, ?)`,
        claim.reevaluationId,
        claim.part,
        claim.attempt,
        claim.claimedAt,
      ),
    );
  }

  async finishReevaluationPart(done: ReevaluationPartDone): Promise<boolean> {
    return insertIfAbsent(() =>
      this.db.run(
        `INSERT INTO tier_reevaluation_parts (reevaluation_id, part, learners, awarded, finished_at)
         VALUES (?, ?, ?, ?, ?)`,
        done.reevaluationId,
        done.part,
        done.learners,
        done.awarded,
        done.finishedAt,
      ),
    );
  }

  async listReevaluationParts(
    reevaluationId: string,
  ): Promise<{ claims: ReevaluationPartClaim[]; done: ReevaluationPartDone[] }> {
    return {
      claims: this.db
        .all(
          'SELECT * FROM tier_reevaluation_claims WHERE reevaluation_id = ? ORDER BY part, attempt',
          reevaluationId,
        )
        .map(toClaim),
      done: this.db
        .all(
          'SELECT * FROM tier_reevaluation_parts WHERE reevaluation_id = ? ORDER BY part',
          reevaluationId,
        )
        .map(toDone),
    };
  }

  async completeTierReevaluation(completion: ReevaluationCompletion): Promise<boolean> {
    return insertIfAbsent(() =>
      this.db.run(
        `INSERT INTO tier_reevaluation_completions (reevaluation_id, completed_at) VALUES (?, ?)`,
        completion.reevaluationId,
        completion.completedAt,
      ),
    );
  }

  async listLearnersHolding(
    achievementKeys: readonly string[],
    { prefix, after, limit }: LearnerPage,
  ): Promise<string[]> {
    if (achievementKeys.length === 0) return [];
    const upper = afterPrefix(prefix);
    const marks = achievementKeys.map(() => '?').join(', ');
    const lower = after !== undefined && after >= prefix ? after : undefined;
    return this.db
      .all(
        `SELECT DISTINCT learner_key FROM credentials
         WHERE achievement_key IN (${marks})
           AND learner_key ${lower === undefined ? '>=' : '>'} ?
           ${upper ? 'AND learner_key < ?' : ''}
         ORDER BY learner_key LIMIT ?`,
        ...achievementKeys,
        lower ?? prefix,
        ...(upper ? [upper] : []),
        limit,
      )
      .map((row) => String(row.learner_key));
  }
}
