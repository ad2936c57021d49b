import { isUuid } from '../../core/ids.js';
import { NotFoundError } from '../../core/problems.js';
import { defineRoute } from '../route.js';

const slugParam = (params: Record<string, string>): string => params.slug ?? '';

// No scope on these: a scoped key never makes, lists or revokes keys.
export const apiKeyRoutes = [
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/scoped-keys',
    operationId: 'createScopedKey',
    summary: 'A named API key with scopes and an optional expiry; the key is shown once',
    tag: 'Issuers',
    access: 'issuer',
    requestSchema: 'scoped-key-create',
    responses: {
      201: { description: 'The key, with apiKey shown only here', schema: 'scoped-key' },
      409: { description: 'The issuer has a key of this name', schema: 'problem' },
    },
    async handle({ params, body }, { apiKeys }) {
      const { key, apiKey } = await apiKeys.create(slugParam(params), body);
      return { status: 201, body: { ...key, apiKey } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/scoped-keys',
    operationId: 'listScopedKeys',
    summary: "The issuer's scoped keys with their state, never the keys themselves",
    tag: 'Issuers',
    access: 'issuer',
    responses: { 200: { description: 'Oldest first', schema: 'scoped-key-list' } },
    async handle({ params }, { apiKeys }) {
      return { status: 200, body: { keys: await apiKeys.list(slugParam(params)) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/scoped-keys/:id/revoke',
    operationId: 'revokeScopedKey',
    summary: 'Revoke a scoped key: it is refused from now on',
    tag: 'Issuers',
    access: 'issuer',
    responses: { 200: { description: 'The revoked key', schema: 'scoped-key' } },
    async handle({ params }, { apiKeys }) {
      const id = params.id ?? '';
      if (!isUuid(id)) throw new NotFoundError(`"${id}" is not a key id (a UUID)`);
      return { status: 200, body: await apiKeys.revoke(slugParam(params), id.toLowerCase()) };
    },
  }),
];
