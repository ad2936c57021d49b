// The console's Bulk pages: a CSV uploaded or pasted, its dry run with each bad cell explained,
// the confirmation that stores the batch, its progress, and its results file.
import { newSecretToken } from '../../accounts/secretTokens.js';
import { parseCsvRows } from '../../batches/batchRows.js';
import { batchTemplateCsv } from '../../batches/batchTemplate.js';
import type { BatchInput } from '../../batches/batchService.js';
import { resultsCsv } from '../../batches/batchView.js';
import { isUuid } from '../../core/ids.js';
import { NotFoundError, ValidationError } from '../../core/problems.js';
import {
  renderBulkCheckPage,
  renderBulkProgressPage,
  renderBulkUploadPage,
} from '../../pages/console/bulkPages.js';
import { actingAsOf, actorOf } from '../auth.js';
import { achievementChoices, awardableModules } from '../console/achievementChoices.js';
import {
  consoleFormBody,
  consoleHtml,
  redirectTo,
  type ConsoleForm,
  type SignedIn,
} from '../console/consoleRequest.js';
import { consolePage } from '../console/consolePage.js';
import type { Services } from '../../services.js';
import { csvDownload } from '../csvDownload.js';
import { defineRoute } from '../route.js';

const pageResponses = {
  200: { description: 'The page (text/html)', contentType: 'text/html' },
  303: { description: 'Not signed in: on to the sign-in page' },
  403: { description: 'The role may not run batches (a viewer)', contentType: 'text/html' },
};

/** The CSV the form brought: a chosen file wins over the pasted text. */
function csvOf(form: ConsoleForm): string {
  const file = form.files.find((part) => part.field === 'file');
  return (file ? file.bytes.toString('utf8') : (form.fields.get('csv') ?? '')).trim();
}

function inputOf(csv: string): BatchInput {
  if (csv === '')
    throw new ValidationError([
      { field: 'file', message: 'is empty: choose a file or paste rows' },
    ]);
  return { rows: parseCsvRows(csv), format: 'di' };
}

async function uploadPageAgain(
  signedIn: SignedIn,
  services: Services,
  csv: string,
  error: ValidationError,
) {
  const errors = error.extensions.errors;
  const { body, status } = renderBulkUploadPage(
    {
      ...signedIn,
      signedIn: signedIn.frame,
      achievements: await achievementChoices(
        services,
        signedIn.session.issuerSlug,
        signedIn.language,
      ),
      problems: Array.isArray(errors) ? errors : [{ field: 'file', message: error.message }],
      csv,
    },
    422,
  );
  return consoleHtml(body, signedIn.language, status);
}

const batchParam = (params: Record<string, string>): string => {
  const id = params.id ?? '';
  if (!isUuid(id)) throw new NotFoundError(`"${id}" is not a batch id (a UUID)`);
  return id.toLowerCase();
};

/** A session acts for its own issuer only: another issuer's batch is not found here. */
async function ownBatch(signedIn: SignedIn, services: Services, id: string) {
  const view = await services.batches.view(id, actingAsOf(signedIn.principal));
  if (view.issuer !== signedIn.session.issuerSlug) throw new NotFoundError(`no batch ${id}`);
  return view;
}

