import type { CatalogService } from '../catalog/catalogService.js';
import type { CatalogAchievement } from '../catalog/catalogTypes.js';
import type { Clock } from '../core/clock.js';
import type { Standing } from '../core/credentialState.js';
import { displayState, type StatusService } from '../status/statusService.js';
import type { CredentialRecord, CredentialStore } from '../store/port.js';
import type { Holding } from './evaluateRule.js';

export interface HeldCredential {
  record: CredentialRecord;
  state: Standing;
}

export const isValid = (held: HeldCredential): boolean => held.state === 'active';

/** An issuer's import counts only in that issuer's own tiers, in every later evaluation too. */
export const countsToward =
  (tier: CatalogAchievement) =>
  ({ record }: HeldCredential): boolean =>
    record.importedFor === undefined || record.importedFor === tier.issuer;

/** What a learner holds and where each credential stands, as rules evaluate it. */
export class LearnerHoldings {
  constructor(
    private readonly store: Pick<
      CredentialStore,
      'listCredentialsOfLearner' | 'findImportDisregards'
    >,
    private readonly catalog: CatalogService,
    private readonly status: StatusService,
    private readonly clock: Clock,
  ) {}

  /**
   * Imported credentials have no status list here (their issuer's is read when verified): one
   * stands as revoked once disregarded, else by its own dates.
   */
  async standingOf(record: CredentialRecord): Promise<Standing> {
    if (record.origin !== 'imported') return (await this.status.stateOf(record)).state;
    const disregarded = await this.store.findImportDisregards([record.id]);
    return disregarded.length > 0 ? 'revoked' : displayState(record, 'active', this.clock());
  }

  /** The learner's credentials and where each stands: three reads, however many they hold. */
  async heldBy(learnerKey: string): Promise<HeldCredential[]> {
    const records = await this.store.listCredentialsOfLearner(learnerKey);
    const imported = records.filter((record) => record.origin === 'imported');
    const standings = await this.status.standingsOf(
      records.filter((record) => record.origin !== 'imported'),
    );
    const disregarded = new Set(
      (await this.store.findImportDisregards(imported.map((record) => record.id))).map(
        (d) => d.credentialId,
      ),
    );
    const now = this.clock();
    return records.map((record) => ({
      record,
      state: disregarded.has(record.id)
        ? 'revoked'
        : (standings.get(record.id) ?? displayState(record, 'active', now)),
    }));
  }

  /**
   * The valid ones as the rule engine reads them, with each achievement's credits (from the
   * catalog as the caller read it, or as it is now).
   */
  async holdings(
    held: HeldCredential[],
    catalog?: readonly CatalogAchievement[],
  ): Promise<Holding[]> {
    const credits = new Map(
      (catalog ?? (await this.catalog.list())).map((a) => [a.key, a.creditsAvailable ?? 0]),
    );
    return held.filter(isValid).flatMap(({ record }) =>
      record.achievementKey
        ? [
            {
              credentialId: record.id,
              achievementKey: record.achievementKey,
              earnedAt: record.validFrom,
              credits: credits.get(record.achievementKey) ?? 0,
            },
          ]
        : [],
    );
  }
}
