// The partner metrics use case the web layer calls: an issuer's numbers over a period asked in
// query terms, a partner group's side by side, and the counting of page views and verifications.
import type { Clock } from '../core/clock.js';
import type { IssuerMetricsReport } from './issuerMetrics.js';
import type { IssuerMetrics } from './metricsModel.js';
import { parsePeriod, readPeriod, type Period, type PeriodRefusal } from './period.js';

export class PartnerMetrics {
  constructor(
    private readonly report: IssuerMetricsReport,
    private readonly clock: Clock,
  ) {}

  /** from and to as the query gave them (YYYY-MM-DD, both optional); a bad one is a 400. */
  period(from: unknown, to: unknown): Period {
    return parsePeriod(from, to, this.clock());
  }

  /** As period, a bad one answered as its refusals (for a form that says what was wrong). */
  readPeriod(from: unknown, to: unknown): { period: Period } | { refusals: PeriodRefusal[] } {
    return readPeriod(from, to, this.clock());
  }

  async ofIssuer(slug: string, period: Period): Promise<IssuerMetrics> {
    return this.report.of(slug, period);
  }
}
