import { end, parse } from 'iso8601-duration';
import { tiersNaming, type CatalogService } from '../catalog/catalogService.js';
import {
  catalogLanguage,
  DEFAULT_LANGUAGE,
  shownLanguage,
  type CatalogAchievement,
  type Language,
} from '../catalog/catalogTypes.js';
import { toDateTimeStamp, type Clock } from '../core/clock.js';
import { digestMultibase } from '../credentials/digest.js';
import { achievementOf, displayNameOf } from '../credentials/fields.js';
import { buildOpenBadgeCredential } from '../credentials/openBadgeCredential.js';
import { credentialJson, subjectIdentityOf } from '../credentials/subjectOf.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type { IssuedCredential, IssuingService } from '../issuing/issuingService.js';
import type { StatusService } from '../status/statusService.js';
import { DuplicateKeyError, type CredentialRecord, type TierStore } from '../store/port.js';
import type { ActingAs } from '../core/actingAs.js';
import { awardsTier } from './actingAs.js';
import type { Evaluation } from './evaluateRule.js';
import { creditsOf, type HeldCredential, type LearnerHoldings } from './learnerHoldings.js';
import { changeQuietly } from './systemChange.js';
import { tierDue } from './tierDue.js';
import type { Recipient } from '../credentials/recipientIdentity.js';
import type { ServiceEvents } from '../events/serviceEvents.js';

/** Tiers of tiers are re-evaluated in rounds; a catalog deeper than this is a mistake. */
const MAX_ROUNDS = 10;

export interface ReevaluateOptions {
  /** With an issuer (an import it made), only that issuer's tiers; every tier without. */
  actingAs?: ActingAs;
  /** The language of the award that caused the re-evaluation: the tiers it completes use it. */
  language?: Language;
  /** The learner as the award named them, passed on to whoever is told of the tier. */
  recipient?: Recipient;
  batchId?: string;
  /** Only these tiers in the first round (a tier rule just written), not all naming the keys. */
  firstTiers?: readonly string[];
  /** The catalog as read once for many learners (a re-evaluation's part); read here without. */
  catalog?: readonly CatalogAchievement[];
}

type TierNotice = Pick<ReevaluateOptions, 'recipient' | 'batchId'>;

/** The tiers a round evaluates: those naming what changed that the actor awards. */
function tiersOfRound(
  achievements: readonly CatalogAchievement[],
  frontier: readonly string[],
  round: number,
  { actingAs = { admin: true }, firstTiers }: Pick<ReevaluateOptions, 'actingAs' | 'firstTiers'>,
): CatalogAchievement[] {
  return tiersNaming(achievements, frontier).filter(
    (tier) =>
      awardsTier(actingAs, tier) &&
      (round > 0 || firstTiers === undefined || firstTiers.includes(tier.key)),
  );
}

/**
 * The language a tier copy is issued in: the award's that completed it; without an award (a
 * status cascade, an expiry, an import), the language of the copy it replaces; else the
 * catalog's first. A language the tier has no texts in gives way to the catalog's first.
 */
export function tierLanguage(
  tier: CatalogAchievement,
  awardLanguage: Language | undefined,
  previousCopies: readonly CredentialRecord[],
): Language {
  const latest = [...previousCopies].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const previous = latest
    ? catalogLanguage(achievementOf(credentialJson(latest)).inLanguage)
    : undefined;
  return shownLanguage(tier, awardLanguage ?? previous ?? DEFAULT_LANGUAGE);
}

/** Awards tiers when a learner's credentials add up: each newly met tier once, by its issuer. */
export class TierAwards {
  constructor(
    private readonly store: Pick<
      TierStore,
      'claimTierCopy' | 'releaseTierCopy' | 'notePendingStacking' | 'settlePendingStacking'
    >,
    private readonly catalog: CatalogService,
    private readonly issuers: IssuerService,
    private readonly issuing: IssuingService,
    private readonly status: StatusService,
    private readonly holdings: LearnerHoldings,
    private readonly clock: Clock,
    private readonly events: Pick<ServiceEvents, 'publish'>,
  ) {}

