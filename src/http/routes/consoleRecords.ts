// The console's record pages: Credentials (search, one credential, renewal, one status action on
// a selection), Learners (one learner's credentials and tier progress) and Catalog (what this
// issuer awards, its rules in words, levels and endorsements). Viewers read them all; only
// roles with the API's scopes act.
import { isUuid } from '../../core/ids.js';
import { NotFoundError, ValidationError } from '../../core/problems.js';
import { scopesOfRole } from '../../core/roles.js';
import type { StatusAction } from '../../core/credentialState.js';
import type { TierProgress } from '../../stacking/progress.js';
import { renderCatalogPage, type CatalogEntry } from '../../pages/console/catalogPage.js';
import { renderCredentialDetailPage } from '../../pages/console/credentialDetailPage.js';
import {
  SELECTION_ACTIONS,
  renderCredentialSearchPage,
  type CredentialSearchModel,
} from '../../pages/console/credentialSearchPage.js';
import { consoleTranslate } from '../../pages/console/i18n/consoleMessages.js';
import { renderLearnersPage, type LearnersModel } from '../../pages/console/learnersPage.js';
import type { Services } from '../../services.js';
import { actingAsOf, actorOf } from '../auth.js';
import { readSearch } from '../console/credentialSearchForm.js';
import {
  consoleFormBody,
  consoleHtml,
  redirectTo,
  type SignedIn,
} from '../console/consoleRequest.js';
import { consolePage } from '../console/consolePage.js';
import { achievementNames, searchChoices } from '../console/recordChoices.js';
import { defineRoute, type RouteRequest } from '../route.js';
import { uuidParam } from '../uuidParam.js';

/** Credentials a search page shows at once. */
export const CREDENTIALS_PER_PAGE = 25;
const MAX_REASON_LENGTH = 1000;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const pageResponses = {
  200: { description: 'The page (text/html)', contentType: 'text/html' },
  303: { description: 'Not signed in: on to the sign-in page' },
};

const formResponses = {
  303: { description: 'Done: on to the page that shows it' },
  403: {
    description: 'The role may not do this (a viewer), or the form token is missing or wrong',
    contentType: 'text/html',
  },
};

const uuidOf = (params: Record<string, string>): string => uuidParam(params.uuid);

const may = (signedIn: SignedIn, scope: 'status:write' | 'awards:write'): boolean =>
  scopesOfRole(signedIn.session.role).includes(scope);

const count = (value: unknown): number => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
};

/** The Credentials page for a query string, with what a refused selection form said. */
async function searchPage(
  signedIn: SignedIn,
  query: Record<string, unknown>,
  services: Services,
  extra: Partial<CredentialSearchModel> = {},
): Promise<CredentialSearchModel> {
  const slug = signedIn.session.issuerSlug;
  const t = consoleTranslate(signedIn.language);
  const choices = await searchChoices(services, slug, signedIn.language, t);
  const read = readSearch(query, choices, services.learnerKeys, t);
  const refused = Object.keys(read.fieldErrors).length > 0;
  const page = refused
    ? { items: [] }
    : await services.issuerCredentials.search(
        slug,
        read.search,
        CREDENTIALS_PER_PAGE,
        actingAsOf(signedIn.principal),
      );
  const changed = page.items.find((item) => item.id === query.changed);
  const done = SELECTION_ACTIONS.find((action) => action === query.done);
  return {
    language: signedIn.language,
    basePath: signedIn.basePath,
    signedIn: signedIn.frame,
    fields: read.fields,
    fieldErrors: read.fieldErrors,
    ...choices,
    page,
    later: read.search.after !== undefined,
    mayChange: may(signedIn, 'status:write'),
    ...(changed ? { changed } : {}),
    ...(done
      ? { done: { action: done, changed: count(query.changed), refused: count(query.refused) } }
      : {}),
    ...extra,
  };
}

const queryOf = (search: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(search));

