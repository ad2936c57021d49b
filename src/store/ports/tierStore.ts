// What stacking claims: one valid copy of a tier per learner and epoch, and the processing of
// each expiry once. Both are unique keys an insert claims.
import type { CredentialRecord } from './credentialStore.js';

export interface TierClaim {
  learnerKey: string;
  achievementKey: string;
  /** How many copies of this tier the learner has had revoked: a new valid copy needs a new epoch. */
  epoch: number;
  credentialId: string;
  /** When it was claimed; claims stored before this was recorded have none. */
  claimedAt?: string;
}

/**
 * An award whose tiers are still to be evaluated: written before its credential, deleted once its
 * tiers were, so a crash or a failed write in between leaves a note the repair sweep acts on.
 */
export interface PendingStackingRecord {
  credentialId: string;
  learnerKey: string;
  achievementKey: string;
  claimedAt: string;
}

export interface ExpiryProcessingRecord {
  credentialId: string;
}

export interface TierStore {
  /** Throws DuplicateKeyError when the learner already holds this epoch of the tier. */
  claimTierCopy(claim: TierClaim): Promise<void>;
  /** Frees the claim, only while it still names `claim.credentialId`. */
  releaseTierCopy(claim: TierClaim): Promise<void>;
  /**
   * Claims whose credential was never stored (a crash or a failed write between claim and
   * credential), claimed before `claimedBefore` and, when given, at or after `claimedAfter`
   * (claims without a time count as before any).
   */
  listOrphanTierClaims(window: {
    claimedBefore: string;
    claimedAfter?: string;
    limit: number;
  }): Promise<TierClaim[]>;

  /** Notes it unless noted already (a retry of the same award names the same credential). */
  notePendingStacking(note: PendingStackingRecord): Promise<void>;
  settlePendingStacking(credentialId: string): Promise<void>;
  /** Notes older than `claimedBefore`, oldest first. */
  listPendingStacking(claimedBefore: string, limit: number): Promise<PendingStackingRecord[]>;

  /** Credentials whose validUntil is at or before `now` and whose expiry was not yet processed. */
  listUnprocessedExpiries(now: string, limit: number): Promise<CredentialRecord[]>;
  /** Claims the processing of one expiry; false when another process already claimed it. */
  claimExpiryProcessing(credentialId: string): Promise<boolean>;
}
