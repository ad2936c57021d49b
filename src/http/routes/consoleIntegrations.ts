// The console's Settings → API keys and → Webhooks (owners only): the same use cases as
// /issuers/{slug}/scoped-keys and /issuers/{slug}/webhooks, the key or signing secret shown on
// the page that made it and never again, and each endpoint's delivery log.
import { ConflictError, ValidationError } from '../../core/problems.js';
import { consoleTranslate } from '../../pages/console/i18n/consoleMessages.js';
import { renderKeyMadePage, renderKeysPage } from '../../pages/console/settingsKeysPage.js';
import {
  renderWebhookLogPage,
  renderWebhookMadePage,
  renderWebhooksPage,
} from '../../pages/console/settingsWebhooksPages.js';
import { consoleHtml, redirectTo, shownOncePage } from '../console/consoleRequest.js';
import { consolePage } from '../console/consolePage.js';
import { readKeyForm, readWebhookForm } from '../console/integrationForms.js';
import { webhooksWithOutcomes } from '../console/webhookOutcomes.js';
import {
  frameOf,
  ownerOnly,
  settingsGet,
  settingsPost as post,
  settingsResponses,
} from '../console/settingsRoute.js';
import { defineRoute } from '../route.js';
import { uuidParam } from '../uuidParam.js';

const formResponses = {
  ...settingsResponses,
  422: { description: 'The form again, saying what was wrong', contentType: 'text/html' },
};

const idParam = (params: Record<string, string>): string => uuidParam(params.id, 'an id');

export const consoleIntegrationRoutes = [
  settingsGet(
    '/console/settings/keys',
    'getConsoleApiKeys',
    'Settings: the scoped API keys with scopes, last four, expiry and state; make, revoke',
    async (frame, services, slug) =>
      renderKeysPage({ ...frame, keys: await services.apiKeys.list(slug) }),
  ),
  post(
    '/console/settings/keys',
    'consoleMakeApiKey',
    'Make a scoped API key from Settings: the page shows the key this once',
    async (signedIn, _request, services, form) => {
      const slug = signedIn.session.issuerSlug;
      const t = consoleTranslate(signedIn.language);
      const read = readKeyForm(form, t, services.clock());
      const again = async (errors: NonNullable<Parameters<typeof renderKeysPage>[0]['errors']>) =>
        consoleHtml(
          renderKeysPage({
            ...frameOf(signedIn, undefined),
            keys: await services.apiKeys.list(slug),
            values: read.values,
            errors,
          }),
          signedIn.language,
          422,
        );
      if ('errors' in read) return again(read.errors);
      try {
        const { key, apiKey } = await services.apiKeys.create(slug, read.input);
        return shownOncePage(
          signedIn,
          renderKeyMadePage({ ...frameOf(signedIn, undefined), key, apiKey }),
        );
      } catch (error) {
        if (error instanceof ConflictError) {
          return again({ name: t('keys.nameTaken', { name: read.input.name }) });
        }
        if (error instanceof ValidationError) return again({ expires: t('keys.badExpiry') });
        throw error;
      }
    },
    formResponses,
  ),
  post(
    '/console/settings/keys/:id/revoke',
    'consoleRevokeApiKey',
    'Revoke a scoped API key from Settings: it is refused from now on',
    async (signedIn, request, services) => {
      await services.apiKeys.revoke(signedIn.session.issuerSlug, idParam(request.params));
      return redirectTo(signedIn, '/console/settings/keys?done=revoked');
    },
  ),
  settingsGet(
    '/console/settings/webhooks',
    'getConsoleWebhooks',
    'Settings: the webhook endpoints with their events and failures; add, delete',
    async (frame, services, slug) =>
      renderWebhooksPage({ ...frame, webhooks: await webhooksWithOutcomes(services, slug) }),
  ),
  post(
    '/console/settings/webhooks',
    'consoleAddWebhook',
    'Add a webhook endpoint from Settings (the URL policy applies): the page shows its signing secret this once',
    async (signedIn, _request, services, form) => {
      const slug = signedIn.session.issuerSlug;
      const t = consoleTranslate(signedIn.language);
      const read = readWebhookForm(form, t);
      const again = async (
        errors: NonNullable<Parameters<typeof renderWebhooksPage>[0]['errors']>,
      ) =>
        consoleHtml(
          renderWebhooksPage({
            ...frameOf(signedIn, undefined),
            webhooks: await webhooksWithOutcomes(services, slug),
            values: read.values,
            errors,
          }),
          signedIn.language,
          422,
        );
      if ('errors' in read) return again(read.errors);
      try {
        const { webhook, secret } = await services.webhooks.register(slug, read.input);
        return shownOncePage(
          signedIn,
          renderWebhookMadePage({ ...frameOf(signedIn, undefined), webhook, secret }),
        );
      } catch (error) {
        // The URL policy's refusal (a private address, not https) is said at the URL field.
        if (error instanceof ValidationError) {
          const reason = error.errors.find((e) => e.field === 'url')?.message ?? error.message;
          return again({ url: t('webhooks.badUrl', { reason }) });
        }
        throw error;
      }
    },
    formResponses,
  ),
  post(
    '/console/settings/webhooks/:id/delete',
    'consoleDeleteWebhook',
    'Delete a webhook endpoint from Settings: it receives nothing more',
    async (signedIn, request, services) => {
      await services.webhooks.remove(signedIn.session.issuerSlug, idParam(request.params));
      return redirectTo(signedIn, '/console/settings/webhooks?done=deleted');
    },
  ),
  defineRoute({
    method: 'get',
    path: '/console/settings/webhooks/:id',
    operationId: 'getConsoleWebhookLog',
    summary: "Settings: one webhook endpoint's latest deliveries, each attempt's time and outcome",
    tag: 'Console',
    access: 'public',
    responses: {
      ...settingsResponses,
      404: { description: 'No such endpoint here', contentType: 'text/html' },
    },
    handle: consolePage(
      ownerOnly(async (signedIn, request, services) => {
        const slug = signedIn.session.issuerSlug;
        const id = idParam(request.params);
        const webhook = await services.webhooks.one(slug, id);
        const deliveries = await services.webhooks.deliveries(slug, id);
        return consoleHtml(
          renderWebhookLogPage({ ...frameOf(signedIn, undefined), webhook, deliveries }),
          signedIn.language,
        );
      }),
    ),
  }),
];
