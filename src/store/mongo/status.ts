// Status lists, taken indexes and the status log in MongoDB.
import type { CredentialState } from '../../core/credentialState.js';
import {
  isSequenced,
  type SequencedStatusEvent,
  type StatusAllocationRecord,
  type StatusEntryState,
  type StatusEvent,
  type StatusListSnapshot,
  type StatusPosition,
  type StatusStore,
} from '../ports/statusStore.js';
import { insertIfAbsent, insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { Models, StatusAllocationDoc } from './models.js';
import {
  statusEventToDoc,
  statusKeyOf,
  toStatusAllocation,
  toStatusEvent,
  toStatusListSnapshot,
} from './records.js';

/** Ids per `$in` query, well under the 16 MB command limit. */
const IN_BATCH = 5000;
/** Status index claims read per page by the repair. */
const CLAIM_PAGE = 500;

function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}

export class MongoStatusStore implements StatusStore {
  constructor(private readonly models: Models) {}

  async claimStatusList(issuerSlug: string, listNumber: number): Promise<boolean> {
    return insertIfAbsent(() => this.models.statusLists.create({ issuerSlug, listNumber }));
  }

  async latestStatusList(issuerSlug: string): Promise<number | undefined> {
    const doc = await retry(() =>
      this.models.statusLists.findOne({ issuerSlug }).sort({ listNumber: -1 }).lean(),
    );
    return doc?.listNumber;
  }

  async claimStatusIndex(
    issuerSlug: string,
    position: StatusPosition,
    credentialId: string,
    claimedAt: string,
  ): Promise<void> {
    await insertOrDuplicate('status_allocations', () =>
      this.models.statusAllocations.create({
        issuerSlug,
        listNumber: position.listNumber,
        index: position.index,
        credentialId,
        claimedAt,
      }),
    );
  }

  async releaseStatusIndex(
    issuerSlug: string,
    position: StatusPosition,
    credentialId: string,
  ): Promise<void> {
    await retry(() =>
      this.models.statusAllocations.deleteOne({
        issuerSlug,
        listNumber: position.listNumber,
        index: position.index,
        credentialId,
      }),
    );
  }

  async listOrphanStatusIndexClaims(window: {
    claimedBefore: string;
    claimedAfter?: string;
    limit: number;
  }): Promise<StatusAllocationRecord[]> {
    const claimedAt =
      window.claimedAfter === undefined
        ? { $or: [{ claimedAt: { $lt: window.claimedBefore } }, { claimedAt: { $exists: false } }] }
        : { claimedAt: { $lt: window.claimedBefore, $gte: window.claimedAfter } };
    const orphans: StatusAllocationRecord[] = [];
    let skip = 0;
    while (orphans.length < window.limit) {
      const page: StatusAllocationDoc[] = await retry(() =>
        this.models.statusAllocations
          .find(claimedAt)
          .sort({ claimedAt: 1, issuerSlug: 1, listNumber: 1, index: 1 })
          .skip(skip)
          .limit(CLAIM_PAGE)
          .lean(),
      );
      const occupied = await this.#occupiedPositions(page);
      for (const doc of page) {
        if (!occupied.has(statusKeyOf(doc.issuerSlug, doc)) && orphans.length < window.limit) {
          orphans.push(toStatusAllocation(doc));
        }
      }
      if (page.length < CLAIM_PAGE) break;
      skip += page.length;
    }
    return orphans;
  }

