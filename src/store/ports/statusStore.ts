// Status lists, the indexes taken in them, the append-only log of status changes, and snapshots
// of each list's bits. Every invariant is a unique key: (issuer, list), (issuer, list, index),
// (credential, version), (issuer, list, sequence) and (issuer, list, snapshot version).
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
  /** When it was claimed; missing on claims taken before claims were dated (as old as any). */
  claimedAt?: string;
}

/**
 * Where a status change lands: its credential's position, and its place in that list's order of
 * changes. (issuer, listNumber, sequence) is unique, so replaying a list's changes in sequence
 * order gives its bits, and a snapshot at sequence N is the list after changes 1..N.
 */
export interface StatusListChange extends StatusPosition {
  /** 1 for the list's first change; a change claims the one after the latest it read. */
  sequence: number;
}

/**
 * One line of the append-only status audit log; (credentialId, version) is unique, and so is
 * its list change: one insert claims both.
 */
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
  /**
   * Missing only on changes recorded before lists were kept as snapshots (MongoDB; SQLite's
   * migration numbered its old changes): those are the base every list's sequence applies to.
   */
  list?: StatusListChange;
}

/** A change recorded with its list change, as a list's replay reads them. */
export type SequencedStatusEvent = StatusEvent & { list: StatusListChange };

/** Whether the change carries its list change (all but those recorded before sequences). */
export const isSequenced = (event: StatusEvent): event is SequencedStatusEvent =>
  event.list !== undefined;

export interface StatusEntryState {
  index: number;
  credentialId: string;
  state: CredentialState;
}

/**
 * A list's bits after its changes 1..version (0: none yet), one bit per index, index 0 the most
 * significant bit of the first byte, as a BitstringStatusList orders them. A snapshot is a pure
 * function of the changes up to its version, so two writers of one version write the same bits.
 */
export interface StatusListSnapshot {
  issuerSlug: string;
  listNumber: number;
  version: number;
  revoked: Uint8Array;
  suspended: Uint8Array;
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
    claimedAt: string,
  ): Promise<void>;
  /** Frees the position only while it is claimed for that credential. */
  releaseStatusIndex(
    issuerSlug: string,
    position: StatusPosition,
    credentialId: string,
  ): Promise<void>;
  /**
   * Claims dated in the window (claimedAfter omitted: also the undated) on whose position no
   * credential is stored: an issuance that failed or died between claiming and storing.
   */
  listOrphanStatusIndexClaims(window: {
    claimedBefore: string;
    claimedAfter?: string;
    limit: number;
  }): Promise<StatusAllocationRecord[]>;
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
  /**
   * The latest state of every credential in a list among its changes that carry no `list`: the
   * base a list's sequenced changes apply to. Read once per list, when it has no snapshot yet.
   */
  listUnsequencedStatusStates(issuerSlug: string, listNumber: number): Promise<StatusEntryState[]>;
  /** The highest change sequence of the list (0 when none): one indexed read. */
  latestStatusListSequence(issuerSlug: string, listNumber: number): Promise<number>;
  /** The list's changes with a sequence above `afterSequence`, in sequence order. */
  listStatusListChanges(
    issuerSlug: string,
    listNumber: number,
    afterSequence: number,
  ): Promise<SequencedStatusEvent[]>;
  /** The list's snapshot of the highest version, if it has one. */
  latestStatusListSnapshot(
    issuerSlug: string,
    listNumber: number,
  ): Promise<StatusListSnapshot | undefined>;
  /**
   * Stores the snapshot unless that version is stored already (then it holds the same bits),
   * then deletes the list's snapshots of lower versions. Never replaces a higher version: the
   * latest snapshot is the highest stored, whatever order writers finish in.
   */
  saveStatusListSnapshot(snapshot: StatusListSnapshot): Promise<void>;
  /** Newest first. */
  listAuditLog(options: { issuerSlug?: string; limit: number }): Promise<StatusEvent[]>;
}
