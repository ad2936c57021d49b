import type { CatalogService } from '../catalog/catalogService.js';
import { NotFoundError } from '../core/problems.js';
import type { CredentialRecord } from '../store/port.js';
import type { ActingAs } from '../core/actingAs.js';
import { awardsTier } from './actingAs.js';
import { evaluateRule, type Shortfall } from './evaluateRule.js';
import { countsToward, type LearnerHoldings } from './learnerHoldings.js';

/** What an issuer is told about a constituent another issuer issued: that it exists, not its id. */
export interface ConstituentFromElsewhere {
  achievement: string;
  heldFrom: 'another issuer';
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
  /** What is missing as values, for a page to word in its language (not in the API). */
  shortfalls: Shortfall[];
  /** The learner's valid copy of this tier, if there is one. */
  held?: string;
}

/** Issued here by this issuer; imports are other issuers' credentials whoever recorded them. */
const issuedBy = (record: CredentialRecord, slug: string): boolean =>
  record.origin === 'issued' && record.issuerSlug === slug;

export class LearnerProgress {
  constructor(
    private readonly catalog: CatalogService,
    private readonly holdings: LearnerHoldings,
  ) {}

  /**
   * Per tier: met or not, with which credentials. An issuer sees only the tiers it awards, of a
   * learner it has issued to, and other issuers' credentials only as achievements, never by id.
   */
  async of(learnerKey: string, actingAs: ActingAs): Promise<TierProgress[]> {
    const held = await this.holdings.heldBy(learnerKey);
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
      tiers.map((tier) => this.holdings.holdings(held.filter(countsToward(tier)))),
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
        shortfalls: evaluation.shortfalls,
        ...(copy ? { held: `urn:uuid:${copy.record.id}` } : {}),
      };
    });
  }
}
