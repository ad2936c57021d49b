// The console's Home page, and the status change of one credential.
import type { StatusAction } from '../../core/credentialState.js';
import { scopesOfRole } from '../../core/roles.js';
import { renderHomePage } from '../../pages/console/homePage.js';
import { actionsFrom, renderStatusForm } from '../../pages/console/credentialsPages.js';
import { consoleTranslate } from '../../pages/console/i18n/consoleMessages.js';
import { actorOf } from '../auth.js';
import { consoleFormBody, consoleHtml, redirectTo } from '../console/consoleRequest.js';
import { consolePage } from '../console/consolePage.js';
import { homeWeek } from '../console/homeAttention.js';
import { defineRoute } from '../route.js';
import { uuidParam } from '../uuidParam.js';

const HOME_CREDENTIALS = 5;
const HOME_BATCHES = 10;
const MAX_REASON_LENGTH = 1000;

const pageResponses = {
  200: { description: 'The page (text/html)', contentType: 'text/html' },
  303: { description: 'Not signed in: on to the sign-in page' },
};

const credentialParam = (params: Record<string, string>): string => uuidParam(params.uuid);

export const consolePageRoutes = [
  defineRoute({
    method: 'get',
    path: '/console',
    operationId: 'getConsoleHome',
    summary:
      "The console's home: this week's partner metrics, the learner e-mails and (for owners) webhooks that failed, this issuer's latest credentials and its batches",
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    handle: consolePage(async (signedIn, _request, services) => {
      const { issuerSlug: slug, role } = signedIn.session;
      const mayBatch = scopesOfRole(role).includes('batches:write');
      return consoleHtml(
        renderHomePage({
          ...signedIn,
          signedIn: signedIn.frame,
          credentials: await services.issuerCredentials.newest(slug, HOME_CREDENTIALS),
          ...(mayBatch ? { batches: await services.batches.list(slug, HOME_BATCHES) } : {}),
          ...(await homeWeek(services, slug, role)),
        }),
        signedIn.language,
      );
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/console/credentials/:uuid/status',
    operationId: 'getConsoleStatusForm',
    summary: 'The form that revokes, suspends or reinstates one credential, with a reason',
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    handle: consolePage(
      async (signedIn, request, services) => {
        const item = await services.issuerCredentials.one(
          signedIn.session.issuerSlug,
          credentialParam(request.params),
        );
        return consoleHtml(
          renderStatusForm({ ...signedIn, signedIn: signedIn.frame, item }),
          signedIn.language,
        );
      },
      { scope: 'status:write' },
    ),
  }),
  defineRoute({
    method: 'post',
    path: '/console/credentials/:uuid/status',
    operationId: 'changeConsoleStatus',
    summary: 'Revoke, suspend or reinstate one credential with a reason; tiers built on it follow',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      ...pageResponses,
      422: { description: 'The form again: what was missing', contentType: 'text/html' },
    },
    handle: consolePage(
      async (signedIn, request, services, form) => {
        const slug = signedIn.session.issuerSlug;
        const uuid = credentialParam(request.params);
        const item = await services.issuerCredentials.one(slug, uuid);
        const reason = (form.fields.get('reason') ?? '').trim();
        const action = actionsFrom(item.state, item.suspendable).find(
          (allowed): allowed is StatusAction => allowed === form.fields.get('action'),
        );
        if (!action || reason === '' || reason.length > MAX_REASON_LENGTH) {
          const t = consoleTranslate(signedIn.language);
          const problems = [
            ...(action ? [] : [`${t('status.action')}: ${t('form.choose')}`]),
            ...(reason === '' || reason.length > MAX_REASON_LENGTH
              ? [`${t('status.reason')}: ${t('form.reasonLength', { max: MAX_REASON_LENGTH })}`]
              : []),
          ];
          return consoleHtml(
            renderStatusForm({ ...signedIn, signedIn: signedIn.frame, item, problems, reason }),
            signedIn.language,
            422,
          );
        }
        const record = await services.issuing.find(uuid);
        await services.status.change(record, action, reason, actorOf(signedIn.principal));
        return redirectTo(signedIn, `/console/credentials?changed=${uuid}`);
      },
      { form: true, scope: 'status:write' },
    ),
  }),
];
