// Who may read /metrics: only a scraper holding METRICS_TOKEN, a token of its own so the admin
// key never has to sit in a monitoring system's configuration.
import { sameToken } from '../accounts/secretTokens.js';
import { NotFoundError, UnauthenticatedError } from '../core/problems.js';
import type { MetricsText, ServiceMetrics } from './serviceMetrics.js';

export class MetricsAccess {
  constructor(
    private readonly token: string | undefined,
    private readonly metrics: Pick<ServiceMetrics, 'scrape'>,
  ) {}

  /** The metrics text for the holder of the token; `presented` is the bearer token sent, if any. */
  async scrape(presented: string | undefined): Promise<MetricsText> {
    // Off unless configured: without a token there is nobody it could be served to.
    if (this.token === undefined) {
      throw new NotFoundError('metrics are off: set METRICS_TOKEN to serve them');
    }
    if (!sameToken(this.token, presented)) {
      throw new UnauthenticatedError(
        'send the metrics token (METRICS_TOKEN) as "Authorization: Bearer <token>"',
      );
    }
    return this.metrics.scrape();
  }
}
