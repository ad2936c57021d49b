// What stacking claims: one valid copy of a tier per learner and epoch, and the processing of
// each expiry once. Both are unique keys an insert claims.
import type { CredentialRecord } from './credentialStore.js';

export interface TierClaim {
  learnerKey: string;
  achievementKey: string;
  /** How many copies of this tier the learner has had revoked: a new valid copy needs a new epoch. */
  epoch: number;
  credentialId: string;
}

export interface ExpiryProcessingRecord {
  credentialId: string;
}

export interface TierStore {
  /** Throws DuplicateKeyError when the learner already holds this epoch of the tier. */
  claimTierCopy(claim: TierClaim): Promise<void>;
  releaseTierCopy(claim: TierClaim): Promise<void>;

  /** Credentials whose validUntil is at or before `now` and whose expiry was not yet processed. */
  listUnprocessedExpiries(now: string, limit: number): Promise<CredentialRecord[]>;
  /** Claims the processing of one expiry; false when another process already claimed it. */
  claimExpiryProcessing(credentialId: string): Promise<boolean>;
}
