import type { Clock } from '../core/clock.js';
import { end, parse } from 'iso8601-duration';
import type { CatalogService } from '../catalog/catalogService.js';
import {
  catalogLanguage,
  DEFAULT_LANGUAGE,
  hasLanguage,
  type CatalogAchievement,
  type Language,
} from '../catalog/catalogTypes.js';
import { credentialJson } from '../credentials/subjectOf.js';
import { achievementOf } from '../credentials/fields.js';
import {
  ConflictError,
  ForbiddenError,
  UnprocessableError,
  ValidationError,
  type FieldErrorCode,
  type UnprocessableSlug,
} from '../core/problems.js';
import type { IssuerService } from '../issuers/issuerService.js';
import { tagsOf, type IssuedCredential, type IssuingService } from '../issuing/issuingService.js';
import {
  buildOpenBadgeCredential,
  subjectIdentityFor,
  type EvidenceInput,
  type ResultInput,
} from '../credentials/openBadgeCredential.js';
import { resultProblems } from '../credentials/ob3Parts.js';
import { toDateTimeStamp } from '../core/clock.js';
import type { Recipient } from '../credentials/recipientIdentity.js';
import type { LearnerKeys } from '../learners/learnerKeys.js';
import type { CredentialRecord, IssuerRecord } from '../store/port.js';
import type { CredentialFormat } from '../core/credentialState.js';
import type { ActingAs } from '../core/actingAs.js';
import type { LearnerHoldings } from '../stacking/learnerHoldings.js';
import type { TierAwards } from '../stacking/tierAwards.js';
import type { StatusService } from '../status/statusService.js';
import { evaluateRule, type Holding } from '../stacking/evaluateRule.js';

export interface KeyedAwardInput {
  achievement: string;
  recipient: Recipient;
  evidence?: EvidenceInput[];
  result?: ResultInput[];
  validUntil?: string;
  /** The catalog language to issue in; the catalog's first language when left out. */
  lang?: Language;
  cohort?: string;
  region?: string;
}

/** How an award is issued when a batch asks (a chosen credential id, a format, the batch). */
export interface AwardOptions {
  /** The UUID the credential gets: a batch row fixes it when it claims the row. */
  credentialId?: string;
  format?: CredentialFormat;
  batchId?: string;
}

/** An award that passed every check, with what issuing it needs. */
export interface CheckedAward {
  achievement: CatalogAchievement;
  language: Language;
  learnerKey: string;
  issuer: IssuerRecord;
  validFrom: string;
  validUntil: string | undefined;
}

export interface AwardOutcome {
  issued: IssuedCredential;
  stacked: IssuedCredential[];
}

const earliest = (...dates: Array<string | undefined>): string | undefined => {
  const times = dates.flatMap((d) => (d ? [Date.parse(d)] : []));
  return times.length > 0 ? toDateTimeStamp(new Date(Math.min(...times))) : undefined;
};

function problem(
  slug: UnprocessableSlug,
  field: string,
  message: string,
  named?: { code: FieldErrorCode; params: Record<string, string> },
): UnprocessableError {
  return new UnprocessableError(slug, `${field}: ${message}`, {
    errors: [{ field, message, ...named }],
  });
}

