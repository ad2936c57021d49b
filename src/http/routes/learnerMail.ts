import { defineRoute } from '../route.js';

const slugParam = (params: Record<string, string>): string => params.slug ?? '';

// No scope on these: the issuer's own key (or the admin key) decides what learners are sent.
export const learnerMailRoutes = [
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/email',
    operationId: 'getIssuerEmail',
    summary: "Whether learners get e-mail about the issuer's credentials",
    tag: 'Issuers',
    access: 'issuer',
    responses: { 200: { description: 'On (the default) or off', schema: 'issuer-email' } },
    async handle({ params }, { learnerMail }) {
      return { status: 200, body: await learnerMail.setting(slugParam(params)) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/issuers/:slug/email',
    operationId: 'setIssuerEmail',
    summary: "Turn learner e-mail about the issuer's credentials on or off",
    tag: 'Issuers',
    access: 'issuer',
    requestSchema: 'issuer-email-set',
    responses: { 200: { description: 'The choice now in force', schema: 'issuer-email' } },
    async handle({ params, body }, { learnerMail }) {
      return {
        status: 200,
        body: await learnerMail.setEnabled(slugParam(params), body.enabled),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/email/outbox',
    operationId: 'listIssuerEmailOutbox',
    summary: "The issuer's latest learner e-mail messages and how each went, never the addresses",
    tag: 'Issuers',
    access: 'issuer',
    responses: { 200: { description: 'Newest first, at most 100', schema: 'mail-outbox' } },
    async handle({ params }, { learnerMail }) {
      return { status: 200, body: { messages: await learnerMail.outbox(slugParam(params)) } };
    },
  }),
];
