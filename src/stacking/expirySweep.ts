import type { Clock } from '../core/clock.js';
import type { TierStore } from '../store/port.js';
import type { TierAwards } from './tierAwards.js';
import type { ServiceEvents } from '../events/serviceEvents.js';

export class ExpirySweep {
  constructor(
    private readonly store: Pick<TierStore, 'claimExpiryProcessing' | 'listUnprocessedExpiries'>,
    private readonly tierAwards: TierAwards,
    private readonly clock: Clock,
    private readonly events: Pick<ServiceEvents, 'publish'>,
  ) {}

  /**
   * Notices expiries without a request: every credential whose validUntil has passed is processed
   * once (claimed by insert), followers are told, and its learner's tiers are re-evaluated.
   */
  async sweep(limit = 500): Promise<number> {
    const expired = await this.store.listUnprocessedExpiries(this.clock().toISOString(), limit);
    let processed = 0;
    for (const record of expired) {
      if (!(await this.store.claimExpiryProcessing(record.id))) continue;
      processed += 1;
      if (record.issuerSlug) {
        await this.events.publish({
          type: 'credential.expired',
          id: `credential.expired:${record.id}`,
          issuerSlug: record.issuerSlug,
          record,
        });
      }
      if (record.learnerKey && record.achievementKey) {
        await this.tierAwards.reevaluate(record.learnerKey, [record.achievementKey]);
      }
    }
    return processed;
  }
}