export const consoleBulkRoutes = [
  defineRoute({
    method: 'get',
    path: '/console/bulk',
    operationId: 'getConsoleBulk',
    summary: 'The Bulk page: upload or paste a CSV to check',
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    handle: consolePage(
      async (signedIn, _request, services) => {
        const { body } = renderBulkUploadPage({
          ...signedIn,
          signedIn: signedIn.frame,
          achievements: await achievementChoices(
            services,
            signedIn.session.issuerSlug,
            signedIn.language,
          ),
        });
        return consoleHtml(body, signedIn.language);
      },
      { scope: 'batches:write' },
    ),
  }),
  defineRoute({
    method: 'get',
    path: '/console/bulk/template.csv',
    operationId: 'getConsoleBulkTemplate',
    summary:
      'A template CSV: every column, and one example row per module this issuer awards that checks as ready (prerequisites first)',
    tag: 'Console',
    access: 'public',
    responses: { 200: { description: 'The template', contentType: 'text/csv' } },
    handle: consolePage(
      async (signedIn, _request, services) => {
        const slug = signedIn.session.issuerSlug;
        return csvDownload(
          batchTemplateCsv(await awardableModules(services, slug), signedIn.language),
          `${slug}-template.csv`,
        );
      },
      { scope: 'batches:write' },
    ),
  }),
  defineRoute({
    method: 'post',
    path: '/console/bulk/check',
    operationId: 'consoleBulkCheck',
    summary: 'Check an uploaded or pasted CSV: every row’s verdict, nothing issued',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      ...pageResponses,
      422: { description: 'The upload again: the file cannot be read', contentType: 'text/html' },
    },
    handle: consolePage(
      async (signedIn, _request, services, form) => {
        const csv = csvOf(form);
        let input: BatchInput;
        try {
          input = inputOf(csv);
          const dryRun = await services.batches.dryRun(
            signedIn.session.issuerSlug,
            input,
            actingAsOf(signedIn.principal),
          );
          return consoleHtml(
            renderBulkCheckPage({
              ...signedIn,
              signedIn: signedIn.frame,
              csv,
              rows: input.rows,
              dryRun,
              submission: newSecretToken(),
            }),
            signedIn.language,
          );
        } catch (error) {
          if (error instanceof ValidationError)
            return uploadPageAgain(signedIn, services, csv, error);
          throw error;
        }
      },
      { form: true, scope: 'batches:write' },
    ),
  }),
  defineRoute({
    method: 'post',
    path: '/console/bulk/confirm',
    operationId: 'consoleBulkConfirm',
    summary: 'Run a checked CSV as a batch; a second click of the same form gives the same batch',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: pageResponses,
    handle: consolePage(
      async (signedIn, _request, services, form) => {
        const slug = signedIn.session.issuerSlug;
        const csv = csvOf(form);
        try {
          const input = inputOf(csv);
          const accepted = await services.idempotency.run(
            `console-batch:${slug}`,
            form.fields.get('submission') || undefined,
            { csv },
            async (batchId) => ({
              status: 202,
              body: await services.batches.accept(
                slug,
                input,
                actorOf(signedIn.principal),
                batchId,
              ),
            }),
            async (batchId) => {
              const accepted = await services.batches.acceptedIfPresent(slug, batchId);
              return accepted && { status: 202, body: accepted };
            },
          );
          const { id } = accepted.body as { id: string };
          return redirectTo(signedIn, `/console/bulk/${id}`);
        } catch (error) {
          if (error instanceof ValidationError)
            return uploadPageAgain(signedIn, services, csv, error);
          throw error;
        }
      },
      { form: true, scope: 'batches:write' },
    ),
  }),
  defineRoute({
    method: 'get',
    path: '/console/bulk/:id',
    operationId: 'getConsoleBatch',
    summary: 'A batch’s progress, refreshing itself until done, then its results',
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    handle: consolePage(
      async (signedIn, request, services) => {
        const batch = await ownBatch(signedIn, services, batchParam(request.params));
        return consoleHtml(
          renderBulkProgressPage({ ...signedIn, signedIn: signedIn.frame, batch }),
          signedIn.language,
        );
      },
      { scope: 'batches:write' },
    ),
  }),
  defineRoute({
    method: 'get',
    path: '/console/bulk/:id/results.csv',
    operationId: 'getConsoleBatchResults',
    summary: 'A batch’s results as CSV, as GET /batches/{id}/results.csv gives them',
    tag: 'Console',
    access: 'public',
    responses: { 200: { description: 'One line per row', contentType: 'text/csv' } },
    handle: consolePage(
      async (signedIn, request, services) => {
        const view = await ownBatch(signedIn, services, batchParam(request.params));
        return {
          status: 200,
          contentType: 'text/csv; charset=utf-8',
          headers: { 'Content-Disposition': `attachment; filename="batch-${view.id}.csv"` },
          body: resultsCsv(view),
        };
      },
      { scope: 'batches:write' },
    ),
  }),
];
