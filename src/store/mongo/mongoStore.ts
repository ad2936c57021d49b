import type { Connection, Model } from 'mongoose';
import {
  DuplicateKeyError,
  STORED_COLLECTIONS,
  type AchievementRecord,
  type ClaimResult,
  type CredentialRecord,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type ImportOutcome,
  type IssuerKeyRecord,
  type IssuerRecord,
  type StatusEntryState,
  type StatusEvent,
  type StatusPosition,
  type Store,
  type StoredCollection,
  type StoredRecord,
  type StoredRecordOf,
  type StoredRecords,
  type TierClaim,
} from '../port.js';
import type { CredentialState } from '../../core/credentialState.js';
import { openConnection } from './connection.js';
import {
  insertIfAbsent,
  insertOrDuplicate,
  isDuplicateKey,
  retryTransient as retry,
} from './errors.js';
import { bindModels, createIndexes, type CredentialDoc, type Models } from './models.js';
import {
  credentialToDoc,
  toAchievement,
  toCredential,
  toExpiryProcessing,
  toIdempotency,
  toIssuer,
  toIssuerKey,
  toSetting,
  toStatusAllocation,
  toStatusEvent,
  toStatusList,
  toTierClaim,
} from './records.js';

/** Credentials read per round trip while looking for unprocessed expiries. */
const EXPIRY_PAGE = 500;
/** Ids per `$in` query, well under the 16 MB command limit. */
const IN_BATCH = 5000;
/** A claim that loses to a key released in the same instant inserts again; this bounds the loop. */
const CLAIM_ATTEMPTS = 5;

function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}

/** A collection's records in _id order: the order they were written, as listIssuerKeys reads it. */
async function* inWriteOrder<D, R>(model: Model<D>, convert: (doc: D) => R): AsyncIterable<R> {
  for await (const doc of model.find().sort({ _id: 1 }).lean<D[]>().cursor()) yield convert(doc);
}

/** Credentials expired at `now`, in (validUntil, id) order, after the last one already read. */
function expiredAfter(now: string, last: CredentialDoc | undefined) {
  if (!last?.validUntil) return { validUntil: { $lte: now } };
  return {
    validUntil: { $lte: now },
    $or: [
      { validUntil: { $gt: last.validUntil } },
      { validUntil: last.validUntil, id: { $gt: last.id } },
    ],
  };
}

/**
 * MongoDB through mongoose, used when MONGODB_URI is set. No transactions and no conditional
 * updates: every invariant is a unique index that an insert claims, which MongoDB and FerretDB
 * both enforce exactly.
 */
export class MongoStore implements Store {
  readonly #connection: Connection;
  readonly #models: Models;

  private constructor(connection: Connection, models: Models) {
    this.#connection = connection;
    this.#models = models;
  }

