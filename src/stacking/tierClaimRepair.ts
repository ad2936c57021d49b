// A tier copy is claimed by insert before its credential is signed and stored, and an award notes
// that its tiers are due before its credential is stored. A crash or a failed write in between
// leaves a claim without its credential (the learner then meets the tier but can never be given
// it: the claim holds the epoch) or a note whose tiers were never evaluated. This finds both once
// they are far older than any request takes, frees the claims and evaluates the tiers.
//
// A status index is claimed by insert before its credential is signed and stored, and given back
// if that fails; when giving it back fails too (the disk is still full) or the process dies, the
// index stays taken with no credential on it. Those claims are freed here too. That is safe even
// under a writer that is only slow: the credentials' status position is a unique key of its own,
// so of a late writer and the credential that claimed the freed index after it, the second to
// store is refused and claims another index (IssuingService.issuePrepared); an idempotency key
// or batch row still waiting on the late credential is older than the repair age too, and finds
// it stored or not by its id, wherever it sits.
import type { Clock } from '../core/clock.js';
import { keysOf } from '../catalog/rule.js';
import type { CatalogService } from '../catalog/catalogService.js';
import type { CredentialStore, StatusStore, TierStore } from '../store/port.js';
import type { TierAwards } from './tierAwards.js';

/** After the first sweep since start, later ones look back this far past the repair age. */
const LOOKBACK_MS = 24 * 60 * 60 * 1000;

export interface RepairOutcome {
  /** Tier claims whose credential never came, freed. */
  freedClaims: number;
  /** Awards whose tiers were due and are now evaluated. */
  evaluatedAwards: number;
  /** Status indexes claimed for a credential never stored on them, freed for the next. */
  releasedIndexes: number;
}

/** What the sweep repairs, as the operator's claim-repair count names it. */
export type RepairedClaim = 'tier-copy' | 'pending-stacking' | 'status-index';

export class TierClaimRepair {
  #sweptSinceStart = false;
  #indexesSweptSinceStart = false;

  constructor(
    private readonly store: Pick<
      TierStore,
      'listOrphanTierClaims' | 'releaseTierCopy' | 'listPendingStacking' | 'settlePendingStacking'
    > &
      Pick<StatusStore, 'listOrphanStatusIndexClaims' | 'releaseStatusIndex'> &
      Pick<CredentialStore, 'findCredential'>,
    private readonly catalog: Pick<CatalogService, 'get'>,
    private readonly tierAwards: Pick<TierAwards, 'reevaluate'>,
    private readonly clock: Clock,
    private readonly repairAfterSeconds: number,
    /** Told how many of each a sweep repaired (the operator's claim-repair count). */
    private readonly repaired: (claim: RepairedClaim, count: number) => void,
  ) {}

  /**
   * The first sweep after start reads every tier claim (a crash may be any age), later ones only
   * recent claims, so a sweep costs the same however many tiers were ever issued. Claims are freed
   * first, so the evaluations after them can issue the tiers they held.
   */
  async repair(limit = 500): Promise<RepairOutcome> {
    const repairable = this.clock().getTime() - this.repairAfterSeconds * 1000;
    const claimedBefore = new Date(repairable).toISOString();
    const orphans = await this.store.listOrphanTierClaims({
      claimedBefore,
      ...(this.#sweptSinceStart
        ? { claimedAfter: new Date(repairable - LOOKBACK_MS).toISOString() }
        : {}),
      limit,
    });
    for (const claim of orphans) {
      // Only while it still names the credential that never came; racing repairs free it once.
      await this.store.releaseTierCopy(claim);
      const tier = await this.catalog.get(claim.achievementKey);
      await this.tierAwards.reevaluate(claim.learnerKey, tier.rule ? keysOf(tier.rule) : []);
    }
    this.#sweptSinceStart = true;
    if (orphans.length > 0) this.repaired('tier-copy', orphans.length);

    const due = await this.store.listPendingStacking(claimedBefore, limit);
    for (const note of due) {
      // An award that failed before its credential was stored has no tiers to evaluate.
      if (await this.store.findCredential(note.credentialId)) {
        await this.tierAwards.reevaluate(note.learnerKey, [note.achievementKey]);
      }
      await this.store.settlePendingStacking(note.credentialId);
    }
    if (due.length > 0) this.repaired('pending-stacking', due.length);
    const releasedIndexes = await this.#releaseStatusIndexes(repairable, limit);
    return { freedClaims: orphans.length, evaluatedAwards: due.length, releasedIndexes };
  }

  /** Like tier claims: every one at the first sweep since start, then the last day's. */
  async #releaseStatusIndexes(repairable: number, limit: number): Promise<number> {
    const orphans = await this.store.listOrphanStatusIndexClaims({
      claimedBefore: new Date(repairable).toISOString(),
      ...(this.#indexesSweptSinceStart
        ? { claimedAfter: new Date(repairable - LOOKBACK_MS).toISOString() }
        : {}),
      limit,
    });
    for (const claim of orphans) {
      // Only while it is still claimed for the credential that never came.
      await this.store.releaseStatusIndex(claim.issuerSlug, claim, claim.credentialId);
    }
    this.#indexesSweptSinceStart = true;
    if (orphans.length > 0) this.repaired('status-index', orphans.length);
    return orphans.length;
  }
}
