import { bearerToken } from '../auth.js';
import { defineRoute } from '../route.js';

const PROBLEM = { schema: 'problem', contentType: 'application/problem+json' } as const;

export const metricsRoutes = [
  defineRoute({
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary:
      'Prometheus metrics (text format), for the holder of METRICS_TOKEN sent as "Authorization: Bearer <token>"',
    tag: 'Service',
    // Not an API key: the route checks its own token (MetricsAccess), so public to the API's auth.
    access: 'public',
    responses: {
      200: {
        description:
          'Requests and latencies per route, credentials issued and verified, status changes, batch rows, outbox depth by state, wallet offers by state',
        contentType: 'text/plain; version=0.0.4',
      },
      401: { description: 'No metrics token, or not the configured one', ...PROBLEM },
      404: { description: 'Metrics are off: METRICS_TOKEN is not set', ...PROBLEM },
    },
    async handle({ headers }, { metricsAccess }) {
      const metrics = await metricsAccess.scrape(bearerToken(headers.authorization));
      return {
        status: 200,
        body: metrics.text,
        contentType: metrics.contentType,
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  }),
];
