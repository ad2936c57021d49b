import type { Standing } from '../core/credentialState.js';
import type { StatusService, StatusView } from '../status/statusService.js';
import type { CredentialRecord, CredentialStore } from '../store/port.js';
import type { LearnerHoldings } from './learnerHoldings.js';
import { changeQuietly } from './systemChange.js';
import type { TierAwards } from './tierAwards.js';

/**
 * Keeps tiers true when what they were built from changes: a revoked or suspended constituent
 * takes its tiers with it, a reinstated one brings them back, and the learner's tiers are
 * re-evaluated from what is still valid. A tier signed without a suspension entry cannot be
 * suspended: it is revoked as superseded instead, and the re-evaluation that follows the
 * constituent's reinstatement issues a fresh copy.
 */
export class StatusCascade {
  constructor(
    private readonly store: Pick<CredentialStore, 'findCredential' | 'listTiersNaming'>,
    private readonly status: StatusService,
    private readonly holdings: LearnerHoldings,
    private readonly tierAwards: TierAwards,
  ) {}

  /** Runs after every status change (StatusService calls it, see services.ts). */
  async follow(record: CredentialRecord, view: StatusView): Promise<void> {
    await this.#cascade(record, view.state);
    if (record.learnerKey && record.achievementKey) {
      await this.tierAwards.reevaluate(record.learnerKey, [record.achievementKey]);
    }
  }

  async #cascade(constituent: CredentialRecord, state: Standing): Promise<void> {
    const label = `constituent urn:uuid:${constituent.id}`;
    for (const tier of await this.store.listTiersNaming(constituent.id)) {
      const tierState = await this.holdings.standingOf(tier);
      if (state === 'revoked' && tierState !== 'revoked') {
        await changeQuietly(this.status, tier, 'revoke', `${label} revoked`);
      } else if (state === 'suspended' && tierState === 'active') {
        if (this.status.offersSuspension(tier)) {
          await changeQuietly(this.status, tier, 'suspend', `${label} suspended`);
        } else {
          await changeQuietly(
            this.status,
            tier,
            'revoke',
            `superseded: ${label} suspended, and this tier carries no suspension entry; a new copy is issued when the rule is met again`,
          );
        }
      } else if (
        state === 'active' &&
        tierState === 'suspended' &&
        (await this.#constituentsValid(tier))
      ) {
        await changeQuietly(this.status, tier, 'reinstate', `${label} reinstated`);
      }
    }
  }

  async #constituentsValid(tier: CredentialRecord): Promise<boolean> {
    for (const id of tier.constituentIds) {
      const record = await this.store.findCredential(id);
      if (!record || (await this.holdings.standingOf(record)) !== 'active') return false;
    }
    return true;
  }
}