/** Awards of catalog achievements: who may award, what they need, and what they stack into. */
export class AwardService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly issuers: IssuerService,
    private readonly issuing: IssuingService,
    private readonly holdings: LearnerHoldings,
    private readonly tierAwards: TierAwards,
    private readonly status: StatusService,
    private readonly learnerKeys: LearnerKeys,
    private readonly clock: Clock,
    private readonly tierFailed: (error: unknown) => void,
  ) {}

  /**
   * The tiers an award completes. The award itself is stored by now, so a tier that fails (a full
   * disk, a crash of its own) must not turn it into an error the client would retry into a
   * duplicate: the failure is reported, and the tier follows with the next award or the claim
   * repair sweep.
   */
  async #tiersAfter(
    issued: IssuedCredential,
    learnerKey: string,
    achievementKey: string,
    options: Parameters<TierAwards['reevaluate']>[2],
  ): Promise<IssuedCredential[]> {
    try {
      const stacked = await this.tierAwards.reevaluate(learnerKey, [achievementKey], options);
      await this.tierAwards.settleAward(issued.uuid);
      return stacked;
    } catch (error) {
      this.tierFailed(error);
      return [];
    }
  }

  async #achievementFor(
    slug: string,
    key: string,
    actingAs: ActingAs,
  ): Promise<CatalogAchievement> {
    const achievement = await this.catalog.get(key).catch(() => {
      throw problem('unknown-achievement', 'achievement', `no achievement with key "${key}"`, {
        code: 'unknown-achievement',
        params: { key },
      });
    });
    if (achievement.issuer !== slug) {
      const detail = `"${key}" is awarded by issuer "${achievement.issuer}" only`;
      // An issuer's key asking for another issuer's achievement is refused as forbidden.
      if ('actingFor' in actingAs) throw new ForbiddenError(detail);
      throw problem('wrong-issuer', 'achievement', detail, {
        code: 'wrong-issuer',
        params: { key, issuer: achievement.issuer },
      });
    }
    if (achievement.kind === 'tier') {
      throw problem(
        'tier-not-awardable',
        'achievement',
        `"${key}" is a tier: it is awarded automatically when its rule is met`,
        { code: 'tier-not-awardable', params: { key } },
      );
    }
    return achievement;
  }

  async #assertPrerequisites(
    achievement: CatalogAchievement,
    learnerKey: string,
    alsoHeld: readonly string[],
  ): Promise<void> {
    if (!achievement.prerequisites) return;
    const held = await this.holdings.heldBy(learnerKey);
    const holdings: Holding[] = held.flatMap(({ record, state }) =>
      state === 'active' && record.achievementKey
        ? [
            {
              credentialId: record.id,
              achievementKey: record.achievementKey,
              earnedAt: record.validFrom,
              credits: 0,
            },
          ]
        : [],
    );
    const now = toDateTimeStamp(this.clock());
    const assumed = alsoHeld.map((achievementKey, index) => ({
      credentialId: `assumed-${index}`,
      achievementKey,
      earnedAt: now,
      credits: 0,
    }));
    const evaluation = evaluateRule(achievement.prerequisites, [...holdings, ...assumed]);
    if (!evaluation.met) {
      throw problem(
        'prerequisites-not-met',
        'achievement',
        `"${achievement.key}" first needs ${evaluation.missing.join('; ')}`,
        {
          code: 'prerequisites-not-met',
          params: { key: achievement.key, missing: evaluation.missing.join('; ') },
        },
      );
    }
  }

  /**
   * Everything an award is refused for, checked without writing anything: a dry run asks this
   * alone. `alsoHeld` are achievement keys the learner is about to receive first (earlier rows of
   * the same batch), counted toward prerequisites.
   */
  async check(
    slug: string,
    input: KeyedAwardInput,
    actingAs: ActingAs,
    alsoHeld: readonly string[] = [],
  ): Promise<CheckedAward> {
    const achievement = await this.#achievementFor(slug, input.achievement, actingAs);
    if (achievement.requiresEvidence && !input.evidence?.length) {
      throw problem(
        'evidence-required',
        'evidence',
        `"${achievement.key}" needs at least one evidence item`,
        { code: 'evidence-required', params: { key: achievement.key } },
      );
    }
    const language = input.lang ?? DEFAULT_LANGUAGE;
    if (!hasLanguage(achievement, language)) {
      throw new ValidationError([
        {
          field: 'lang',
          message: `"${achievement.key}" has no ${language} text for its name, description, criteria or result descriptions`,
          code: 'language-missing',
          params: { key: achievement.key, lang: language },
        },
      ]);
    }
    const problems = resultProblems(input.result ?? [], achievement.resultDescription ?? []);
    if (problems.length > 0) throw new ValidationError(problems);
    const learnerKey = this.learnerKeys.forRecipient(input.recipient);
    await this.#assertPrerequisites(achievement, learnerKey, alsoHeld);
    const issuer = await this.issuers.getAwarding(slug);
    const validFrom = toDateTimeStamp(this.clock());
    const validUntil = earliest(
      input.validUntil,
      achievement.validFor
        ? end(parse(achievement.validFor), new Date(validFrom)).toISOString()
        : undefined,
    );
    if (validUntil !== undefined && Date.parse(validUntil) <= Date.parse(validFrom)) {
      throw problem('invalid-validity-period', 'validUntil', 'must be later than now', {
        code: 'not-in-future',
        params: {},
      });
    }
    return { achievement, language, learnerKey, issuer, validFrom, validUntil };
  }

  /** The unsigned credential an award that passed its checks becomes. */
  async #credentialOf(checked: CheckedAward, input: KeyedAwardInput, uuid: string) {
    return buildOpenBadgeCredential({
      id: `urn:uuid:${uuid}`,
      issuer: this.issuers.profile(checked.issuer),
      achievement: await this.catalog.issuedAchievementDocument(
        checked.achievement,
        checked.language,
      ),
      subject: subjectIdentityFor(input.recipient),
      evidence: input.evidence,
      result: input.result,
      validFrom: checked.validFrom,
      validUntil: checked.validUntil,
    });
  }

  /**
   * What the award would issue, checked as the award is but neither signed nor stored: the
   * console's preview shows it as the learner and an employer will read it.
   */
  async draft(slug: string, input: KeyedAwardInput, actingAs: ActingAs) {
    const checked = await this.check(slug, input, actingAs);
    return this.#credentialOf(checked, input, crypto.randomUUID());
  }

  async awardByKey(
    slug: string,
    input: KeyedAwardInput,
    actingAs: ActingAs,
    options: AwardOptions = {},
  ): Promise<AwardOutcome> {
    const checked = await this.check(slug, input, actingAs);
    const { achievement, language, learnerKey, issuer } = checked;
    const uuid = options.credentialId ?? crypto.randomUUID();
    const credential = await this.#credentialOf(checked, input, uuid);
    const told = {
      recipient: input.recipient,
      ...(options.batchId ? { batchId: options.batchId } : {}),
    };
    await this.tierAwards.expectAward(uuid, learnerKey, achievement.key);
    const issued = await this.issuing.issuePrepared({
      issuer,
      credential,
      format: options.format ?? 'di',
      achievementKey: achievement.key,
      learnerKey,
      language,
      tags: tagsOf(input),
      ...told,
    });
    // Tiers this award completes are issued in its language.
    const stacked = await this.#tiersAfter(issued, learnerKey, achievement.key, {
      language,
      ...told,
    });
    return { issued, stacked };
  }

  /**
   * A new credential for the same achievement and recipient with new dates; awardedDate stays
   * the first award's. The old credential is left to run out.
   */
  async renew(record: CredentialRecord, reason?: string): Promise<AwardOutcome> {
    if (record.origin !== 'issued' || !record.issuerSlug) {
      throw new ConflictError('only credentials issued here can be renewed', 'not-renewable');
    }
    if ((await this.status.stateOf(record)).state === 'revoked') {
      throw new ConflictError('a revoked credential cannot be renewed', 'credential-is-revoked');
    }
    if (record.constituentIds.length > 0) {
      throw new ConflictError(
        'tiers are renewed by renewing what they are built from',
        'not-renewable',
      );
    }
    const original = credentialJson(record);
    const issuer = await this.issuers.get(record.issuerSlug);
    const validFrom = toDateTimeStamp(this.clock());
    const achievement = record.achievementKey
      ? await this.catalog.get(record.achievementKey)
      : undefined;
    const period =
      record.validUntil !== undefined
        ? Date.parse(record.validUntil) - Date.parse(record.validFrom)
        : undefined;
    const validUntil = achievement?.validFor
      ? toDateTimeStamp(end(parse(achievement.validFor), new Date(validFrom)))
      : period !== undefined
        ? toDateTimeStamp(new Date(Date.parse(validFrom) + period))
        : undefined;
    // A renewal is a new credential: its proof and status entries are made afresh.
    const { proof, credentialStatus, ...rest } = original;
    const uuid = crypto.randomUUID();
    const credential = {
      ...rest,
      id: `urn:uuid:${uuid}`,
      issuer: this.issuers.profile(issuer),
      validFrom,
      awardedDate:
        typeof original.awardedDate === 'string' ? original.awardedDate : record.validFrom,
      ...(validUntil ? { validUntil } : {}),
    };
    if (!validUntil) delete (credential as Record<string, unknown>).validUntil;
    if (record.learnerKey && record.achievementKey) {
      await this.tierAwards.expectAward(uuid, record.learnerKey, record.achievementKey);
    }
    const issued = await this.issuing.issuePrepared({
      issuer,
      credential,
      format: record.format,
      ...(record.achievementKey ? { achievementKey: record.achievementKey } : {}),
      ...(record.learnerKey ? { learnerKey: record.learnerKey } : {}),
      // A renewal stays in the cohort and region of what it renews.
      tags: tagsOf(record),
      renewalOf: record.id,
      ...(reason !== undefined ? { renewalReason: reason } : {}),
    });
    const stacked =
      record.learnerKey && record.achievementKey
        ? await this.#tiersAfter(issued, record.learnerKey, record.achievementKey, {
            language: catalogLanguage(achievementOf(original).inLanguage),
          })
        : [];
    return { issued, stacked };
  }
}
