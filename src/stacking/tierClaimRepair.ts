// A tier copy is claimed by insert before its credential is signed and stored, and an award notes
// that its tiers are due before its credential is stored. A crash or a failed write in between
// leaves a claim without its credential (the learner then meets the tier but can never be given
// it: the claim holds the epoch) or a note whose tiers were never evaluated. This finds both once
// they are far older than any request takes, frees the claims and evaluates the tiers.
import type { Clock } from '../core/clock.js';
import { keysOf } from '../catalog/rule.js';
import type { CatalogService } from '../catalog/catalogService.js';
import type { CredentialStore, TierStore } from '../store/port.js';
import type { TierAwards } from './tierAwards.js';

/** After the first sweep since start, later ones look back this far past the repair age. */
const LOOKBACK_MS = 24 * 60 * 60 * 1000;

export interface RepairOutcome {
  /** Tier claims whose credential never came, freed. */
  freedClaims: number;
  /** Awards whose tiers were due and are now evaluated. */
  evaluatedAwards: number;
}

export class TierClaimRepair {
  #sweptSinceStart = false;

  constructor(
    private readonly store: Pick<
      TierStore,
      'listOrphanTierClaims' | 'releaseTierCopy' | 'listPendingStacking' | 'settlePendingStacking'
    > &
      Pick<CredentialStore, 'findCredential'>,
    private readonly catalog: Pick<CatalogService, 'get'>,
    private readonly tierAwards: Pick<TierAwards, 'reevaluate'>,
    private readonly clock: Clock,
    private readonly repairAfterSeconds: number,
    /** Told how many of each a sweep repaired (the operator's claim-repair count). */
    private readonly repaired: (claim: 'tier-copy' | 'pending-stacking', count: number) => void,
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
    return { freedClaims: orphans.length, evaluatedAwards: due.length };
  }
}