  /**
   * Notes, before an award's credential is stored, that its tiers are still to be evaluated: should
   * the process die or a write fail before they are, the claim repair sweep evaluates them.
   */
  async expectAward(
    credentialId: string,
    learnerKey: string,
    achievementKey: string,
  ): Promise<void> {
    await this.store.notePendingStacking({
      credentialId,
      learnerKey,
      achievementKey,
      claimedAt: this.clock().toISOString(),
    });
  }

  /** The award's tiers were evaluated: its note goes. */
  async settleAward(credentialId: string): Promise<void> {
    await this.store.settlePendingStacking(credentialId);
  }

  /**
   * Issues every tier the learner now meets and does not hold, tiers of tiers included. With an
   * issuer in `actingAs` (an import it made), only that issuer's tiers; without, every tier: awards,
   * status changes and expiries are meant to complete or follow any tier built on them.
   */
  async reevaluate(
    learnerKey: string,
    changedKeys: readonly string[],
    { actingAs = { admin: true }, language, firstTiers, catalog, ...told }: ReevaluateOptions = {},
  ): Promise<IssuedCredential[]> {
    const issued: IssuedCredential[] = [];
    // Read once and kept current here, so the store calls of a re-evaluation do not grow with
    // the number of tiers considered or credentials held.
    let held = await this.holdings.heldBy(learnerKey);
    // One read of the catalog for every round and tier of this evaluation.
    const achievements = catalog ?? (await this.catalog.list());
    let frontier = [...changedKeys];
    for (let round = 0; round < MAX_ROUNDS && frontier.length > 0; round += 1) {
      const tiers = tiersOfRound(achievements, frontier, round, { actingAs, firstTiers });
      frontier = [];
      for (const tier of tiers) {
        const outcome = await this.#awardIfMet(learnerKey, tier, held, achievements, {
          awardLanguage: language,
          told,
        });
        held = outcome.held;
        if (outcome.awarded) {
          issued.push(outcome.awarded);
          frontier.push(tier.key);
        }
      }
    }
    return issued;
  }

  /**
   * Those of these learners for whom reevaluate, given the same keys and options, issues a tier:
   * the first round's tiers are evaluated in memory from one read of all their credentials'
   * facts. Later rounds follow only from a tier the first one issued, so for the others
   * reevaluate would read and issue nothing; store calls are the same for any number of learners.
   */
  async learnersDue(
    learnerKeys: readonly string[],
    changedKeys: readonly string[],
    options: Pick<ReevaluateOptions, 'actingAs' | 'firstTiers' | 'catalog'> = {},
  ): Promise<string[]> {
    const achievements = options.catalog ?? (await this.catalog.list());
    const tiers = tiersOfRound(achievements, changedKeys, 0, options);
    if (tiers.length === 0 || learnerKeys.length === 0) return [];
    const credits = creditsOf(achievements);
    const held = await this.holdings.factsOfEach(learnerKeys);
    return learnerKeys.filter((learnerKey) =>
      tiers.some((tier) => tierDue(tier, held.get(learnerKey) ?? [], credits)),
    );
  }

  /** The tier, if newly met, and the holdings as they are afterwards. */
  async #awardIfMet(
    learnerKey: string,
    tier: CatalogAchievement,
    held: HeldCredential[],
    achievements: readonly CatalogAchievement[],
    { awardLanguage, told }: { awardLanguage: Language | undefined; told: TierNotice },
  ): Promise<{ awarded?: IssuedCredential; held: HeldCredential[] }> {
    const evaluation = tierDue(tier, held, creditsOf(achievements));
    if (!evaluation) return { held };
    const copies = held.filter(({ record }) => record.achievementKey === tier.key);

    // A suspended copy would come back on reinstatement: replace it, so only one copy is ever valid.
    const suspended = copies.filter((copy) => copy.state === 'suspended');
    for (const copy of suspended) {
      await changeQuietly(
        this.status,
        copy.record,
        'revoke',
        'superseded by a copy built from credentials that are valid',
      );
    }
    // Revoking cascades (and may lose a race), so what it left is read rather than assumed.
    if (suspended.length > 0) held = await this.holdings.heldBy(learnerKey);
    const epoch = held.filter(
      ({ record, state }) =>
        record.achievementKey === tier.key && (state === 'revoked' || state === 'expired'),
    ).length;
    const language = tierLanguage(
      tier,
      awardLanguage,
      copies.map(({ record }) => record),
    );
    const awarded = await this.#issueTier(learnerKey, tier, epoch, evaluation, held, {
      ...told,
      language,
    });
    // The new copy was just issued here and is valid; tiers of tiers count it without a re-read.
    return awarded
      ? { awarded, held: [...held, { record: awarded.record, state: 'active' }] }
      : { held };
  }

  /**
   * Claims (learner, tier, epoch) by insert before issuing: racing evaluations for the same
   * learner compute the same epoch, and only one of them gets to issue.
   */
  async #issueTier(
    learnerKey: string,
    tier: CatalogAchievement,
    epoch: number,
    evaluation: Evaluation,
    held: HeldCredential[],
    { language, ...told }: TierNotice & { language: Language },
  ): Promise<IssuedCredential | undefined> {
    const constituents = evaluation.used.flatMap(
      (used) => held.find(({ record }) => record.id === used.credentialId)?.record ?? [],
    );
    const subject = constituents.map((c) => subjectIdentityOf(credentialJson(c))).find(Boolean);
    if (!subject) return undefined;
    const uuid = crypto.randomUUID();
    const claim = {
      learnerKey,
      achievementKey: tier.key,
      epoch,
      credentialId: uuid,
      claimedAt: this.clock().toISOString(),
    };
    try {
      await this.store.claimTierCopy(claim);
    } catch (error) {
      if (error instanceof DuplicateKeyError) return undefined;
      throw error;
    }
    let issued: IssuedCredential;
    try {
      const issuer = await this.issuers.get(tier.issuer);
      const validFrom = toDateTimeStamp(this.clock());
      const credential = buildOpenBadgeCredential({
        id: `urn:uuid:${uuid}`,
        issuer: this.issuers.profile(issuer),
        achievement: await this.catalog.issuedAchievementDocument(tier, language),
        subject,
        evidence: constituents.map((constituent) => this.#evidenceFor(constituent)),
        validFrom,
        validUntil: this.#tierValidUntil(tier, constituents, validFrom),
      });
      issued = await this.issuing.issuePrepared({
        issuer,
        credential,
        format: 'di',
        achievementKey: tier.key,
        learnerKey,
        constituentIds: constituents.map((c) => c.id),
        language,
        ...told,
      });
    } catch (error) {
      await this.store.releaseTierCopy(claim);
      throw error;
    }
    await this.events.publish({
      type: 'tier.awarded',
      id: `tier.awarded:${issued.uuid}`,
      issuerSlug: tier.issuer,
      record: issued.record,
      url: issued.url,
      language,
      ...told,
    });
    return issued;
  }

  /** Never later than the earliest constituent, nor than the tier's own validity. */
  #tierValidUntil(
    tier: CatalogAchievement,
    constituents: CredentialRecord[],
    validFrom: string,
  ): string | undefined {
    const limits = constituents.flatMap((c) => (c.validUntil ? [Date.parse(c.validUntil)] : []));
    if (tier.validFor) limits.push(end(parse(tier.validFor), new Date(validFrom)).getTime());
    return limits.length > 0 ? toDateTimeStamp(new Date(Math.min(...limits))) : undefined;
  }

  #evidenceFor(constituent: CredentialRecord) {
    const json = credentialJson(constituent);
    return {
      id: `urn:uuid:${constituent.id}`,
      name: displayNameOf(json) ?? constituent.achievementKey ?? 'credential',
      description: `Constituent credential issued by ${constituent.issuerDid} on ${constituent.validFrom}`,
      digestMultibase: digestMultibase(constituent.document),
    };
  }
}
