// Partner groups: issuers an admin puts side by side (an NGO, a college and an employer running
// one programme), and their metrics over a period.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { NotFoundError, UnprocessableError } from '../core/problems.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type { PartnerGroupRecord, PartnerMetricsStore } from '../store/port.js';
import { sumCounts, type IssuerMetricsReport } from './issuerMetrics.js';
import type { PartnerGroupMetrics } from './metricsModel.js';
import type { Period } from './period.js';

export interface PartnerGroupInput {
  name: string;
  issuers: string[];
}

export class PartnerGroups {
  constructor(
    private readonly store: Pick<
      PartnerMetricsStore,
      'insertPartnerGroup' | 'findPartnerGroup' | 'listPartnerGroups'
    >,
    private readonly issuers: Pick<IssuerService, 'get'>,
    private readonly report: IssuerMetricsReport,
    private readonly clock: Clock,
  ) {}

  /** Every issuer named must exist (422 unknown-issuer naming it); a group is made once. */
  async create(input: PartnerGroupInput): Promise<PartnerGroupRecord> {
    const slugs = [...new Set(input.issuers)];
    for (const [index, slug] of slugs.entries()) {
      try {
        await this.issuers.get(slug);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        throw new UnprocessableError('unknown-issuer', `issuers[${index}]: no issuer "${slug}"`, {
          errors: [{ field: `issuers[${index}]`, message: `no issuer "${slug}"` }],
        });
      }
    }
    const group: PartnerGroupRecord = {
      id: randomUUID(),
      name: input.name,
      issuerSlugs: slugs,
      createdAt: this.clock().toISOString(),
    };
    await this.store.insertPartnerGroup(group);
    return group;
  }

  async list(): Promise<PartnerGroupRecord[]> {
    return this.store.listPartnerGroups();
  }

  /** The groups the issuer is a partner in, oldest first. */
  async ofIssuer(slug: string): Promise<PartnerGroupRecord[]> {
    return (await this.store.listPartnerGroups()).filter((group) =>
      group.issuerSlugs.includes(slug),
    );
  }

  async get(id: string): Promise<PartnerGroupRecord> {
    const group = await this.store.findPartnerGroup(id);
    if (!group) throw new NotFoundError(`no partner group "${id}"`);
    return group;
  }

  async metrics(id: string, period: Period): Promise<PartnerGroupMetrics> {
    const group = await this.get(id);
    const partners = await Promise.all(
      group.issuerSlugs.map(async (slug) => {
        const { issuer, totals } = await this.report.of(slug, period);
        return { issuer, totals };
      }),
    );
    return {
      group: { id: group.id, name: group.name, issuers: group.issuerSlugs },
      period,
      totals: sumCounts(partners.map((partner) => partner.totals)),
      partners,
    };
  }
}
