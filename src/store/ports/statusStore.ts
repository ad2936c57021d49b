// Status lists, the indexes taken in them, and the append-only log of status changes. Every
// invariant is a unique key: (issuer, list), (issuer, list, index), (credential, version).
import type { CredentialState, StatusAction } from '../../core/credentialState.js';

/** Where a status-list entry of an issued credential sits. */
export interface StatusPosition {
  listNumber: number;
  index: number;
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

export interface StatusStore {
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
}
