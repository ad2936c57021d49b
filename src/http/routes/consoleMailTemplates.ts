// The console's learner message templates (Settings → E-mail, owners only): the same use case as
// /issuers/{slug}/email/templates. One form previews (the page again, with the message the draft
// makes) or saves (on to the page with a notice); a refused draft comes back with what was wrong.
import { ValidationError } from '../../core/problems.js';
import {
  renderTemplatePage,
  templatePath,
  type TemplatePageModel,
} from '../../pages/console/settingsMailTemplatePages.js';
import type { Services } from '../../services.js';
import { consoleHtml, redirectTo, type SignedIn } from '../console/consoleRequest.js';
import { consolePage } from '../console/consolePage.js';
import {
  frameOf,
  noticeOf,
  ownerOnly,
  settingsPost as post,
  settingsResponses,
} from '../console/settingsRoute.js';
import { defineRoute, type RouteRequest } from '../route.js';

const PATH = '/console/settings/email/templates/:kind/:language';

const responses = {
  ...settingsResponses,
  404: { description: 'No such kind of message or language', contentType: 'text/html' },
};

/** The issuer, kind and language the path names, for the use case. */
const keyOf = (signedIn: SignedIn, request: RouteRequest<unknown>) =>
  [
    signedIn.session.issuerSlug,
    String(request.params.kind ?? ''),
    String(request.params.language ?? ''),
  ] as const;

async function templatePage(
  signedIn: SignedIn,
  request: RouteRequest<unknown>,
  services: Services,
  extra: Pick<TemplatePageModel, 'draft' | 'preview' | 'errors'>,
  notice: string | undefined,
  status = 200,
) {
  const template = await services.mailTemplates.one(...keyOf(signedIn, request));
  return consoleHtml(
    renderTemplatePage({ ...frameOf(signedIn, notice), template, ...extra }),
    signedIn.language,
    status,
  );
}

export const consoleMailTemplateRoutes = [
  defineRoute({
    method: 'get',
    path: PATH,
    operationId: 'getConsoleMailTemplate',
    summary:
      'Settings: one learner message in one language, its subject and text to edit, the values it may name',
    tag: 'Console',
    access: 'public',
    responses,
    handle: consolePage(
      ownerOnly(async (signedIn, request, services) =>
        templatePage(
          signedIn,
          request,
          services,
          {},
          noticeOf(signedIn, request.query.done, undefined),
        ),
      ),
    ),
  }),
  post(
    PATH,
    'consoleSetMailTemplate',
    'Preview (action=preview) or save (action=save) a learner message template from Settings',
    async (signedIn, request, services, form) => {
      const draft = {
        subject: form.fields.get('subject') ?? '',
        body: form.fields.get('body') ?? '',
      };
      const key = keyOf(signedIn, request);
      try {
        if (form.fields.get('action') === 'preview') {
          const preview = await services.mailTemplates.preview(...key, draft);
          return await templatePage(signedIn, request, services, { draft, preview }, undefined);
        }
        const saved = await services.mailTemplates.put(...key, draft);
        return redirectTo(signedIn, `${templatePath(saved)}?done=template`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return templatePage(
          signedIn,
          request,
          services,
          { draft, errors: error.errors },
          undefined,
          422,
        );
      }
    },
    {
      ...responses,
      422: { description: 'The form again, saying what was wrong', contentType: 'text/html' },
    },
  ),
  post(
    `${PATH}/reset`,
    'consoleResetMailTemplate',
    "Back to the service's text for one learner message in one language, from Settings",
    async (signedIn, request, services) => {
      const key = keyOf(signedIn, request);
      await services.mailTemplates.reset(...key);
      const template = await services.mailTemplates.one(...key);
      return redirectTo(signedIn, `${templatePath(template)}?done=template-reset`);
    },
    responses,
  ),
];
