import type { Clock } from '../core/clock.js';
import { end, parse } from 'iso8601-duration';
import type { CatalogService } from '../catalog/catalogService.js';
import type { CatalogAchievement } from '../catalog/catalogTypes.js';
import { digestMultibase } from '../credentials/digest.js';
import { displayNameOf } from '../credentials/fields.js';
import { credentialJson, subjectIdentityOf } from '../credentials/subjectOf.js';
import { ConflictError, NotFoundError } from '../core/problems.js';
import type { IssuerService } from '../issuers/issuerService.js';
import { profileOf } from '../issuers/issuerService.js';
import type { IssuedCredential, IssuingService } from '../issuing/issuingService.js';
import { buildOpenBadgeCredential } from '../credentials/openBadgeCredential.js';
import { toDateTimeStamp } from '../core/clock.js';
import { displayState, type StatusService, type StatusView } from '../status/statusService.js';
import type { Standing } from '../core/credentialState.js';
import { DuplicateKeyError, type CredentialRecord, type Store } from '../store/port.js';
import type { StatusAction } from '../core/credentialState.js';
import { evaluateRule, type Evaluation, type Holding } from './evaluateRule.js';

export const SYSTEM_ACTOR = 'system';

/** Tiers of tiers are re-evaluated in rounds; a catalog deeper than this is a mistake. */
const MAX_ROUNDS = 10;

/**
 * On whose behalf a use case runs: an issuer (its own tiers, learners it has issued to) or the
 * admin (everything). A plain value, so use cases never see HTTP types.
 */
export type ActingAs = { actingFor: string } | { admin: true };

/** What an issuer is told about a constituent another issuer issued: that it exists, not its id. */
export interface ConstituentFromElsewhere {
  achievement: string;
  heldFrom: 'another issuer';
}

const awardsTier = (actingAs: ActingAs, tier: CatalogAchievement): boolean =>
  !('actingFor' in actingAs) || tier.issuer === actingAs.actingFor;

/** Issued here by this issuer; imports are other issuers' credentials whoever recorded them. */
const issuedBy = (record: CredentialRecord, slug: string): boolean =>
  record.origin === 'issued' && record.issuerSlug === slug;

export interface HeldCredential {
  record: CredentialRecord;
  state: Standing;
}

export interface TierProgress {
  achievement: string;
  name: string;
  met: boolean;
  /** Credential ids (urn:uuid) that meet the rule, when met; for an issuer, only its own. */
  using: string[];
  /** For an issuer: constituents that meet the rule but were issued by someone else, without ids. */
  usingFromOtherIssuers?: ConstituentFromElsewhere[];
  missing: string[];
  /** The learner's valid copy of this tier, if there is one. */
  held?: string;
}

const isValid = (held: HeldCredential): boolean => held.state === 'active';

/** An issuer's import counts only in that issuer's own tiers, in every later evaluation too. */
const countsToward =
  (tier: CatalogAchievement) =>
  ({ record }: HeldCredential): boolean =>
    record.importedFor === undefined || record.importedFor === tier.issuer;

/**
 * Awards tiers when a learner's credentials add up, and keeps tiers true when what they were
 * built from changes: status cascades to every tier naming a credential, then tiers are re-evaluated.
 */
export class StackingService {
  constructor(
    private readonly store: Store,
    private readonly catalog: CatalogService,
    private readonly issuers: IssuerService,
    private readonly issuing: IssuingService,
    private readonly status: StatusService,
    private readonly clock: Clock,
  ) {}