async function learnersModel(
  signedIn: SignedIn,
  request: RouteRequest<unknown>,
  services: Services,
): Promise<LearnersModel> {
  const t = consoleTranslate(signedIn.language);
  const names = await achievementNames(services, signedIn.language);
  const email = typeof request.query.email === 'string' ? request.query.email.trim() : '';
  const base = {
    language: signedIn.language,
    basePath: signedIn.basePath,
    signedIn: signedIn.frame,
    email,
    nameOf: (key: string) => names.get(key) ?? key,
  };
  if (email === '') return base;
  if (!EMAIL.test(email)) return { ...base, emailError: t('search.badEmail') };
  const slug = signedIn.session.issuerSlug;
  const learnerKey = services.learnerKeys.forRecipient({ email });
  const actingAs = actingAsOf(signedIn.principal);
  let tiers: TierProgress[];
  try {
    tiers = await services.progress.of(learnerKey, actingAs);
  } catch (error) {
    // The same answer whether the address is unknown or known only to other issuers.
    if (error instanceof NotFoundError) return { ...base, found: 'unknown' };
    throw error;
  }
  const { items } = await services.issuerCredentials.search(slug, { learnerKey }, 100, actingAs);
  return { ...base, found: { credentials: items, tiers } };
}

async function catalogEntries(signedIn: SignedIn, services: Services): Promise<CatalogEntry[]> {
  const language = signedIn.language;
  const frameworks = services.frameworks.list();
  const own = (await services.catalog.list()).filter(
    (achievement) => achievement.issuer === signedIn.session.issuerSlug,
  );
  return Promise.all(
    own.map(async (achievement) => {
      const mappings = await services.mappings.list({ achievement: achievement.key });
      const endorsements = await services.endorsements.list({ achievement: achievement.key });
      return {
        key: achievement.key,
        name: achievement.name[language] ?? achievement.name.en,
        kind: achievement.kind,
        criteria: achievement.criteria[language] ?? achievement.criteria.en,
        ...(achievement.rule !== undefined ? { rule: achievement.rule } : {}),
        ...(achievement.prerequisites !== undefined
          ? { prerequisites: achievement.prerequisites }
          : {}),
        ...(achievement.validFor ? { validFor: achievement.validFor } : {}),
        mappings: mappings.map((mapping) => {
          const framework = frameworks.find((f) => f.key === mapping.framework);
          const level = framework?.levels.find((l) => l.id === mapping.level.id);
          return {
            framework: framework?.name[language] ?? mapping.framework,
            code: mapping.level.code,
            level: level?.name[language] ?? mapping.level.name,
            state: mapping.state,
            registrar: mapping.registrar,
          };
        }),
        endorsements: await Promise.all(
          endorsements.map(async (endorsement) => ({
            endorser: (await services.issuers.get(endorsement.endorser)).name,
            url: endorsement.url,
            createdAt: endorsement.createdAt,
            state: endorsement.state,
          })),
        ),
      };
    }),
  );
}

