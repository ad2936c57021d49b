// The console's Award page: one catalog achievement of this issuer (or one described on the
// form) to one recipient, previewed as its page will show it (checked as the award is, neither
// signed nor stored), then issued.
import { BATCH_COLUMNS, type BatchRow } from '../../batches/batchRows.js';
import { isUuid } from '../../core/ids.js';
import type { JsonObject } from '../../core/json.js';
import { NotFoundError, type FieldError } from '../../core/problems.js';
import { displayNameOf } from '../../credentials/fields.js';
import { credentialJson } from '../../credentials/subjectOf.js';
import type { Services } from '../../services.js';
import { renderAwardedPage, renderAwardForm } from '../../pages/console/awardPage.js';
import { readCredentialView, type CredentialView } from '../../pages/credentialView.js';
import { actingAsOf } from '../auth.js';
import { achievementChoices } from '../console/achievementChoices.js';
import { consoleFormBody, consoleHtml, redirectTo } from '../console/consoleRequest.js';
import { consolePage } from '../console/consolePage.js';
import { defineRoute } from '../route.js';

const pageResponses = {
  200: { description: 'The page (text/html)', contentType: 'text/html' },
  303: { description: 'Not signed in: on to the sign-in page' },
  403: { description: 'The role may not award (a viewer)', contentType: 'text/html' },
};

/** The form's fields are a batch row's columns, so the award is checked as a row would be. */
function rowOf(fields: Map<string, string>): BatchRow {
  const row: BatchRow = {};
  for (const column of BATCH_COLUMNS) {
    const value = fields.get(column)?.trim();
    if (value) row[column] = value;
  }
  return row;
}

/** A credential's name and page; a tier may be another issuer's, so it is read as published. */
async function shown(services: Services, uuid: string): Promise<{ name: string; url: string }> {
  const record = await services.issuing.find(uuid);
  return {
    name: displayNameOf(credentialJson(record)) ?? record.achievementKey ?? uuid,
    url: services.issuing.credentialUrl(uuid),
  };
}

const DESCRIBED = ['achievement_name', 'achievement_description', 'achievement_criteria'] as const;

/**
 * An achievement described on the form, when no catalog one is chosen: its three parts are all
 * required (as the award schema has them), each missing one named at its field; described while
 * a catalog one is chosen is refused rather than one of them quietly dropped.
 */
function describedOf(fields: Map<string, string>): {
  values: Record<string, string>;
  inlineAchievement?: JsonObject;
  errors: FieldError[];
} {
  const values: Record<string, string> = {};
  for (const field of DESCRIBED) {
    const value = fields.get(field)?.trim();
    if (value) values[field] = value;
  }
  if (Object.keys(values).length === 0) return { values, errors: [] };
  if (fields.get('achievement')?.trim()) {
    const message =
      'a catalog achievement is chosen and another is described: choose "Describe one below" to award the one described, or clear its fields';
    return {
      values,
      errors: [{ field: 'achievement', message, code: 'achievement-twice', params: {} }],
    };
  }
  const errors: FieldError[] = DESCRIBED.filter((field) => !values[field]).map((field) => ({
    field,
    message: 'is required',
    code: 'required',
    params: {},
  }));
  if (errors.length > 0) return { values, errors };
  return {
    values,
    inlineAchievement: {
      name: values.achievement_name ?? '',
      description: values.achievement_description ?? '',
      criteria: { narrative: values.achievement_criteria ?? '' },
    },
    errors,
  };
}

const uuidsOf = (value: unknown): string[] =>
  typeof value === 'string' ? value.split(',').filter((uuid) => isUuid(uuid)) : [];

export const consoleAwardRoutes = [
  defineRoute({
    method: 'get',
    path: '/console/award',
    operationId: 'getConsoleAward',
    summary:
      'The Award form: a catalog achievement of this issuer or one described, a recipient, evidence, result',
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    handle: consolePage(
      async (signedIn, _request, services) => {
        const { body } = renderAwardForm({
          ...signedIn,
          signedIn: signedIn.frame,
          achievements: await achievementChoices(
            services,
            signedIn.session.issuerSlug,
            signedIn.language,
          ),
          values: {},
          errors: [],
        });
        return consoleHtml(body, signedIn.language);
      },
      { scope: 'awards:write' },
    ),
  }),
  defineRoute({
    method: 'post',
    path: '/console/award',
    operationId: 'consoleAward',
    summary:
      'Issue one credential from the Award form (action=preview: the form again with the credential it would issue, nothing stored); the form again with each mistake explained',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      ...pageResponses,
      422: { description: 'The form again, each mistake explained', contentType: 'text/html' },
    },
    handle: consolePage(
      async (signedIn, _request, services, form) => {
        const slug = signedIn.session.issuerSlug;
        const row = rowOf(form.fields);
        const described = describedOf(form.fields);
        const actingAs = actingAsOf(signedIn.principal);
        const formAgain = async (
          extra: { errors: FieldError[] } | { preview: CredentialView },
          status: number,
        ) => {
          const page = renderAwardForm(
            {
              ...signedIn,
              signedIn: signedIn.frame,
              achievements: await achievementChoices(services, slug, signedIn.language),
              values: { ...row, ...described.values },
              errors: [],
              ...extra,
            },
            status,
          );
          return consoleHtml(page.body, signedIn.language, page.status);
        };
        if (described.errors.length > 0) return formAgain({ errors: described.errors }, 422);
        const single = {
          row,
          ...(described.inlineAchievement
            ? { inlineAchievement: described.inlineAchievement }
            : {}),
        };
        if (form.fields.get('action') === 'preview') {
          const drafted = await services.singleAward.draft(slug, single, actingAs);
          return drafted.ok
            ? formAgain({ preview: readCredentialView(drafted.credential) }, 200)
            : formAgain({ errors: drafted.errors }, 422);
        }
        const result = await services.singleAward.award(slug, single, actingAs);
        if (!result.ok) return formAgain({ errors: result.errors }, 422);
        const { issued, stacked } = result.outcome;
        // Redirected, so reloading the result page cannot issue the credential again.
        const tiers = stacked.map((tier) => tier.uuid).join(',');
        return redirectTo(
          signedIn,
          `/console/award/issued/${issued.uuid}${tiers ? `?stacked=${tiers}` : ''}`,
        );
      },
      { form: true, scope: 'awards:write' },
    ),
  }),
  defineRoute({
    method: 'get',
    path: '/console/award/issued/:uuid',
    operationId: 'getConsoleAwarded',
    summary: 'What the Award form issued: the credential, and tiers it completed, with their pages',
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    handle: consolePage(
      async (signedIn, request, services) => {
        const uuid = request.params.uuid ?? '';
        if (!isUuid(uuid)) throw new NotFoundError(`"${uuid}" is not a credential id (a UUID)`);
        const item = await services.issuerCredentials.one(signedIn.session.issuerSlug, uuid);
        return consoleHtml(
          renderAwardedPage({
            ...signedIn,
            signedIn: signedIn.frame,
            issued: { name: item.name, url: item.url },
            stacked: await Promise.all(
              uuidsOf(request.query.stacked).map((tier) => shown(services, tier)),
            ),
          }),
          signedIn.language,
        );
      },
      { scope: 'awards:write' },
    ),
  }),
];