  async #state(record: CredentialRecord): Promise<Standing> {
    if (record.origin === 'imported') return displayState(record, 'active', this.clock());
    return (await this.status.stateOf(record)).state;
  }

  /** The learner's credentials and where each stands: two reads, however many they hold. */
  async heldBy(learnerKey: string): Promise<HeldCredential[]> {
    const records = await this.store.listCredentialsOfLearner(learnerKey);
    // Imported credentials have no status here: their issuer's list is read when verified.
    const standings = await this.status.standingsOf(
      records.filter((record) => record.origin !== 'imported'),
    );
    const now = this.clock();
    return records.map((record) => ({
      record,
      state: standings.get(record.id) ?? displayState(record, 'active', now),
    }));
  }

  async #holdings(held: HeldCredential[]): Promise<Holding[]> {
    const credits = new Map(
      (await this.catalog.list()).map((a) => [a.key, a.creditsAvailable ?? 0]),
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

  /**
   * Issues every tier the learner now meets and does not hold, tiers of tiers included. With an
   * issuer in `actingAs` (an import it made), only that issuer's tiers; without, every tier: awards,
   * status changes and expiries are meant to complete or follow any tier built on them.
   */
  async reevaluate(
    learnerKey: string,
    changedKeys: readonly string[],
    actingAs: ActingAs = { admin: true },
  ): Promise<IssuedCredential[]> {
    const issued: IssuedCredential[] = [];
    let frontier = [...changedKeys];
    for (let round = 0; round < MAX_ROUNDS && frontier.length > 0; round += 1) {
      const tiers = (await this.catalog.tiersMentioning(frontier)).filter((tier) =>
        awardsTier(actingAs, tier),
      );
      frontier = [];
      for (const tier of tiers) {
        const awarded = await this.#awardIfMet(learnerKey, tier);
        if (awarded) {
          issued.push(awarded);
          frontier.push(tier.key);
        }
      }
    }
    return issued;
  }

  async #awardIfMet(
    learnerKey: string,
    tier: CatalogAchievement,
  ): Promise<IssuedCredential | undefined> {
    if (!tier.rule) return undefined;
    let held = await this.heldBy(learnerKey);
    const copies = held.filter(({ record }) => record.achievementKey === tier.key);
    if (copies.some(isValid)) return undefined;
    const evaluation = evaluateRule(
      tier.rule,
      await this.#holdings(held.filter(countsToward(tier))),
    );
    if (!evaluation.met) return undefined;

    // A suspended copy would come back on reinstatement: replace it, so only one copy is ever valid.
    const suspended = copies.filter((copy) => copy.state === 'suspended');
    for (const copy of suspended) {
      await this.#followQuietly(
        copy.record,
        'revoke',
        'superseded by a copy built from credentials that are valid',
      );
    }
    if (suspended.length > 0) held = await this.heldBy(learnerKey);
    const epoch = held.filter(
      ({ record, state }) =>
        record.achievementKey === tier.key && (state === 'revoked' || state === 'expired'),
    ).length;
    return this.#issueTier(learnerKey, tier, epoch, evaluation, held);
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
  ): Promise<IssuedCredential | undefined> {
    const constituents = evaluation.used.flatMap(
      (used) => held.find(({ record }) => record.id === used.credentialId)?.record ?? [],
    );
    const subject = constituents.map((c) => subjectIdentityOf(credentialJson(c))).find(Boolean);
    if (!subject) return undefined;
    const uuid = crypto.randomUUID();
    const claim = { learnerKey, achievementKey: tier.key, epoch, credentialId: uuid };
    try {
      await this.store.claimTierCopy(claim);
    } catch (error) {
      if (error instanceof DuplicateKeyError) return undefined;
      throw error;
    }
    try {
      const issuer = await this.issuers.get(tier.issuer);
      const validFrom = toDateTimeStamp(this.clock());
      const credential = buildOpenBadgeCredential({
        id: `urn:uuid:${uuid}`,
        issuer: profileOf(issuer),
        achievement: this.catalog.achievementDocument(tier),
        subject,
        evidence: constituents.map((constituent) => this.#evidenceFor(constituent)),
        validFrom,
        validUntil: this.#tierValidUntil(tier, constituents, validFrom),
      });
      return await this.issuing.issuePrepared({
        issuer,
        credential,
        format: 'di',
        achievementKey: tier.key,
        learnerKey,
        constituentIds: constituents.map((c) => c.id),
      });
    } catch (error) {
      await this.store.releaseTierCopy(claim);
      throw error;
    }
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

  /**
   * After any status change (StatusService calls this for every one): everything built on the
   * credential follows, and the learner's tiers are re-evaluated from what is still valid.
   */
  async followStatusChange(record: CredentialRecord, view: StatusView): Promise<void> {
    await this.#cascade(record, view.state);
    if (record.learnerKey && record.achievementKey) {
      await this.reevaluate(record.learnerKey, [record.achievementKey]);
    }
  }

  async #cascade(constituent: CredentialRecord, state: Standing): Promise<void> {
    const label = `constituent urn:uuid:${constituent.id}`;
    for (const tier of await this.store.listTiersNaming(constituent.id)) {
      const tierState = await this.#state(tier);
      if (state === 'revoked' && tierState !== 'revoked') {
        await this.#followQuietly(tier, 'revoke', `${label} revoked`);
      } else if (state === 'suspended' && tierState === 'active') {
        await this.#followQuietly(tier, 'suspend', `${label} suspended`);
      } else if (
        state === 'active' &&
        tierState === 'suspended' &&
        (await this.#constituentsValid(tier))
      ) {
        await this.#followQuietly(tier, 'reinstate', `${label} reinstated`);
      }
    }
  }

  async #constituentsValid(tier: CredentialRecord): Promise<boolean> {
    for (const id of tier.constituentIds) {
      const record = await this.store.findCredential(id);
      if (!record || (await this.#state(record)) !== 'active') return false;
    }
    return true;
  }

  /** A change the system makes to follow another; losing a race to the same change is fine. */
  async #followQuietly(
    record: CredentialRecord,
    action: StatusAction,
    reason: string,
  ): Promise<void> {
    try {
      // The change cascades on to tiers of tiers through followStatusChange.
      await this.status.change(record, action, reason, SYSTEM_ACTOR);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  /**
   * Notices expiries without a request: every credential whose validUntil has passed is processed
   * once (claimed by insert), and its learner's tiers are re-evaluated.
   */
  async sweepExpiries(limit = 500): Promise<number> {
    const expired = await this.store.listUnprocessedExpiries(this.clock().toISOString(), limit);
    let processed = 0;
    for (const record of expired) {
      if (!(await this.store.claimExpiryProcessing(record.id))) continue;
      processed += 1;
      if (record.learnerKey && record.achievementKey) {
        await this.reevaluate(record.learnerKey, [record.achievementKey]);
      }
    }
    return processed;
  }

  /**
   * Per tier: met or not, with which credentials. An issuer sees only the tiers it awards, of a
   * learner it has issued to, and other issuers' credentials only as achievements, never by id.
   */
  async progress(learnerKey: string, actingAs: ActingAs): Promise<TierProgress[]> {
    const held = await this.heldBy(learnerKey);
    const slug = 'actingFor' in actingAs ? actingAs.actingFor : undefined;
    if (slug !== undefined && !held.some(({ record }) => issuedBy(record, slug))) {
      // The same answer whether the learner is unknown or known only to other issuers.
      throw new NotFoundError('no learner this issuer has issued to');
    }
    const visible = (record: CredentialRecord): boolean =>
      slug === undefined || issuedBy(record, slug);
    const recordOf = new Map(held.map(({ record }) => [record.id, record]));
    const tiers = (await this.catalog.list()).filter(
      (a) => a.kind === 'tier' && a.rule !== undefined && awardsTier(actingAs, a),
    );
    const holdingsFor = await Promise.all(
      tiers.map((tier) => this.#holdings(held.filter(countsToward(tier)))),
    );
    return tiers.map((tier, index) => {
      const evaluation = evaluateRule(tier.rule ?? tier.key, holdingsFor[index] ?? []);
      const copy = held.find(
        ({ record, state }) =>
          record.achievementKey === tier.key && state === 'active' && visible(record),
      );
      const used = evaluation.used.map((h) => ({
        holding: h,
        record: recordOf.get(h.credentialId),
      }));
      const elsewhere = used.filter(({ record }) => !record || !visible(record));
      return {
        achievement: tier.key,
        name: tier.name.en,
        met: evaluation.met,
        using: used
          .filter(({ record }) => record && visible(record))
          .map(({ holding }) => `urn:uuid:${holding.credentialId}`),
        ...(slug !== undefined && elsewhere.length > 0
          ? {
              usingFromOtherIssuers: elsewhere.map(({ holding }) => ({
                achievement: holding.achievementKey,
                heldFrom: 'another issuer' as const,
              })),
            }
          : {}),
        missing: evaluation.missing,
        ...(copy ? { held: `urn:uuid:${copy.record.id}` } : {}),
      };
    });
  }
}
