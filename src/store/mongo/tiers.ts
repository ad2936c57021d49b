// Tier claims and expiry processing in MongoDB.
import type { CredentialRecord } from '../ports/credentialStore.js';
import type { PendingStackingRecord, TierClaim, TierStore } from '../ports/tierStore.js';
import { insertIfAbsent, insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { CredentialDoc, Models, PendingStackingDoc, TierClaimDoc } from './models.js';
import { toCredential, toPendingStacking, toTierClaim } from './records.js';

/** Credentials read per round trip while looking for unprocessed expiries. */
const EXPIRY_PAGE = 500;
/** Tier claims read per round trip while looking for ones whose credential never came. */
const CLAIM_PAGE = 500;

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

export class MongoTierStore implements TierStore {
  constructor(private readonly models: Models) {}

  async claimTierCopy(claim: TierClaim): Promise<void> {
    await insertOrDuplicate('tier_claims', () => this.models.tierClaims.create(claim));
  }

  async releaseTierCopy(claim: TierClaim): Promise<void> {
    const { learnerKey, achievementKey, epoch, credentialId } = claim;
    await retry(() =>
      this.models.tierClaims.deleteOne({ learnerKey, achievementKey, epoch, credentialId }),
    );
  }

  async listOrphanTierClaims(window: {
    claimedBefore: string;
    claimedAfter?: string;
    limit: number;
  }): Promise<TierClaim[]> {
    const claimedAt =
      window.claimedAfter === undefined
        ? { $or: [{ claimedAt: { $lt: window.claimedBefore } }, { claimedAt: { $exists: false } }] }
        : { claimedAt: { $lt: window.claimedBefore, $gte: window.claimedAfter } };
    const orphans: TierClaim[] = [];
    let skip = 0;
    while (orphans.length < window.limit) {
      const page: TierClaimDoc[] = await retry(() =>
        this.models.tierClaims
          .find(claimedAt)
          .sort({ claimedAt: 1, learnerKey: 1, achievementKey: 1, epoch: 1 })
          .skip(skip)
          .limit(CLAIM_PAGE)
          .lean(),
      );
      const stored = await this.#storedCredentials(page.map((doc) => doc.credentialId));
      for (const doc of page) {
        if (!stored.has(doc.credentialId) && orphans.length < window.limit) {
          orphans.push(toTierClaim(doc));
        }
      }
      if (page.length < CLAIM_PAGE) break;
      skip += page.length;
    }
    return orphans;
  }

  async #storedCredentials(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const docs = await retry(() =>
      this.models.credentials.find({ id: { $in: ids } }, { id: 1 }).lean(),
    );
    return new Set(docs.map((doc) => doc.id));
  }

  async notePendingStacking(note: PendingStackingRecord): Promise<void> {
    await insertIfAbsent(() => this.models.pendingStacking.create(note));
  }

  async settlePendingStacking(credentialId: string): Promise<void> {
    await retry(() => this.models.pendingStacking.deleteOne({ credentialId }));
  }

  async listPendingStacking(
    claimedBefore: string,
    limit: number,
  ): Promise<PendingStackingRecord[]> {
    const docs: PendingStackingDoc[] = await retry(() =>
      this.models.pendingStacking
        .find({ claimedAt: { $lt: claimedBefore } })
        .sort({ claimedAt: 1, credentialId: 1 })
        .limit(limit)
        .lean(),
    );
    return docs.map(toPendingStacking);
  }

  async listUnprocessedExpiries(now: string, limit: number): Promise<CredentialRecord[]> {
    const found: CredentialRecord[] = [];
    let last: CredentialDoc | undefined;
    while (found.length < limit) {
      const after = last;
      const page: CredentialDoc[] = await retry(() =>
        this.models.credentials
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
      this.models.expiryProcessing.find({ credentialId: { $in: credentialIds } }).lean(),
    );
    return new Set(docs.map((doc) => doc.credentialId));
  }

  async claimExpiryProcessing(credentialId: string): Promise<boolean> {
    return insertIfAbsent(() => this.models.expiryProcessing.create({ credentialId }));
  }
}
