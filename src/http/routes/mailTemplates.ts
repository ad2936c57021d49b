import { defineRoute } from '../route.js';

const BASE = '/issuers/:slug/email/templates/:kind/:language';

/** The issuer, the kind of message and its language a template's path names. */
const keyOf = (params: Record<string, string>) =>
  [params.slug ?? '', params.kind ?? '', params.language ?? ''] as const;

// No scope, as for turning e-mail on or off: the issuer's own key (or the admin key) decides
// what learners are sent, never a scoped key an integration holds.
export const mailTemplateRoutes = [
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/email/templates',
    operationId: 'listMailTemplates',
    summary:
      'Each kind of learner message in each language: its subject and text, customised or not',
    tag: 'Issuers',
    access: 'issuer',
    responses: {
      200: { description: 'By kind, then language', schema: 'mail-template-list' },
    },
    async handle({ params }, { mailTemplates }) {
      return { status: 200, body: { templates: await mailTemplates.list(params.slug ?? '') } };
    },
  }),
  defineRoute({
    method: 'get',
    path: BASE,
    operationId: 'getMailTemplate',
    summary: "One kind of learner message in one language: the issuer's template or the service's",
    tag: 'Issuers',
    access: 'issuer',
    responses: {
      200: { description: 'The text in force, with its placeholders', schema: 'mail-template' },
    },
    async handle({ params }, { mailTemplates }) {
      return { status: 200, body: await mailTemplates.one(...keyOf(params)) };
    },
  }),
  defineRoute({
    method: 'put',
    path: BASE,
    operationId: 'setMailTemplate',
    summary:
      "Write the issuer's own subject and text for one kind of learner message in one language",
    tag: 'Issuers',
    access: 'issuer',
    requestSchema: 'mail-template-set',
    responses: {
      200: { description: 'Kept: messages sent from now on say it', schema: 'mail-template' },
    },
    async handle({ params, body }, { mailTemplates }) {
      return { status: 200, body: await mailTemplates.put(...keyOf(params), body) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: BASE,
    operationId: 'resetMailTemplate',
    summary: "Back to the service's text for one kind of learner message in one language",
    tag: 'Issuers',
    access: 'issuer',
    responses: {
      204: { description: 'The service text is in force (it was already, or is again)' },
    },
    async handle({ params }, { mailTemplates }) {
      await mailTemplates.reset(...keyOf(params));
      return { status: 204, body: undefined };
    },
  }),
  defineRoute({
    method: 'post',
    path: `${BASE}/preview`,
    operationId: 'previewMailTemplate',
    summary: 'The message a template makes with sample values: the body sent, or the text in force',
    tag: 'Issuers',
    access: 'issuer',
    requestSchema: 'mail-template-set',
    bodyOptional: true,
    requestDescription: 'A draft to preview; left out, the text in force is previewed.',
    responses: {
      200: { description: 'Subject, text and HTML', schema: 'mail-template-preview' },
    },
    async handle({ params, body }, { mailTemplates }) {
      return { status: 200, body: await mailTemplates.preview(...keyOf(params), body) };
    },
  }),
];
