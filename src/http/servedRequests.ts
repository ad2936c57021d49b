import type { Request, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../metrics/serviceMetrics.js';
import { requestIdOf } from './requestIds.js';

/** What no route matched (a 404, or a refusal before routing) is one label, not its path. */
const UNMATCHED = '(unmatched)';

/** The template of the route that answered (`/c/:uuid`), so no id ever becomes a label. */
function routeOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? route : UNMATCHED;
}

/** Each answered request is counted and timed per route, and logged as one line. */
export function servedRequests(metrics: ServiceMetrics, logger: Logger): RequestHandler {
  return (req, res, next) => {
    // A monotonic timer, not the clock: a duration must not jump when the wall clock is set.
    const started = process.hrtime.bigint();
    res.on('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      const status = res.statusCode;
      metrics.requestServed({ method: req.method, route, status, seconds });
      // 'close' may fire outside the request's context, so its id is named here.
      logger.info(
        {
          requestId: requestIdOf(res),
          method: req.method,
          route,
          status,
          ms: Math.round(seconds * 1000),
        },
        res.writableFinished ? 'request served' : 'request ended before its response',
      );
    });
    next();
  };
}
