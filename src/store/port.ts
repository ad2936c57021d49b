import type { CredentialFormat, CredentialState, StatusAction } from '../core/credentialState.js';
// The one door to storage. Every invariant racing requests could break is a unique key that
// an insert claims; adapters never check-then-write and never keep counters.

export interface IssuerRecord {
  slug: string;
  did: string;
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: string;
  apiKeyHash: string;
  createdAt: string;
}

export interface IssuerKeyRecord {
  issuerSlug: string;
  publicKeyMultibase: string;
  /** The secret key, encrypted at rest (see keys/keyEncryption.ts). */
  sealedSecretKey: string;
  createdAt: string;
}

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

/** Where a status-list entry of an issued credential sits. */
export interface StatusPosition {
  listNumber: number;
  index: number;
}

export interface CredentialRecord {
  /** The UUID part of the credential's urn:uuid id (or a UUID we gave an imported credential). */
  id: string;
  /** issued here, or imported from another issuer to count in stacking. */
  origin: 'issued' | 'imported';
  issuerDid: string;
  /** Set for credentials issued here. */
  issuerSlug?: string;
  format: CredentialFormat;
  /** The signed credential exactly as issued: JSON text for DI, the compact JWS for JWT. */
  document: string;
  /** The catalog achievement this credential stands for, when there is one. */
  achievementKey?: string;
  /** Keyed hash of the learner (see learners/learnerKeys.ts), when the recipient is known. */
  learnerKey?: string;
  validFrom: string;
  validUntil?: string;
  status?: StatusPosition;
  /** For a tier: the credentials it was built from. */
  constituentIds: string[];
  /** For a renewal: the credential it renews. */
  renewalOf?: string;
  /**
   * For an import by an issuer's key: the one issuer whose tiers it counts toward (an issuer may
   * vouch for another's credential only in its own programme). Absent for an admin's import.
   */
  importedFor?: string;
  createdAt: string;
}

/** One line of the append-only status audit log; (credentialId, version) is unique. */
export interface StatusEvent {
  credentialId: string;
  issuerSlug: string;
  /** 1 for the first change; a change claims the version after the one it read. */
  version: number;
  action: StatusAction;
  state: CredentialState;
  reason: string;
  actor: string;
  at: string;
}

export interface StatusEntryState {
  index: number;
  credentialId: string;
  state: CredentialState;
}

export interface TierClaim {
  learnerKey: string;
  achievementKey: string;
  /** How many copies of this tier the learner has had revoked: a new valid copy needs a new epoch. */
  epoch: number;
  credentialId: string;
}

export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
  /** When the first request claimed the key, by the caller's clock. */
  createdAt: string;
}

export interface IdempotencyRecord extends IdempotencyClaim {
  /** JSON of the first response; undefined while the first request is still running. */
  response?: string;
}

export type ClaimResult<T> = { claimed: true } | { claimed: false; existing: T };

export interface SettingRecord {
  name: string;
  value: string;
}

export interface StatusListRecord {
  issuerSlug: string;
  listNumber: number;
}

/**
 * One taken status index. Unique by position (issuerSlug, listNumber, index) only: a failed issue
 * gives its index back, and its retry, under the same credential id, may take another.
 */
export interface StatusAllocationRecord extends StatusPosition {
  issuerSlug: string;
  credentialId: string;
}

export interface ExpiryProcessingRecord {
  credentialId: string;
}

/** Everything a store holds, by collection (the SQLite table and MongoDB collection names). */
export interface StoredRecords {
  settings: SettingRecord;
  issuers: IssuerRecord;
  issuer_keys: IssuerKeyRecord;
  achievements: AchievementRecord;
  credentials: CredentialRecord;
  expiry_processing: ExpiryProcessingRecord;
  status_lists: StatusListRecord;
  status_allocations: StatusAllocationRecord;
  status_events: StatusEvent;
  tier_claims: TierClaim;
  idempotency_keys: IdempotencyRecord;
}

/** The order an import follows: a record comes after the records it refers to. */
export const STORED_COLLECTIONS = [
  'settings',
  'issuers',
  'issuer_keys',
  'achievements',
  'credentials',
  'expiry_processing',
  'status_lists',
  'status_allocations',
  'status_events',
  'tier_claims',
  'idempotency_keys',
] as const satisfies ReadonlyArray<keyof StoredRecords>;

export type StoredCollection = (typeof STORED_COLLECTIONS)[number];

/** A record tagged with its collection; for a union of collections, a union of tagged records. */
export type StoredRecordOf<C extends StoredCollection> = {
  [K in C]: { collection: K; record: StoredRecords[K] };
}[C];

export type StoredRecord = StoredRecordOf<StoredCollection>;

