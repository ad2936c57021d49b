import { defineRoute } from '../route.js';
import { uuidParam } from '../uuidParam.js';

const slugParam = (params: Record<string, string>): string => params.slug ?? '';

const webhookId = (params: Record<string, string>): string => uuidParam(params.id, 'a webhook id');

export const webhookRoutes = [
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/webhooks',
    operationId: 'createWebhook',
    summary: 'Register an https endpoint for events; its signing secret is shown once',
    tag: 'Webhooks',
    access: 'issuer',
    scope: 'webhooks:manage',
    requestSchema: 'webhook-create',
    responses: {
      201: { description: 'The endpoint, with secret shown only here', schema: 'webhook' },
    },
    async handle({ params, body }, { webhooks }) {
      const { webhook, secret } = await webhooks.register(slugParam(params), body);
      return { status: 201, body: { ...webhook, secret } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/webhooks',
    operationId: 'listWebhooks',
    summary: "The issuer's webhook endpoints, never their secrets",
    tag: 'Webhooks',
    access: 'issuer',
    scope: 'webhooks:manage',
    responses: { 200: { description: 'Oldest first', schema: 'webhook-list' } },
    async handle({ params }, { webhooks }) {
      return { status: 200, body: { webhooks: await webhooks.list(slugParam(params)) } };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/issuers/:slug/webhooks/:id',
    operationId: 'deleteWebhook',
    summary: 'Delete an endpoint: it receives nothing more, and what was queued for it is dropped',
    tag: 'Webhooks',
    access: 'issuer',
    scope: 'webhooks:manage',
    responses: { 204: { description: 'Deleted' } },
    async handle({ params }, { webhooks }) {
      await webhooks.remove(slugParam(params), webhookId(params));
      return { status: 204, body: undefined };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/webhooks/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "An endpoint's latest deliveries with every attempt: time, HTTP status or error",
    tag: 'Webhooks',
    access: 'issuer',
    scope: 'webhooks:manage',
    responses: {
      200: { description: 'Newest first, at most 100', schema: 'webhook-delivery-list' },
    },
    async handle({ params }, { webhooks }) {
      return {
        status: 200,
        body: { deliveries: await webhooks.deliveries(slugParam(params), webhookId(params)) },
      };
    },
  }),
];
