// Framework-level mappings a registrar proposes and an achievement's issuer decides, their
// append-only history, and the one approved mapping per (achievement, framework). Every invariant
// is a unique key an insert claims: mapping id, (mapping, version), (achievement, framework).

export type MappingState = 'proposed' | 'approved' | 'rejected' | 'withdrawn';
export type MappingAction = 'propose' | 'approve' | 'reject' | 'withdraw';

export interface MappingRecord {
  id: string;
  achievementKey: string;
  /** The achievement's issuer when it was proposed: the one who may decide. */
  issuerSlug: string;
  frameworkKey: string;
  /** The level's URI in the framework. */
  levelId: string;
  registrarSlug: string;
  rationale: string;
  createdAt: string;
}

/** One line of a mapping's history; (mappingId, version) is unique. */
export interface MappingEvent {
  mappingId: string;
  /** 1 for the proposal; a decision claims the version after the one it read. */
  version: number;
  action: MappingAction;
  state: MappingState;
  /** Who: `registrar:<slug>`, `issuer:<slug>` or `admin`. */
  actor: string;
  comment?: string;
  at: string;
}

/** The approved mapping of an achievement in a framework; (achievementKey, frameworkKey) is unique. */
export interface ApprovedMappingClaim {
  achievementKey: string;
  frameworkKey: string;
  mappingId: string;
  levelId: string;
  approvedAt: string;
}

/** Issued credentials of one achievement, and how many of them are valid now. */
export interface AchievementCredentialCount {
  achievementKey: string;
  issued: number;
  /** Not expired, and neither revoked nor suspended. */
  valid: number;
}

export interface MappingStore {
  /** Inserts the mapping together with its first event, or neither; DuplicateKeyError on its id. */
  insertMapping(mapping: MappingRecord, firstEvent: MappingEvent): Promise<void>;
  findMapping(id: string): Promise<MappingRecord | undefined>;
  /** Oldest first. */
  listMappings(filter: {
    frameworkKey?: string;
    achievementKey?: string;
  }): Promise<MappingRecord[]>;
  /** Throws DuplicateKeyError when that version of the mapping's history exists. */
  appendMappingEvent(event: MappingEvent): Promise<void>;
  /** Oldest first. */
  listMappingEvents(mappingId: string): Promise<MappingEvent[]>;
  /** The latest event of each given mapping, in one read. */
  listLatestMappingEvents(mappingIds: readonly string[]): Promise<MappingEvent[]>;

  /** Throws DuplicateKeyError when the achievement has an approved mapping in the framework. */
  claimApprovedMapping(claim: ApprovedMappingClaim): Promise<void>;
  /** Gives the claim back (a decision that lost its version race); only this mapping's. */
  releaseApprovedMapping(claim: ApprovedMappingClaim): Promise<void>;
  listApprovedMappings(filter: {
    frameworkKey?: string;
    achievementKey?: string;
  }): Promise<ApprovedMappingClaim[]>;

  /**
   * Per achievement, its credentials issued here and how many are valid at `now`, counted by the
   * store without reading the credentials themselves.
   */
  countCredentialsByAchievement(now: string): Promise<AchievementCredentialCount[]>;
}