export type ImportOutcome = 'inserted' | 'present';

/** Thrown by adapters when an insert hits a unique key. */
export class DuplicateKeyError extends Error {
  constructor(readonly collection: string) {
    super(`duplicate key in ${collection}`);
    this.name = 'DuplicateKeyError';
  }
}

export interface Store {
  /** Inserts the issuer together with its first key, or neither. */
  insertIssuer(issuer: IssuerRecord, firstKey: IssuerKeyRecord): Promise<void>;
  findIssuer(slug: string): Promise<IssuerRecord | undefined>;
  findIssuerByApiKeyHash(apiKeyHash: string): Promise<IssuerRecord | undefined>;
  /** A new API key for the issuer; the old one stops working. The last write wins. */
  replaceIssuerApiKeyHash(slug: string, apiKeyHash: string): Promise<void>;
  insertIssuerKey(key: IssuerKeyRecord): Promise<void>;
  /** Oldest first; the last one signs. */
  listIssuerKeys(issuerSlug: string): Promise<IssuerKeyRecord[]>;

  /** Catalog entries are definitions, not invariants: the last write wins. */
  upsertAchievement(achievement: AchievementRecord): Promise<void>;
  findAchievement(key: string): Promise<AchievementRecord | undefined>;
  listAchievements(): Promise<AchievementRecord[]>;

  /** Throws DuplicateKeyError when the id exists. */
  insertCredential(credential: CredentialRecord): Promise<void>;
  findCredential(id: string): Promise<CredentialRecord | undefined>;
  listCredentialsOfLearner(learnerKey: string): Promise<CredentialRecord[]>;
  /** Tier credentials that name this credential as a constituent. */
  listTiersNaming(constituentId: string): Promise<CredentialRecord[]>;
  /** Credentials whose validUntil is at or before `now` and whose expiry was not yet processed. */
  listUnprocessedExpiries(now: string, limit: number): Promise<CredentialRecord[]>;
  /** Claims the processing of one expiry; false when another process already claimed it. */
  claimExpiryProcessing(credentialId: string): Promise<boolean>;

  /** Opens a status list; false when it was already open. */
  claimStatusList(issuerSlug: string, listNumber: number): Promise<boolean>;
  /** The highest list number opened for the issuer. */
  latestStatusList(issuerSlug: string): Promise<number | undefined>;
  /** Throws DuplicateKeyError when the position is taken (see StatusAllocationRecord). */
  claimStatusIndex(
    issuerSlug: string,
    position: StatusPosition,
    credentialId: string,
  ): Promise<void>;
  releaseStatusIndex(issuerSlug: string, position: StatusPosition): Promise<void>;
  listUsedStatusIndexes(issuerSlug: string, listNumber: number): Promise<number[]>;

  /** Throws DuplicateKeyError when that version of the credential's status exists. */
  appendStatusEvent(event: StatusEvent): Promise<void>;
  /** Oldest first. */
  listStatusEvents(credentialId: string): Promise<StatusEvent[]>;
  /**
   * The latest event of each given credential that has one, in one read however many are asked:
   * a learner's standing is read once per evaluation, not once per credential.
   */
  listLatestStatusEvents(credentialIds: readonly string[]): Promise<StatusEvent[]>;
  /** The latest state of every credential in a list that has ever changed status. */
  listStatusStates(issuerSlug: string, listNumber: number): Promise<StatusEntryState[]>;
  /** Newest first. */
  listAuditLog(options: { issuerSlug?: string; limit: number }): Promise<StatusEvent[]>;

  /** Throws DuplicateKeyError when the learner already holds this epoch of the tier. */
  claimTierCopy(claim: TierClaim): Promise<void>;
  releaseTierCopy(claim: TierClaim): Promise<void>;

  /** Stores `value` under `name` unless a value is already there; returns the stored value. */
  claimSetting(name: string, value: string): Promise<string>;

  claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimResult<IdempotencyRecord>>;
  completeIdempotencyKey(scope: string, key: string, response: string): Promise<void>;
  /** Frees a claim whose request failed, so the failure leaves nothing behind. */
  releaseIdempotencyKey(scope: string, key: string): Promise<void>;

  /**
   * Every record, collection by collection in STORED_COLLECTIONS order (only those named, when
   * `collections` is given), each collection in the order its records were written: importing in
   * this order meets every reference first, and keeps keys made in one instant in their order.
   */
  exportRecords(collections?: readonly StoredCollection[]): AsyncIterable<StoredRecord>;
  /**
   * Inserts an exported record as it is (a sealed key stays sealed); 'present' when its unique
   * key is already stored, so importing the same records again changes nothing.
   */
  importRecord(entry: StoredRecord): Promise<ImportOutcome>;

  close(): Promise<void>;
}