export const consoleRecordRoutes = [
  defineRoute({
    method: 'get',
    path: '/console/credentials',
    operationId: 'getConsoleCredentials',
    summary:
      "This issuer's credentials, newest first, searched by learner e-mail (its keyed hash), achievement, batch, state and issued dates, a page at a time",
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    handle: consolePage(async (signedIn, request, services) =>
      consoleHtml(
        renderCredentialSearchPage(await searchPage(signedIn, request.query, services)),
        signedIn.language,
      ),
    ),
  }),
  defineRoute({
    method: 'post',
    path: '/console/credentials/selection',
    operationId: 'changeConsoleSelection',
    summary:
      'Revoke, suspend or reinstate the ticked credentials with one reason, through the bulk status change; back to the same search',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      ...formResponses,
      422: {
        description: 'The search again, saying what was missing',
        contentType: 'text/html',
      },
    },
    handle: consolePage(
      async (signedIn, _request, services, form) => {
        const t = consoleTranslate(signedIn.language);
        const search = form.fields.get('search') ?? '';
        const ids = (form.lists.get('credential') ?? []).filter((id) => isUuid(id));
        const action = SELECTION_ACTIONS.find(
          (allowed): allowed is StatusAction => allowed === form.fields.get('action'),
        );
        const reason = (form.fields.get('reason') ?? '').trim();
        const problems = [
          ...(ids.length === 0 ? [t('selection.none')] : []),
          ...(action ? [] : [`${t('selection.action')}: ${t('form.choose')}`]),
          ...(reason === '' || reason.length > MAX_REASON_LENGTH
            ? [`${t('status.reason')}: ${t('form.reasonLength', { max: MAX_REASON_LENGTH })}`]
            : []),
        ];
        if (!action || problems.length > 0) {
          const model = await searchPage(signedIn, queryOf(search), services, {
            selectionProblems: problems,
            reason,
          });
          return consoleHtml(renderCredentialSearchPage(model), signedIn.language, 422);
        }
        const outcomes = await services.bulkStatus.change(
          { credentialIds: ids, action, reason },
          actingAsOf(signedIn.principal),
          actorOf(signedIn.principal),
        );
        const changed = outcomes.filter((outcome) => outcome.changed).length;
        const back = new URLSearchParams(search);
        back.delete('after');
        back.set('done', action);
        back.set('changed', String(changed));
        back.set('refused', String(outcomes.length - changed));
        return redirectTo(signedIn, `/console/credentials?${back.toString()}`);
      },
      { form: true, scope: 'status:write' },
    ),
  }),
  defineRoute({
    method: 'get',
    path: '/console/credentials/:uuid',
    operationId: 'getConsoleCredential',
    summary:
      'One credential of this issuer: its dates, state, status history and public page, and (to those who award) its wallet offers',
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    handle: consolePage(async (signedIn, request, services) => {
      const slug = signedIn.session.issuerSlug;
      const uuid = uuidOf(request.params);
      const item = await services.issuerCredentials.one(slug, uuid);
      const names = await achievementNames(services, signedIn.language);
      const achievementName = item.achievementKey ? names.get(item.achievementKey) : undefined;
      return consoleHtml(
        renderCredentialDetailPage({
          language: signedIn.language,
          basePath: signedIn.basePath,
          signedIn: signedIn.frame,
          item,
          ...(achievementName ? { achievementName } : {}),
          documentUrl: `${signedIn.basePath}/credentials/${uuid}`,
          history: await services.issuerCredentials.history(slug, uuid),
          mayChange: may(signedIn, 'status:write'),
          mayRenew: may(signedIn, 'awards:write'),
          renewed: request.query.renewed === '1',
          ...(may(signedIn, 'awards:write')
            ? { offers: await services.walletOffers.list(uuid, actingAsOf(signedIn.principal)) }
            : {}),
        }),
        signedIn.language,
      );
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/console/credentials/:uuid/renew',
    operationId: 'renewConsoleCredential',
    summary:
      'Renew one credential as POST /credentials/{uuid}/renew does: a new one with new dates, on to its page',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      ...formResponses,
      409: {
        description: 'Revoked credentials and tiers cannot be renewed',
        contentType: 'text/html',
      },
    },
    handle: consolePage(
      async (signedIn, request, services, form) => {
        const uuid = uuidOf(request.params);
        await services.issuerCredentials.one(signedIn.session.issuerSlug, uuid);
        const reason = form.fields.get('reason')?.trim() ?? '';
        // Said on the form; the API leaves the reason optional for clients that never sent one.
        if (reason === '') {
          throw new ValidationError([{ field: 'reason', message: 'says why it is renewed' }]);
        }
        const { issued } = await services.awards.renew(await services.issuing.find(uuid), reason);
        return redirectTo(signedIn, `/console/credentials/${issued.record.id}?renewed=1`);
      },
      { form: true, scope: 'awards:write' },
    ),
  }),
  defineRoute({
    method: 'get',
    path: '/console/learners',
    operationId: 'getConsoleLearner',
    summary:
      "One learner (?email=): this issuer's credentials of theirs and their progress toward every tier it awards",
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    handle: consolePage(async (signedIn, request, services) =>
      consoleHtml(
        renderLearnersPage(await learnersModel(signedIn, request, services)),
        signedIn.language,
      ),
    ),
  }),
  defineRoute({
    method: 'get',
    path: '/console/catalog',
    operationId: 'getConsoleCatalog',
    summary:
      "This issuer's achievements and tier rules in words, with their framework levels and endorsements",
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    handle: consolePage(async (signedIn, _request, services) => {
      const names = await achievementNames(services, signedIn.language);
      return consoleHtml(
        renderCatalogPage({
          language: signedIn.language,
          basePath: signedIn.basePath,
          signedIn: signedIn.frame,
          entries: await catalogEntries(signedIn, services),
          nameOf: (key) => names.get(key) ?? key,
        }),
        signedIn.language,
      );
    }),
  }),
];
