import { isUuid } from '../../core/ids.js';
import { NotFoundError, ValidationError } from '../../core/problems.js';
import { jsonRows, parseCsvRows } from '../../batches/batchRows.js';
import type { BatchInput } from '../../batches/batchService.js';
import { resultsCsv } from '../../batches/batchView.js';
import { actingAsOf, actorOf } from '../auth.js';
import { batchEvents } from '../batchEvents.js';
import type { BatchCreate } from '../requestBodies.js';
import { defineRoute, type RawBody } from '../route.js';
import { idempotencyHeader } from './credentials.js';

function formatOf(query: Record<string, unknown>): 'di' | 'jwt' {
  const format = query.format ?? 'di';
  if (format !== 'di' && format !== 'jwt') {
    throw new ValidationError([{ field: 'format', message: 'must be "di" or "jwt"' }]);
  }
  return format;
}

function dryRunOf(query: Record<string, unknown>): boolean {
  const value = query.dryRun ?? 'false';
  if (value !== 'true' && value !== 'false') {
    throw new ValidationError([{ field: 'dryRun', message: 'must be "true" or "false"' }]);
  }
  return value === 'true';
}

/** A CSV file or a JSON body, read into the rows the batch use case takes. */
function batchInputOf(
  body: BatchCreate | undefined,
  rawBody: RawBody | undefined,
  query: Record<string, unknown>,
): BatchInput {
  if (rawBody) {
    return { rows: parseCsvRows(rawBody.bytes.toString('utf8')), format: formatOf(query) };
  }
  const { rows = [], achievement, format = 'di' } = body ?? {};
  return {
    rows: jsonRows(rows as Array<Record<string, string>>, achievement !== undefined),
    ...(achievement ? { achievement } : {}),
    format,
  };
}

const batchId = (params: Record<string, string>): string => {
  const id = params.id ?? '';
  if (!isUuid(id)) throw new NotFoundError(`"${id}" is not a batch id (a UUID)`);
  return id.toLowerCase();
};

export const batchRoutes = [
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/batches',
    operationId: 'createBatch',
    summary:
      'Award many at once from a CSV file (header row: recipient, achievement, evidence_name, evidence_narrative, evidence_url, result, lang, valid_until, cohort, region) or JSON rows; ?dryRun=true checks every row and issues nothing',
    tag: 'Issuing',
    access: 'issuer',
    scope: 'batches:write',
    requestSchema: 'batch-create',
    rawBody: { mediaTypes: ['text/csv'], limit: (config) => config.batchMaxBytes },
    jsonLimit: (config) => config.batchMaxBytes,
    headers: [idempotencyHeader],
    responses: {
      200: { description: 'The dry run: every row’s verdict', schema: 'batch-dry-run' },
      202: {
        description: 'Stored and running in the background; follow it at GET /batches/{id}',
        schema: 'batch-accepted',
      },
      409: {
        description: 'A request with the same Idempotency-Key is still running',
        schema: 'problem',
      },
    },
    async handle({ params, body, rawBody, query, headers, principal }, services) {
      const slug = params.slug ?? '';
      const input = batchInputOf(body, rawBody, query);
      if (dryRunOf(query)) {
        return {
          status: 200,
          body: await services.batches.dryRun(slug, input, actingAsOf(principal)),
        };
      }
      const key =
        typeof headers['idempotency-key'] === 'string' ? headers['idempotency-key'] : undefined;
      const request = rawBody
        ? { csv: rawBody.bytes.toString('utf8'), format: input.format }
        : body;
      return services.idempotency.run(
        `batch:${slug}`,
        key,
        request,
        async (batchId) => ({
          status: 202,
          body: await services.batches.accept(slug, input, actorOf(principal), batchId),
        }),
        async (batchId) => {
          const accepted = await services.batches.acceptedIfPresent(slug, batchId);
          return accepted && { status: 202, body: accepted };
        },
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/batches',
    operationId: 'listBatches',
    summary: "The issuer's batches, newest first, with their counts",
    tag: 'Issuing',
    access: 'issuer',
    scope: 'batches:write',
    responses: { 200: { description: 'Newest first, at most 50', schema: 'batch-list' } },
    async handle({ params }, { batches }) {
      return { status: 200, body: { batches: await batches.list(params.slug ?? '') } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/batches/:id',
    operationId: 'getBatch',
    summary:
      'A batch: its state, counts and every row’s outcome (credential and page, or the errors)',
    tag: 'Issuing',
    access: 'authenticated',
    scope: 'batches:write',
    responses: { 200: { description: 'The batch as it stands', schema: 'batch-view' } },
    async handle({ params, principal }, { batches }) {
      return { status: 200, body: await batches.view(batchId(params), actingAsOf(principal)) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/batches/:id/events',
    operationId: 'streamBatchEvents',
    summary:
      'A batch’s progress as Server-Sent Events: `row` (in row order, id = row number; Last-Event-ID resumes), `progress` counts, then `completed`',
    tag: 'Issuing',
    access: 'authenticated',
    scope: 'batches:write',
    responses: {
      200: {
        description: 'An event stream that ends after completed',
        contentType: 'text/event-stream',
      },
    },
    async handle({ params, principal, headers }, services) {
      const actingAs = actingAsOf(principal);
      const first = await services.batches.view(batchId(params), actingAs);
      const lastEventId = Number(headers['last-event-id'] ?? 0);
      return {
        status: 200,
        contentType: 'text/event-stream',
        headers: { 'Cache-Control': 'no-store' },
        body: undefined,
        stream: batchEvents(
          services,
          first,
          actingAs,
          Number.isInteger(lastEventId) ? lastEventId : 0,
        ),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/batches/:id/results.csv',
    operationId: 'getBatchResults',
    summary: 'Every row of a batch with its outcome, credential id, page URL and errors, as CSV',
    tag: 'Issuing',
    access: 'authenticated',
    scope: 'batches:write',
    responses: { 200: { description: 'One line per row, header first', contentType: 'text/csv' } },
    async handle({ params, principal }, { batches }) {
      const view = await batches.view(batchId(params), actingAsOf(principal));
      return {
        status: 200,
        contentType: 'text/csv',
        headers: { 'Content-Disposition': `attachment; filename="batch-${view.id}.csv"` },
        body: resultsCsv(view),
      };
    },
  }),
];
