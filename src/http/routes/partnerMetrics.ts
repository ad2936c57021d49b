// Partner metrics: an issuer's numbers over a period, and a partner group's side by side, as
// JSON or (Accept: text/csv, or the .csv path) as CSV.
import type { IncomingHttpHeaders } from 'node:http';
import { ForbiddenError, ValidationError } from '../../core/problems.js';
import {
  groupMetricsCsv,
  isCsvPart,
  issuerMetricsCsv,
  CSV_PARTS,
  type CsvPart,
} from '../../partnerMetrics/metricsCsv.js';
import type { Principal, RouteResponse } from '../route.js';
import { csvDownload } from '../csvDownload.js';
import { defineRoute } from '../route.js';

const PERIOD_HELP =
  '?from=YYYY-MM-DD&to=YYYY-MM-DD (UTC days, both included; default the 30 days up to today); a bad date or from after to is 400 invalid-period';

const wantsCsv = (headers: IncomingHttpHeaders): boolean =>
  /(^|[\s,])text\/csv\b/i.test(headers.accept ?? '');

/** Which table a CSV download holds (?part=); counts when not asked. */
function csvPartOf(query: Record<string, unknown>): CsvPart {
  const part = query.part ?? 'counts';
  if (typeof part !== 'string' || !isCsvPart(part)) {
    throw new ValidationError([
      { field: 'part', message: `must be one of ${CSV_PARTS.join(', ')}` },
    ]);
  }
  return part;
}

const csvResponse = (body: string, filename: string): RouteResponse =>
  csvDownload(body, filename, 'Accept');

const jsonResponse = (body: unknown): RouteResponse => ({
  status: 200,
  body,
  headers: { Vary: 'Accept' },
});

/** The admin sees every group; an issuer's key, the groups it is a partner in. */
function assertMaySeeGroup(principal: Principal | undefined, issuers: readonly string[]): void {
  if (principal?.kind === 'admin') return;
  if (principal?.kind === 'issuer' && issuers.includes(principal.slug)) return;
  throw new ForbiddenError("a partner group's metrics are for the admin and its partners");
}

const issuerMetricsResponses = {
  200: {
    description: 'The metrics (JSON); text/csv when Accept asks for it (see ?part=)',
    schema: 'issuer-metrics',
  },
  400: { description: 'A bad date, or from after to', schema: 'problem' },
};

const groupMetricsResponses = {
  200: {
    description: "Each partner's totals side by side, and the group's; text/csv when asked",
    schema: 'partner-group-metrics',
  },
  400: { description: 'A bad date, or from after to', schema: 'problem' },
};

export const partnerMetricsRoutes = [
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/metrics',
    operationId: 'getIssuerMetrics',
    summary: `Partner metrics of the issuer over a period: issued, e-mails delivered, page views, verifications by others, claimed into wallets, revoked, expired, renewed (in total, per achievement, per day), the tier funnels and the skill map by cohort and region. ${PERIOD_HELP}. Accept: text/csv answers one table as CSV: ?part=counts (default), daily, funnel or skills`,
    tag: 'Partner metrics',
    access: 'issuer',
    scope: 'metrics:read',
    responses: issuerMetricsResponses,
    async handle({ params, query, headers }, { partnerMetrics }) {
      const period = partnerMetrics.period(query.from, query.to);
      const part = wantsCsv(headers) ? csvPartOf(query) : undefined;
      const metrics = await partnerMetrics.ofIssuer(params.slug ?? '', period);
      if (part === undefined) return jsonResponse(metrics);
      return csvResponse(
        issuerMetricsCsv(metrics, part),
        `metrics-${metrics.issuer.slug}-${period.from}-${period.to}-${part}.csv`,
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/metrics.csv',
    operationId: 'getIssuerMetricsCsv',
    summary: `The issuer's partner metrics as CSV, one table: ?part=counts (default: per achievement and a total line), daily, funnel or skills. ${PERIOD_HELP}`,
    tag: 'Partner metrics',
    access: 'issuer',
    scope: 'metrics:read',
    responses: {
      200: { description: 'One table, header first', contentType: 'text/csv' },
      400: { description: 'A bad date, or from after to', schema: 'problem' },
    },
    async handle({ params, query }, { partnerMetrics }) {
      const period = partnerMetrics.period(query.from, query.to);
      const part = csvPartOf(query);
      const metrics = await partnerMetrics.ofIssuer(params.slug ?? '', period);
      return csvResponse(
        issuerMetricsCsv(metrics, part),
        `metrics-${metrics.issuer.slug}-${period.from}-${period.to}-${part}.csv`,
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/partner-groups',
    operationId: 'createPartnerGroup',
    summary: "Define a partner group: a programme's issuers, whose metrics are shown side by side",
    tag: 'Partner metrics',
    access: 'admin',
    requestSchema: 'partner-group-create',
    responses: {
      201: { description: 'The group', schema: 'partner-group' },
      422: { description: 'An issuer named is unknown', schema: 'problem' },
    },
    async handle({ body }, { partnerGroups }) {
      const group = await partnerGroups.create(body);
      return {
        status: 201,
        body: {
          id: group.id,
          name: group.name,
          issuers: group.issuerSlugs,
          createdAt: group.createdAt,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/partner-groups',
    operationId: 'listPartnerGroups',
    summary: 'Every partner group, oldest first',
    tag: 'Partner metrics',
    access: 'admin',
    responses: { 200: { description: 'The groups', schema: 'partner-group-list' } },
    async handle(_request, { partnerGroups }) {
      const groups = await partnerGroups.list();
      return {
        status: 200,
        body: {
          groups: groups.map((group) => ({
            id: group.id,
            name: group.name,
            issuers: group.issuerSlugs,
            createdAt: group.createdAt,
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/partner-groups/:id/metrics',
    operationId: 'getPartnerGroupMetrics',
    summary: `A partner group's metrics over a period, each partner's totals side by side (the admin, or a partner's key). ${PERIOD_HELP}. Accept: text/csv answers CSV`,
    tag: 'Partner metrics',
    access: 'authenticated',
    scope: 'metrics:read',
    responses: groupMetricsResponses,
    async handle({ params, query, headers, principal }, { partnerGroups, partnerMetrics }) {
      const period = partnerMetrics.period(query.from, query.to);
      const group = await partnerGroups.get(params.id ?? '');
      assertMaySeeGroup(principal, group.issuerSlugs);
      const metrics = await partnerGroups.metrics(group.id, period);
      return wantsCsv(headers)
        ? csvResponse(
            groupMetricsCsv(metrics),
            `partner-group-${group.id}-${period.from}-${period.to}.csv`,
          )
        : jsonResponse(metrics);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/partner-groups/:id/metrics.csv',
    operationId: 'getPartnerGroupMetricsCsv',
    summary: `A partner group's metrics as CSV: one line per partner and a total line. ${PERIOD_HELP}`,
    tag: 'Partner metrics',
    access: 'authenticated',
    scope: 'metrics:read',
    responses: {
      200: { description: 'Header first', contentType: 'text/csv' },
      400: { description: 'A bad date, or from after to', schema: 'problem' },
    },
    async handle({ params, query, principal }, { partnerGroups, partnerMetrics }) {
      const period = partnerMetrics.period(query.from, query.to);
      const group = await partnerGroups.get(params.id ?? '');
      assertMaySeeGroup(principal, group.issuerSlugs);
      const metrics = await partnerGroups.metrics(group.id, period);
      return csvResponse(
        groupMetricsCsv(metrics),
        `partner-group-${group.id}-${period.from}-${period.to}.csv`,
      );
    },
  }),
];