  /** Connects and creates every index before returning. `dbName` overrides the URI's database. */
  static async open(uri: string, options: { dbName?: string } = {}): Promise<MongoStore> {
    const connection = await openConnection(uri, options.dbName);
    try {
      const models = bindModels(connection);
      await createIndexes(models);
      return new MongoStore(connection, models);
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  async insertIssuer(issuer: IssuerRecord, firstKey: IssuerKeyRecord): Promise<void> {
    // The issuer first: a taken slug, DID or API key then stops before anything is written.
    await insertOrDuplicate('issuers', () => this.#models.issuers.create(issuer));
    try {
      await insertOrDuplicate('issuers', () => this.#models.issuerKeys.create(firstKey));
    } catch (error) {
      // Undo the issuer. A key whose insert has an unknown outcome goes too; a duplicate is not ours.
      if (!(error instanceof DuplicateKeyError)) {
        const { publicKeyMultibase } = firstKey;
        await retry(() => this.#models.issuerKeys.deleteOne({ publicKeyMultibase }));
      }
      await retry(() => this.#models.issuers.deleteOne({ slug: issuer.slug }));
      throw error;
    }
  }

  async findIssuer(slug: string): Promise<IssuerRecord | undefined> {
    const doc = await retry(() => this.#models.issuers.findOne({ slug }).lean());
    return doc ? toIssuer(doc) : undefined;
  }

  async findIssuerByApiKeyHash(apiKeyHash: string): Promise<IssuerRecord | undefined> {
    const doc = await retry(() => this.#models.issuers.findOne({ apiKeyHash }).lean());
    return doc ? toIssuer(doc) : undefined;
  }

  async replaceIssuerApiKeyHash(slug: string, apiKeyHash: string): Promise<void> {
    await retry(() => this.#models.issuers.updateOne({ slug }, { $set: { apiKeyHash } }));
  }

  async insertIssuerKey(key: IssuerKeyRecord): Promise<void> {
    await insertOrDuplicate('issuer_keys', () => this.#models.issuerKeys.create(key));
  }

  async listIssuerKeys(issuerSlug: string): Promise<IssuerKeyRecord[]> {
    // _id breaks ties between keys made in the same millisecond: the driver's ObjectIds ascend.
    const docs = await retry(() =>
      this.#models.issuerKeys.find({ issuerSlug }).sort({ createdAt: 1, _id: 1 }).lean(),
    );
    return docs.map(toIssuerKey);
  }

  async upsertAchievement(achievement: AchievementRecord): Promise<void> {
    const upsert = () =>
      this.#models.achievements.updateOne(
        { key: achievement.key },
        { $set: achievement },
        { upsert: true },
      );
    try {
      await retry(upsert);
    } catch (error) {
      // Two first writes of one key both try to insert; the loser now finds the entry and updates it.
      if (!isDuplicateKey(error)) throw error;
      await retry(upsert);
    }
  }

  async findAchievement(key: string): Promise<AchievementRecord | undefined> {
    const doc = await retry(() => this.#models.achievements.findOne({ key }).lean());
    return doc ? toAchievement(doc) : undefined;
  }

  async listAchievements(): Promise<AchievementRecord[]> {
    const docs = await retry(() => this.#models.achievements.find().sort({ key: 1 }).lean());
    return docs.map(toAchievement);
  }

  async insertCredential(credential: CredentialRecord): Promise<void> {
    await insertOrDuplicate('credentials', () =>
      this.#models.credentials.create(credentialToDoc(credential)),
    );
  }

  async findCredential(id: string): Promise<CredentialRecord | undefined> {
    const doc = await retry(() => this.#models.credentials.findOne({ id }).lean());
    return doc ? toCredential(doc) : undefined;
  }

  async listCredentialsOfLearner(learnerKey: string): Promise<CredentialRecord[]> {
    const docs = await retry(() =>
      this.#models.credentials.find({ learnerKey }).sort({ createdAt: 1, id: 1 }).lean(),
    );
    return docs.map(toCredential);
  }

  async listTiersNaming(constituentId: string): Promise<CredentialRecord[]> {
    const docs = await retry(() =>
      this.#models.credentials
        .find({ constituentIds: constituentId })
        .sort({ createdAt: 1, id: 1 })
        .lean(),
    );
    return docs.map(toCredential);
  }

  async listUnprocessedExpiries(now: string, limit: number): Promise<CredentialRecord[]> {
    const found: CredentialRecord[] = [];
    let last: CredentialDoc | undefined;
    while (found.length < limit) {
      const after = last;
      const page: CredentialDoc[] = await retry(() =>
        this.#models.credentials
          .find(expiredAfter(now, after))
          .sort({ validUntil: 1, id: 1 })
          .limit(EXPIRY_PAGE)
          .lean(),
      );
      const processed = await this.#processedExpiries(page.map((doc) => doc.id));
      for (const doc of page) {
        if (!processed.has(doc.id) && found.length < limit) found.push(toCredential(doc));
      }
      if (page.length < EXPIRY_PAGE) break;
      last = page.at(-1);
    }
    return found;
  }

  async #processedExpiries(credentialIds: string[]): Promise<Set<string>> {
    if (credentialIds.length === 0) return new Set();
    const docs = await retry(() =>
      this.#models.expiryProcessing.find({ credentialId: { $in: credentialIds } }).lean(),
    );
    return new Set(docs.map((doc) => doc.credentialId));
  }

  async claimExpiryProcessing(credentialId: string): Promise<boolean> {
    return insertIfAbsent(() => this.#models.expiryProcessing.create({ credentialId }));
  }

  async claimStatusList(issuerSlug: string, listNumber: number): Promise<boolean> {
    return insertIfAbsent(() => this.#models.statusLists.create({ issuerSlug, listNumber }));
  }

  async latestStatusList(issuerSlug: string): Promise<number | undefined> {
    const doc = await retry(() =>
      this.#models.statusLists.findOne({ issuerSlug }).sort({ listNumber: -1 }).lean(),
    );
    return doc?.listNumber;
  }

  async claimStatusIndex(
    issuerSlug: string,
    position: StatusPosition,
    credentialId: string,
  ): Promise<void> {
    await insertOrDuplicate('status_allocations', () =>
      this.#models.statusAllocations.create({
        issuerSlug,
        listNumber: position.listNumber,
        index: position.index,
        credentialId,
      }),
    );
  }

  async releaseStatusIndex(issuerSlug: string, position: StatusPosition): Promise<void> {
    await retry(() =>
      this.#models.statusAllocations.deleteOne({
        issuerSlug,
        listNumber: position.listNumber,
        index: position.index,
      }),
    );
  }

  async listUsedStatusIndexes(issuerSlug: string, listNumber: number): Promise<number[]> {
    const docs = await retry(() =>
      this.#models.statusAllocations.find({ issuerSlug, listNumber }, { index: 1 }).lean(),
    );
    return docs.map((doc) => doc.index);
  }

  async appendStatusEvent(event: StatusEvent): Promise<void> {
    await insertOrDuplicate('status_events', () => this.#models.statusEvents.create(event));
  }

  async listStatusEvents(credentialId: string): Promise<StatusEvent[]> {
    const docs = await retry(() =>
      this.#models.statusEvents.find({ credentialId }).sort({ version: 1 }).lean(),
    );
    return docs.map(toStatusEvent);
  }

  async listLatestStatusEvents(credentialIds: readonly string[]): Promise<StatusEvent[]> {
    if (credentialIds.length === 0) return [];
    // One query, the latest picked here: $group's $first is missing on FerretDB v1.
    const docs = await retry(() =>
      this.#models.statusEvents
        .find({ credentialId: { $in: [...credentialIds] } })
        .sort({ credentialId: 1, version: 1 })
        .lean(),
    );
    const latest = new Map<string, StatusEvent>();
    for (const doc of docs) latest.set(doc.credentialId, toStatusEvent(doc));
    return [...latest.values()];
  }

  async listStatusStates(issuerSlug: string, listNumber: number): Promise<StatusEntryState[]> {
    // Two queries instead of a join ($lookup and $group's $first are missing on FerretDB v1):
    // the issuer's status events give each changed credential's latest state, then the
    // allocations say which of those credentials sit in this list, and where.
    const events = await retry(() =>
      this.#models.statusEvents
        .find({ issuerSlug }, { credentialId: 1, version: 1, state: 1 })
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
        this.#models.statusAllocations
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

  async listAuditLog(options: { issuerSlug?: string; limit: number }): Promise<StatusEvent[]> {
    const filter = options.issuerSlug === undefined ? {} : { issuerSlug: options.issuerSlug };
    const docs = await retry(() =>
      this.#models.statusEvents
        .find(filter)
        .sort({ at: -1, version: -1 })
        .limit(options.limit)
        .lean(),
    );
    return docs.map(toStatusEvent);
  }

  async claimTierCopy(claim: TierClaim): Promise<void> {
    await insertOrDuplicate('tier_claims', () => this.#models.tierClaims.create(claim));
  }

  async releaseTierCopy(claim: TierClaim): Promise<void> {
    await retry(() => this.#models.tierClaims.deleteOne(claim));
  }

  async claimSetting(name: string, value: string): Promise<string> {
    await insertIfAbsent(() => this.#models.settings.create({ name, value }));
    const stored = await retry(() => this.#models.settings.findOne({ name }).lean());
    if (!stored) throw new Error(`setting ${name} vanished after its claim`);
    return stored.value;
  }

  async claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimResult<IdempotencyRecord>> {
    const { scope, key } = claim;
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      const claimed = await insertIfAbsent(() => this.#models.idempotencyKeys.create(claim));
      if (claimed) return { claimed: true };
      const existing = await retry(() =>
        this.#models.idempotencyKeys.findOne({ scope, key }).lean(),
      );
      // Gone again: its first request failed and released it between our insert and this read.
      if (existing) return { claimed: false, existing: toIdempotency(existing) };
    }
    throw new Error(`idempotency key ${scope}/${key} kept being released while it was claimed`);
  }

  async completeIdempotencyKey(scope: string, key: string, response: string): Promise<void> {
    await retry(() =>
      this.#models.idempotencyKeys.updateOne({ scope, key }, { $set: { response } }),
    );
  }

  async releaseIdempotencyKey(scope: string, key: string): Promise<void> {
    await retry(() =>
      this.#models.idempotencyKeys.deleteOne({ scope, key, response: { $exists: false } }),
    );
  }

  async *exportRecords(
    collections: readonly StoredCollection[] = STORED_COLLECTIONS,
  ): AsyncIterable<StoredRecord> {
    for (const collection of STORED_COLLECTIONS) {
      if (collections.includes(collection)) yield* this.#exportCollection(collection);
    }
  }

  async *#exportCollection<C extends StoredCollection>(
    collection: C,
  ): AsyncIterable<StoredRecordOf<C>> {
    const read: () => AsyncIterable<StoredRecords[C]> = this.#readers[collection];
    for await (const record of read()) yield { collection, record };
  }

  readonly #readers: { [C in StoredCollection]: () => AsyncIterable<StoredRecords[C]> } = {
    settings: () => inWriteOrder(this.#models.settings, toSetting),
    issuers: () => inWriteOrder(this.#models.issuers, toIssuer),
    issuer_keys: () => inWriteOrder(this.#models.issuerKeys, toIssuerKey),
    achievements: () => inWriteOrder(this.#models.achievements, toAchievement),
    credentials: () => inWriteOrder(this.#models.credentials, toCredential),
    expiry_processing: () => inWriteOrder(this.#models.expiryProcessing, toExpiryProcessing),
    status_lists: () => inWriteOrder(this.#models.statusLists, toStatusList),
    status_allocations: () => inWriteOrder(this.#models.statusAllocations, toStatusAllocation),
    status_events: () => inWriteOrder(this.#models.statusEvents, toStatusEvent),
    tier_claims: () => inWriteOrder(this.#models.tierClaims, toTierClaim),
    idempotency_keys: () => inWriteOrder(this.#models.idempotencyKeys, toIdempotency),
  };

  async importRecord(entry: StoredRecord): Promise<ImportOutcome> {
    // Unlike a claim, an import may run again after a lost reply: a duplicate of the same record
    // is the answer 'present' either way.
    const inserted = await retry(() => insertIfAbsent(() => this.#insertEntry(entry)));
    return inserted ? 'inserted' : 'present';
  }

  #insertEntry<C extends StoredCollection>(entry: StoredRecordOf<C>): Promise<unknown> {
    const insert: (record: StoredRecords[C]) => Promise<unknown> =
      this.#inserters[entry.collection];
    return insert(entry.record);
  }

  readonly #inserters: {
    [C in StoredCollection]: (record: StoredRecords[C]) => Promise<unknown>;
  } = {
    settings: (record) => this.#models.settings.create(record),
    issuers: (record) => this.#models.issuers.create(record),
    issuer_keys: (record) => this.#models.issuerKeys.create(record),
    achievements: (record) => this.#models.achievements.create(record),
    credentials: (record) => this.#models.credentials.create(credentialToDoc(record)),
    expiry_processing: (record) => this.#models.expiryProcessing.create(record),
    status_lists: (record) => this.#models.statusLists.create(record),
    status_allocations: (record) => this.#models.statusAllocations.create(record),
    status_events: (record) => this.#models.statusEvents.create(record),
    tier_claims: (record) => this.#models.tierClaims.create(record),
    idempotency_keys: (record) => this.#models.idempotencyKeys.create(record),
  };

  async close(): Promise<void> {
    await this.#connection.close();
  }
}
