import type { CatalogService } from '../catalog/catalogService.js';
import type { CatalogAchievement } from '../catalog/catalogTypes.js';
import type { Clock } from '../core/clock.js';
import type { Standing } from '../core/credentialState.js';
import { displayState, type StatusService } from '../status/statusService.js';
import type { CredentialFacts, CredentialRecord, CredentialStore } from '../store/port.js';
import type { Holding } from './evaluateRule.js';

/** A credential as far as rules read it, and where it stands. */
export interface HeldFacts {
  record: CredentialFacts;
  state: Standing;
}

/** The same with the whole record: what a tier is issued from. */
export interface HeldCredential extends HeldFacts {
  record: CredentialRecord;
}

export const isValid = (held: HeldFacts): boolean => held.state === 'active';

/** An issuer's import counts only in that issuer's own tiers, in every later evaluation too. */
export const countsToward =
  (tier: CatalogAchievement) =>
  ({ record }: HeldFacts): boolean =>
    record.importedFor === undefined || record.importedFor === tier.issuer;

/** Each achievement's credits, as the catalog gives them. */
export const creditsOf = (catalog: readonly CatalogAchievement[]): ReadonlyMap<string, number> =>
  new Map(catalog.map((a) => [a.key, a.creditsAvailable ?? 0]));

/** The valid ones as the rule engine reads them. Pure. */
export function holdingsOf(
  held: readonly HeldFacts[],
  credits: ReadonlyMap<string, number>,
): Holding[] {
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

/** What a learner holds and where each credential stands, as rules evaluate it. */
export class LearnerHoldings {
  constructor(
    private readonly store: Pick<
      CredentialStore,
      'listCredentialsOfLearner' | 'listCredentialFactsOfLearners' | 'findImportDisregards'
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
    return this.#withStandings(await this.store.listCredentialsOfLearner(learnerKey));
  }

  /**
   * What each of these learners holds, as facts (no documents), and where each stands: three
   * reads, however many learners and credentials. A learner holding nothing is left out.
   */
  async factsOfEach(learnerKeys: readonly string[]): Promise<Map<string, HeldFacts[]>> {
    const held = await this.#withStandings(
      await this.store.listCredentialFactsOfLearners(learnerKeys),
    );
    const byLearner = new Map<string, HeldFacts[]>();
    for (const one of held) {
      const key = one.record.learnerKey ?? '';
      const theirs = byLearner.get(key);
      if (theirs) theirs.push(one);
      else byLearner.set(key, [one]);
    }
    return byLearner;
  }

  /** Where each record stands: its latest status event, or for an import, its disregard. */
  async #withStandings<R extends CredentialFacts>(
    records: readonly R[],
  ): Promise<Array<{ record: R; state: Standing }>> {
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
    held: readonly HeldFacts[],
    catalog?: readonly CatalogAchievement[],
  ): Promise<Holding[]> {
    return holdingsOf(held, creditsOf(catalog ?? (await this.catalog.list())));
  }
}
