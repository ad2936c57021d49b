import type { StatusAction } from '../../core/credentialState.js';
import { actingAsOf, actorOf, assertActsFor } from '../auth.js';
import { notModified } from '../conditional.js';
import { JSON_DOCUMENT_TYPES, jsonDocumentType } from '../credentialRepresentation.js';
import type { VcApiStatusUpdate } from '../requestBodies.js';
import { defineRoute, type RouteRequest } from '../route.js';
import type { Services } from '../../services.js';
import { awardResponse } from './credentials.js';
import { uuidParam } from '../uuidParam.js';

/**
 * Each media type is its own representation, so it gets its own ETag: a cache revalidating one
 * variant must not be told its copy of another is current. The default keeps the list's ETag.
 */
function etagOf(listEtag: string, contentType: string): string {
  return contentType === JSON_DOCUMENT_TYPES[0]
    ? listEtag
    : `${listEtag.slice(0, -1)}.${contentType.replace('application/', '')}"`;
}

const ACTION_FOR_STATUS: Record<
  VcApiStatusUpdate['credentialStatus'][number]['status'],
  StatusAction
> = {
  revoked: 'revoke',
  suspended: 'suspend',
  active: 'reinstate',
};

async function changeStatus(
  uuid: string,
  action: StatusAction,
  reason: string,
  request: RouteRequest<unknown>,
  services: Services,
) {
  const record = await services.issuing.find(uuid);
  assertActsFor(request.principal, record.issuerSlug);
  const view = await services.status.change(record, action, reason, actorOf(request.principal));
  return { status: 200, body: view };
}

const statusChangeResponses = {
  200: { description: 'The new state', schema: 'status-view' },
  409: {
    description: 'Not allowed from the current state (revocation is final)',
    schema: 'problem',
  },
};

export const statusRoutes = [
  defineRoute({
    method: 'get',
    path: '/status/:slug/:listId',
    operationId: 'getStatusList',
    summary: 'A signed BitstringStatusListCredential (revocation-N or suspension-N)',
    tag: 'Status',
    access: 'public',
    responses: {
      200: {
        description:
          'The list as it is now, as application/vc (default), application/vc+ld+json, application/ld+json or application/json as Accept asks (the same bytes); the ETag changes when a bit changes, and differs per media type. Vary: Accept',
        schema: 'status-list-credential',
        contentType: 'application/vc',
      },
      304: { description: 'Not modified since the ETag sent in If-None-Match' },
    },
    async handle({ params, headers }, { status }) {
      const published = await status.publish(params.slug ?? '', params.listId ?? '');
      const contentType = jsonDocumentType(headers.accept);
      const cacheHeaders = {
        etag: etagOf(published.etag, contentType),
        'cache-control': 'public, no-cache',
        vary: 'Accept',
      };
      if (notModified(headers['if-none-match'], cacheHeaders.etag)) {
        return { status: 304, body: '', contentType, headers: cacheHeaders };
      }
      return { status: 200, body: published.credential, contentType, headers: cacheHeaders };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/credentials/:uuid/status',
    operationId: 'getCredentialStatus',
    summary: "A credential's state: active, suspended, revoked or expired",
    tag: 'Status',
    access: 'public',
    responses: { 200: { description: 'The state', schema: 'status-view' } },
    async handle({ params }, { issuing, status }) {
      return {
        status: 200,
        body: await status.stateOf(await issuing.find(uuidParam(params.uuid))),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/credentials/:uuid/status',
    operationId: 'changeCredentialStatus',
    summary: 'Revoke, suspend or reinstate a credential; tiers built on it follow',
    tag: 'Status',
    access: 'authenticated',
    scope: 'status:write',
    requestSchema: 'status-change',
    responses: statusChangeResponses,
    async handle(request, services) {
      const { action, reason } = request.body;
      return changeStatus(uuidParam(request.params.uuid), action, reason, request, services);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/credentials/status/bulk',
    operationId: 'changeCredentialStatusInBulk',
    summary:
      'Revoke, suspend or reinstate many credentials with one reason; each change is audited and its tiers follow',
    tag: 'Status',
    access: 'authenticated',
    scope: 'status:write',
    requestSchema: 'status-change-bulk',
    responses: {
      200: {
        description:
          "Each credential's outcome: its new state, or the 409 its state gave (the others still changed)",
        schema: 'status-changed-bulk',
      },
      403: {
        description: "An id names another issuer's credential: nothing changed",
        schema: 'problem',
      },
      404: { description: 'An id names no credential: nothing changed', schema: 'problem' },
    },
    async handle({ body, principal }, { bulkStatus }) {
      const results = await bulkStatus.change(body, actingAsOf(principal), actorOf(principal));
      const changed = results.filter((result) => result.changed).length;
      return {
        status: 200,
        body: { changed, refused: results.length - changed, results },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/credentials/status',
    operationId: 'updateCredentialStatus',
    summary: 'W3C VC-API: set a credential status (revoked, suspended, active)',
    tag: 'Status',
    access: 'authenticated',
    scope: 'status:write',
    requestSchema: 'vc-api-status-update',
    responses: statusChangeResponses,
    async handle(request, services) {
      const { credentialId, credentialStatus, reason } = request.body;
      const [entry] = credentialStatus;
      const action = ACTION_FOR_STATUS[entry?.status ?? 'active'];
      const uuid = uuidParam(credentialId.replace(/^urn:uuid:/, ''));
      return changeStatus(
        uuid,
        action,
        reason ?? `set to ${entry?.status} through the VC-API`,
        request,
        services,
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/credentials/:uuid/renew',
    operationId: 'renewCredential',
    summary:
      'Issue a new credential for the same achievement and recipient with new dates; an optional body gives the reason, kept with the renewal',
    tag: 'Status',
    access: 'authenticated',
    scope: 'awards:write',
    requestSchema: 'credential-renew',
    bodyOptional: true,
    responses: {
      201: {
        description: 'The renewal (awardedDate kept from the first award)',
        schema: 'award-created',
      },
      409: { description: 'Revoked credentials and tiers cannot be renewed', schema: 'problem' },
    },
    async handle({ params, principal, body }, { issuing, awards }) {
      const record = await issuing.find(uuidParam(params.uuid));
      assertActsFor(principal, record.issuerSlug);
      const { issued, stacked } = await awards.renew(record, body?.reason);
      return { status: 201, body: awardResponse(issued, stacked) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/audit/status',
    operationId: 'getStatusAuditLog',
    summary: 'The append-only log of status changes (who, when, what, why), newest first',
    tag: 'Status',
    access: 'admin',
    responses: { 200: { description: 'The log', schema: 'audit-log' } },
    async handle({ query }, { status }) {
      const issuerSlug = typeof query.issuer === 'string' ? query.issuer : undefined;
      const limit = Math.min(Math.max(Number(query.limit) || 100, 1), 1000);
      return { status: 200, body: { events: await status.auditLog({ issuerSlug, limit }) } };
    },
  }),
];