  /**
   * The claims' positions a credential is stored on: found by the claim's own credential (also
   * those stored before `statusKey`, which no other credential can share: their claims were never
   * freed) or by any credential's `statusKey` (one stored by a writer whose claim was freed).
   */
  async #occupiedPositions(claims: readonly StatusAllocationDoc[]): Promise<Set<string>> {
    if (claims.length === 0) return new Set();
    const docs = await retry(() =>
      this.models.credentials
        .find(
          {
            $or: [
              { id: { $in: claims.map((claim) => claim.credentialId) } },
              { statusKey: { $in: claims.map((claim) => statusKeyOf(claim.issuerSlug, claim)) } },
            ],
          },
          { issuerSlug: 1, statusListNumber: 1, statusIndex: 1 },
        )
        .lean(),
    );
    const occupied = new Set<string>();
    for (const doc of docs) {
      if (doc.statusListNumber === undefined || doc.statusIndex === undefined) continue;
      occupied.add(
        statusKeyOf(doc.issuerSlug ?? '', {
          listNumber: doc.statusListNumber,
          index: doc.statusIndex,
        }),
      );
    }
    return occupied;
  }

  async listUsedStatusIndexes(issuerSlug: string, listNumber: number): Promise<number[]> {
    const docs = await retry(() =>
      this.models.statusAllocations.find({ issuerSlug, listNumber }, { index: 1 }).lean(),
    );
    return docs.map((doc) => doc.index);
  }

  async appendStatusEvent(event: StatusEvent): Promise<void> {
    await insertOrDuplicate('status_events', () =>
      this.models.statusEvents.create(statusEventToDoc(event)),
    );
  }

  async listStatusEvents(credentialId: string): Promise<StatusEvent[]> {
    const docs = await retry(() =>
      this.models.statusEvents.find({ credentialId }).sort({ version: 1 }).lean(),
    );
    return docs.map(toStatusEvent);
  }

  async listLatestStatusEvents(credentialIds: readonly string[]): Promise<StatusEvent[]> {
    // One query per IN_BATCH ids, the latest picked here: FerretDB v1 has no $group accumulator
    // but $count and $sum, so neither $first nor $max can pick it on the server.
    const latest = new Map<string, StatusEvent>();
    for (const ids of batches([...new Set(credentialIds)], IN_BATCH)) {
      const docs = await retry(() =>
        this.models.statusEvents
          .find({ credentialId: { $in: ids } })
          .sort({ credentialId: 1, version: 1 })
          .lean(),
      );
      for (const doc of docs) latest.set(doc.credentialId, toStatusEvent(doc));
    }
    return [...latest.values()];
  }

  async listUnsequencedStatusStates(
    issuerSlug: string,
    listNumber: number,
  ): Promise<StatusEntryState[]> {
    // Two queries instead of a join ($lookup and $group's $first are missing on FerretDB v1):
    // the issuer's unsequenced status events give each changed credential's latest state, then
    // the allocations say which of those credentials sit in this list, and where.
    const events = await retry(() =>
      this.models.statusEvents
        .find(
          { issuerSlug, listKey: { $exists: false } },
          { credentialId: 1, version: 1, state: 1 },
        )
        .lean(),
    );
    const latest = new Map<string, { version: number; state: CredentialState }>();
    for (const { credentialId, version, state } of events) {
      if ((latest.get(credentialId)?.version ?? 0) < version)
        latest.set(credentialId, { version, state });
    }

    const states: StatusEntryState[] = [];
    for (const credentialIds of batches([...latest.keys()], IN_BATCH)) {
      const allocations = await retry(() =>
        this.models.statusAllocations
          .find({ issuerSlug, listNumber, credentialId: { $in: credentialIds } })
          .lean(),
      );
      for (const allocation of allocations) {
        const state = latest.get(allocation.credentialId)?.state;
        if (state)
          states.push({ index: allocation.index, credentialId: allocation.credentialId, state });
      }
    }
    return states;
  }

  async latestStatusListSequence(issuerSlug: string, listNumber: number): Promise<number> {
    const doc = await retry(() =>
      this.models.statusEvents
        .findOne({ issuerSlug, listNumber }, { listSequence: 1 })
        .sort({ listSequence: -1 })
        .lean(),
    );
    return doc?.listSequence ?? 0;
  }

  async listStatusListChanges(
    issuerSlug: string,
    listNumber: number,
    afterSequence: number,
  ): Promise<SequencedStatusEvent[]> {
    const docs = await retry(() =>
      this.models.statusEvents
        .find({ issuerSlug, listNumber, listSequence: { $gt: afterSequence } })
        .sort({ listSequence: 1 })
        .lean(),
    );
    return docs.map(toStatusEvent).filter(isSequenced);
  }

  async latestStatusListSnapshot(
    issuerSlug: string,
    listNumber: number,
  ): Promise<StatusListSnapshot | undefined> {
    const doc = await retry(() =>
      this.models.statusListSnapshots
        .findOne({ issuerSlug, listNumber })
        .sort({ version: -1 })
        .lean(),
    );
    return doc ? toStatusListSnapshot(doc) : undefined;
  }

  async saveStatusListSnapshot(snapshot: StatusListSnapshot): Promise<void> {
    const { issuerSlug, listNumber, version } = snapshot;
    // An insert keyed by version, not a conditional replace (FerretDB v1's are not atomic): a
    // lost race finds the same bits already stored, and a slower writer of an older version
    // adds a row the highest one still outranks, removed by the next save.
    await insertIfAbsent(() =>
      this.models.statusListSnapshots.create({
        issuerSlug,
        listNumber,
        version,
        revoked: Buffer.from(snapshot.revoked),
        suspended: Buffer.from(snapshot.suspended),
      }),
    );
    await retry(() =>
      this.models.statusListSnapshots.deleteMany({
        issuerSlug,
        listNumber,
        version: { $lt: version },
      }),
    );
  }

  async listAuditLog(options: { issuerSlug?: string; limit: number }): Promise<StatusEvent[]> {
    const filter = options.issuerSlug === undefined ? {} : { issuerSlug: options.issuerSlug };
    const docs = await retry(() =>
      this.models.statusEvents
        .find(filter)
        .sort({ at: -1, version: -1 })
        .limit(options.limit)
        .lean(),
    );
    return docs.map(toStatusEvent);
  }
}
