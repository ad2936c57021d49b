// Framework mappings, their history and the approved claims in MongoDB.
import type {
  AchievementCredentialCount,
  ApprovedMappingClaim,
  MappingEvent,
  MappingRecord,
  MappingStore,
} from '../ports/mappingStore.js';
import { DuplicateKeyError } from '../ports/duplicateKeyError.js';
import { insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { ApprovedMappingDoc, MappingDoc, MappingEventDoc, Models } from './models.js';

type AllFields<T> = { [K in keyof Required<T>]: T[K] };

export function toMapping(doc: MappingDoc): MappingRecord {
  return {
    id: doc.id,
    achievementKey: doc.achievementKey,
    issuerSlug: doc.issuerSlug,
    frameworkKey: doc.frameworkKey,
    levelId: doc.levelId,
    registrarSlug: doc.registrarSlug,
    rationale: doc.rationale,
    createdAt: doc.createdAt,
  } satisfies AllFields<MappingRecord>;
}

export function toMappingEvent(doc: MappingEventDoc): MappingEvent {
  return {
    mappingId: doc.mappingId,
    version: doc.version,
    action: doc.action,
    state: doc.state,
    actor: doc.actor,
    comment: doc.comment ?? undefined,
    at: doc.at,
  } satisfies AllFields<MappingEvent>;
}

export function toApprovedMapping(doc: ApprovedMappingDoc): ApprovedMappingClaim {
  return {
    achievementKey: doc.achievementKey,
    frameworkKey: doc.frameworkKey,
    mappingId: doc.mappingId,
    levelId: doc.levelId,
    approvedAt: doc.approvedAt,
  } satisfies AllFields<ApprovedMappingClaim>;
}

const filterOf = (filter: { frameworkKey?: string; achievementKey?: string }) => ({
  ...(filter.frameworkKey !== undefined ? { frameworkKey: filter.frameworkKey } : {}),
  ...(filter.achievementKey !== undefined ? { achievementKey: filter.achievementKey } : {}),
});

export class MongoMappingStore implements MappingStore {
  constructor(private readonly models: Models) {}

  async insertMapping(mapping: MappingRecord, firstEvent: MappingEvent): Promise<void> {
    await insertOrDuplicate('mappings', () => this.models.mappings.create(mapping));
    try {
      await insertOrDuplicate('mappings', () => this.models.mappingEvents.create(firstEvent));
    } catch (error) {
      // Undo the mapping: a proposal is stored with its first event or not at all.
      if (!(error instanceof DuplicateKeyError)) {
        const { mappingId, version } = firstEvent;
        await retry(() => this.models.mappingEvents.deleteOne({ mappingId, version }));
      }
      await retry(() => this.models.mappings.deleteOne({ id: mapping.id }));
      throw error;
    }
  }

  async findMapping(id: string): Promise<MappingRecord | undefined> {
    const doc = await retry(() => this.models.mappings.findOne({ id }).lean<MappingDoc>());
    return doc ? toMapping(doc) : undefined;
  }

  async listMappings(filter: {
    frameworkKey?: string;
    achievementKey?: string;
  }): Promise<MappingRecord[]> {
    const docs = await retry(() =>
      this.models.mappings
        .find(filterOf(filter))
        .sort({ createdAt: 1, _id: 1 })
        .lean<MappingDoc[]>(),
    );
    return docs.map(toMapping);
  }

  async appendMappingEvent(event: MappingEvent): Promise<void> {
    await insertOrDuplicate('mapping_events', () => this.models.mappingEvents.create(event));
  }

  async listMappingEvents(mappingId: string): Promise<MappingEvent[]> {
    const docs = await retry(() =>
      this.models.mappingEvents.find({ mappingId }).sort({ version: 1 }).lean<MappingEventDoc[]>(),
    );
    return docs.map(toMappingEvent);
  }

  async listLatestMappingEvents(mappingIds: readonly string[]): Promise<MappingEvent[]> {
    if (mappingIds.length === 0) return [];
    const docs = await retry(() =>
      this.models.mappingEvents
        .find({ mappingId: { $in: [...mappingIds] } })
        .sort({ mappingId: 1, version: 1 })
        .lean<MappingEventDoc[]>(),
    );
    // Histories are a handful of events each: the last one read per mapping is its latest.
    const latest = new Map<string, MappingEventDoc>();
    for (const doc of docs) latest.set(doc.mappingId, doc);
    return [...latest.values()].map(toMappingEvent);
  }

  async claimApprovedMapping(claim: ApprovedMappingClaim): Promise<void> {
    await insertOrDuplicate('approved_mappings', () => this.models.approvedMappings.create(claim));
  }

  async releaseApprovedMapping(claim: ApprovedMappingClaim): Promise<void> {
    const { achievementKey, frameworkKey, mappingId } = claim;
    await retry(() =>
      this.models.approvedMappings.deleteOne({ achievementKey, frameworkKey, mappingId }),
    );
  }

  async listApprovedMappings(filter: {
    frameworkKey?: string;
    achievementKey?: string;
  }): Promise<ApprovedMappingClaim[]> {
    const docs = await retry(() =>
      this.models.approvedMappings
        .find(filterOf(filter))
        .sort({ approvedAt: 1, _id: 1 })
        .lean<ApprovedMappingDoc[]>(),
    );
    return docs.map(toApprovedMapping);
  }

  async countCredentialsByAchievement(now: string): Promise<AchievementCredentialCount[]> {
    const issuedHere = { origin: 'issued', achievementKey: { $type: 'string' } };
    const keys = (await retry(() =>
      this.models.credentials.distinct('achievementKey', issuedHere),
    )) as string[];
    // Credentials whose latest status is not active: read from the status log, which holds only
    // the credentials that ever changed status, never from the credentials themselves.
    const events = await retry(() =>
      this.models.statusEvents
        .find({}, { credentialId: 1, version: 1, state: 1 })
        .sort({ credentialId: 1, version: 1 })
        .lean<Array<{ credentialId: string; state: string }>>(),
    );
    const latest = new Map<string, string>();
    for (const event of events) latest.set(event.credentialId, event.state);
    const notActive = [...latest].filter(([, state]) => state !== 'active').map(([id]) => id);
    const unexpired = { $or: [{ validUntil: { $exists: false } }, { validUntil: { $gt: now } }] };
    const counts: AchievementCredentialCount[] = [];
    for (const achievementKey of [...keys].sort()) {
      const mine = { origin: 'issued', achievementKey };
      const [issued, live, withdrawn] = await Promise.all([
        retry(() => this.models.credentials.countDocuments(mine)),
        retry(() => this.models.credentials.countDocuments({ ...mine, ...unexpired })),
        retry(() =>
          this.models.credentials.countDocuments({
            ...mine,
            ...unexpired,
            id: { $in: notActive },
          }),
        ),
      ]);
      counts.push({ achievementKey, issued, valid: live - withdrawn });
    }
    return counts;
  }
}
