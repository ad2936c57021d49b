// Tier re-evaluations over every learner in MongoDB.
import type {
  LearnerPage,
  ReevaluationCompletion,
  ReevaluationPartClaim,
  ReevaluationPartDone,
  ReevaluationStore,
  TierReevaluationRecord,
} from '../ports/reevaluationStore.js';
import { insertIfAbsent, retryTransient as retry } from './errors.js';
import type { Models } from './models.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class MongoReevaluationStore implements ReevaluationStore {
  constructor(private readonly models: Models) {}

  async openTierReevaluation(record: TierReevaluationRecord): Promise<boolean> {
    return insertIfAbsent(() => this.models.tierReevaluations.create(record));
  }

  async listOpenTierReevaluations(): Promise<TierReevaluationRecord[]> {
    const [all, completed] = await Promise.all([
      retry(() => this.models.tierReevaluations.find().sort({ openedAt: 1, id: 1 }).lean()),
      retry(() => this.models.reevaluationCompletions.find({}, { reevaluationId: 1 }).lean()),
    ]);
    const done = new Set(completed.map((doc) => doc.reevaluationId));
    return all.filter((doc) => !done.has(doc.id)).map(toReevaluation);
  }

  async listTierReevaluations(
    tierKey: string,
  ): Promise<Array<TierReevaluationRecord & { completedAt?: string }>> {
    const opened = await retry(() =>
      this.models.tierReevaluations.find({ tierKey }).sort({ openedAt: -1, _id: -1 }).lean(),
    );
    const completions = await retry(() =>
      this.models.reevaluationCompletions
        .find({ reevaluationId: { $in: opened.map((doc) => doc.id) } })
        .lean(),
    );
    const completedAt = new Map(completions.map((doc) => [doc.reevaluationId, doc.completedAt]));
    return opened.map((doc) => {
      const at = completedAt.get(doc.id);
      return { ...toReevaluation(doc), ...(at ? { completedAt: at } : {}) };
    });
  }

  async claimReevaluationPart(claim: ReevaluationPartClaim): Promise<boolean> {
    return insertIfAbsent(() => this.models.reevaluationClaims.create(claim));
  }

  async finishReevaluationPart(done: ReevaluationPartDone): Promise<boolean> {
    return insertIfAbsent(() => this.models.reevaluationParts.create(done));
  }

  async listReevaluationParts(
    reevaluationId: string,
  ): Promise<{ claims: ReevaluationPartClaim[]; done: ReevaluationPartDone[] }> {
    const [claims, done] = await Promise.all([
      retry(() =>
        this.models.reevaluationClaims
          .find({ reevaluationId })
          .sort({ part: 1, attempt: 1 })
          .lean(),
      ),
      retry(() => this.models.reevaluationParts.find({ reevaluationId }).sort({ part: 1 }).lean()),
    ]);
    return {
      claims: claims.map(({ reevaluationId: id, part, attempt, claimedAt }) => ({
        reevaluationId: id,
        part,
        attempt,
        claimedAt,
      })),
      done: done.map(({ reevaluationId: id, part, learners, awarded, finishedAt }) => ({
        reevaluationId: id,
        part,
        learners,
        awarded,
        finishedAt,
      })),
    };
  }

  async completeTierReevaluation(completion: ReevaluationCompletion): Promise<boolean> {
    return insertIfAbsent(() => this.models.reevaluationCompletions.create(completion));
  }

  async listLearnersHolding(
    achievementKeys: readonly string[],
    { prefix, after, limit }: LearnerPage,
  ): Promise<string[]> {
    if (achievementKeys.length === 0) return [];
    // distinct has no limit: a part is read whole (about 4 MB at a million learners) and paged here.
    const keys: unknown[] = await retry(() =>
      this.models.credentials.distinct('learnerKey', {
        achievementKey: { $in: [...achievementKeys] },
        learnerKey: {
          $regex: `^${escapeRegExp(prefix)}`,
          ...(after !== undefined ? { $gt: after } : {}),
        },
      }),
    );
    return keys
      .filter((key): key is string => typeof key === 'string')
      .sort()
      .slice(0, limit);
  }
}

function toReevaluation(doc: TierReevaluationRecord): TierReevaluationRecord {
  return {
    id: doc.id,
    tierKey: doc.tierKey,
    partKeys: [...doc.partKeys],
    openedAt: doc.openedAt,
  };
}
