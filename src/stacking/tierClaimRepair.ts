// A tier copy is claimed by insert before its credential is signed and stored. A crash or a failed
// write in between leaves the claim without its credential, and the learner then meets the tier
// but can never be given it: the claim holds the epoch. This finds such claims once they are far
// older than any issuance takes, frees them and gives the learner the tier.
import type { Clock } from '../core/clock.js';
import { keysOf } from '../catalog/rule.js';
import type { CatalogService } from '../catalog/catalogService.js';
import type { TierStore } from '../store/port.js';
import type { TierAwards } from './tierAwards.js';

/** After the first sweep since start, later ones look back this far past the repair age. */
const LOOKBACK_MS = 24 * 60 * 60 * 1000;

export class TierClaimRepair {
  #sweptSinceStart = false;

  constructor(
    private readonly store: Pick<TierStore, 'listOrphanTierClaims' | 'releaseTierCopy'>,
    private readonly catalog: Pick<CatalogService, 'get'>,
    private readonly tierAwards: Pick<TierAwards, 'reevaluate'>,
    private readonly clock: Clock,
    private readonly repairAfterSeconds: number,
    /** Told how many claims a sweep freed (the operator's claim-repair count). */
    private readonly repaired: (count: number) => void,
  ) {}

  /**
   * Frees the orphaned claims found and re-evaluates their learners; answers how many were freed.
   * The first sweep after start reads every claim (a crash may be any age), later ones only recent
   * claims, so a sweep costs the same however many tiers were ever issued.
   */
  async repair(limit = 500): Promise<number> {
    const repairable = this.clock().getTime() - this.repairAfterSeconds * 1000;
    const orphans = await this.store.listOrphanTierClaims({
      claimedBefore: new Date(repairable).toISOString(),
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
    if (orphans.length > 0) this.repaired(orphans.length);
    return orphans.length;
  }
}
