import type { RouteResponse } from './route.js';

/**
 * A CSV file the browser saves under `filename` rather than shows. `vary` names the request
 * headers the answer was chosen by (a route that also answers JSON by Accept says so to caches).
 */
export const csvDownload = (body: string, filename: string, vary?: string): RouteResponse => ({
  status: 200,
  contentType: 'text/csv; charset=utf-8',
  headers: {
    'Content-Disposition': `attachment; filename="${filename}"`,
    ...(vary === undefined ? {} : { Vary: vary }),
  },
  body,
});
