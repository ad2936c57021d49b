// The console's partner metrics: the page for a period (a bad date is said on the form, with
// the page's status 400), each of its tables as CSV, and each partner group's side by side.
// The numbers are the API's own (GET /issuers/{slug}/metrics); viewers see them too.
import { NotFoundError, ValidationError } from '../../core/problems.js';
import {
  CSV_PARTS,
  groupMetricsCsv,
  issuerMetricsCsv,
  isCsvPart,
  type CsvPart,
} from '../../partnerMetrics/metricsCsv.js';
import type { PeriodRefusal } from '../../partnerMetrics/period.js';
import {
  consoleTranslate,
  type ConsoleTranslate,
} from '../../pages/console/i18n/consoleMessages.js';
import { renderMetricsPage } from '../../pages/console/metricsPage.js';
import { consoleHtml } from '../console/consoleRequest.js';
import { consolePage } from '../console/consolePage.js';
import { csvDownload } from '../csvDownload.js';
import { defineRoute } from '../route.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function refusalText(t: ConsoleTranslate, refusal: PeriodRefusal): string {
  switch (refusal.reason) {
    case 'not-a-date':
      return t('metrics.badDate');
    case 'after-to':
      return t('metrics.afterTo', { to: refusal.to });
    case 'too-long':
      return t('metrics.tooLong', { max: refusal.maxDays });
  }
}

const csvResponses = {
  200: { description: 'One table, header first', contentType: 'text/csv' },
  303: { description: 'Not signed in: on to the sign-in page' },
  400: { description: 'A bad date: a page that says so', contentType: 'text/html' },
  422: { description: 'No such table (?part=): a page that says so', contentType: 'text/html' },
};

export const consoleMetricsRoutes = [
  defineRoute({
    method: 'get',
    path: '/console/metrics',
    operationId: 'getConsoleMetrics',
    summary:
      'Partner metrics of this issuer over a period (?from=&to=, UTC days): totals, per achievement, day by day, tier funnels and the skill map as SVG charts with their tables, and the partner groups it belongs to side by side',
    tag: 'Console',
    access: 'public',
    responses: {
      200: { description: 'The page (text/html)', contentType: 'text/html' },
      303: { description: 'Not signed in: on to the sign-in page' },
      400: { description: 'The period was refused: the form says why', contentType: 'text/html' },
    },
    handle: consolePage(
      async (signedIn, request, services) => {
        const t = consoleTranslate(signedIn.language);
        const fields = { from: text(request.query.from), to: text(request.query.to) };
        const base = {
          language: signedIn.language,
          basePath: signedIn.basePath,
          signedIn: signedIn.frame,
          fields,
        };
        const read = services.partnerMetrics.readPeriod(fields.from, fields.to);
        if (!('period' in read)) {
          const fieldErrors = Object.fromEntries(
            read.refusals.map((refusal) => [refusal.field, refusalText(t, refusal)]),
          );
          return consoleHtml(
            renderMetricsPage({ ...base, fieldErrors, groups: [] }),
            signedIn.language,
            400,
          );
        }
        const { period } = read;
        const slug = signedIn.session.issuerSlug;
        const metrics = await services.partnerMetrics.ofIssuer(slug, period);
        const groups = await Promise.all(
          (await services.partnerGroups.ofIssuer(slug)).map((group) =>
            services.partnerGroups.metrics(group.id, period),
          ),
        );
        return consoleHtml(
          renderMetricsPage({ ...base, fields: period, fieldErrors: {}, metrics, groups }),
          signedIn.language,
        );
      },
      { scope: 'metrics:read' },
    ),
  }),
  defineRoute({
    method: 'get',
    path: '/console/metrics.csv',
    operationId: 'getConsoleMetricsCsv',
    summary:
      "One table of this issuer's partner metrics as CSV, as GET /issuers/{slug}/metrics.csv: ?part=counts, daily, funnel or skills, ?from=&to=",
    tag: 'Console',
    access: 'public',
    responses: csvResponses,
    handle: consolePage(
      async (signedIn, request, services) => {
        const period = services.partnerMetrics.period(request.query.from, request.query.to);
        const part = text(request.query.part) || 'counts';
        if (!isCsvPart(part)) {
          throw new ValidationError([
            { field: 'part', message: `must be one of ${CSV_PARTS.join(', ')}` },
          ]);
        }
        const metrics = await services.partnerMetrics.ofIssuer(signedIn.session.issuerSlug, period);
        return csvDownload(
          issuerMetricsCsv(metrics, part satisfies CsvPart),
          `metrics-${metrics.issuer.slug}-${period.from}-${period.to}-${part}.csv`,
        );
      },
      { scope: 'metrics:read' },
    ),
  }),
  defineRoute({
    method: 'get',
    path: '/console/partner-groups/:id/metrics.csv',
    operationId: 'getConsolePartnerGroupMetricsCsv',
    summary:
      'A partner group this issuer is in, each partner on a line and a total line, as CSV (?from=&to=)',
    tag: 'Console',
    access: 'public',
    responses: {
      ...csvResponses,
      404: { description: 'Not a group of this issuer', contentType: 'text/html' },
    },
    handle: consolePage(
      async (signedIn, request, services) => {
        const period = services.partnerMetrics.period(request.query.from, request.query.to);
        const id = request.params.id ?? '';
        const own = await services.partnerGroups.ofIssuer(signedIn.session.issuerSlug);
        // Another programme's group is not shown to this issuer, so it is not found here either.
        if (!own.some((group) => group.id === id)) {
          throw new NotFoundError(`no partner group "${id}" of this issuer`);
        }
        const metrics = await services.partnerGroups.metrics(id, period);
        return csvDownload(
          groupMetricsCsv(metrics),
          `partner-group-${id}-${period.from}-${period.to}.csv`,
        );
      },
      { scope: 'metrics:read' },
    ),
  }),
];
