import { isUuid } from '../../core/ids.js';
import { NotFoundError, UnprocessableError } from '../../core/problems.js';
import type { Recipient } from '../../credentials/recipientIdentity.js';
import { validate } from '../../schemas.js';
import { actingAsOf } from '../auth.js';
import { jsonDocumentType } from '../credentialRepresentation.js';
import { defineRoute } from '../route.js';
import { stackedResponse } from './credentials.js';

function recipientFromQuery(query: Record<string, unknown>): Recipient {
  if (typeof query.email === 'string') {
    validate<{ email: string }>('learner-import', { verifiableCredential: {}, email: query.email });
    return { email: query.email };
  }
  if (typeof query.did === 'string') return { did: query.did };
  throw new UnprocessableError('learner-missing', 'give ?email= or ?did=', {
    errors: [{ field: 'email', message: 'is required (or did)' }],
  });
}

export const learnerRoutes = [
  defineRoute({
    method: 'get',
    path: '/learners/progress',
    operationId: 'getLearnerProgress',
    summary:
      "A learner's progress towards every tier: met or not, with which credentials, what is missing",
    tag: 'Stacking',
    access: 'authenticated',
    scope: 'learners:read',
    responses: {
      200: {
        description:
          'Per tier. The admin sees every tier; an issuer only the tiers it awards, and credentials of other issuers only as usingFromOtherIssuers: [{achievement, heldFrom: "another issuer"}], never by id',
        schema: 'learner-progress',
      },
      404: {
        description:
          'For an issuer: no learner this issuer has issued to (the same whether or not others have)',
        schema: 'problem',
      },
    },
    async handle({ query, principal }, { progress, learnerKeys }) {
      const learnerKey = learnerKeys.forRecipient(recipientFromQuery(query));
      return {
        status: 200,
        body: {
          tiers: (await progress.of(learnerKey, actingAsOf(principal))).map(
            ({ shortfalls: _worded, ...tier }) => tier,
          ),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/learners/transcript',
    operationId: 'getLearnerTranscript',
    summary:
      "A learner's CLR 2.0 transcript (?email= or ?did=): a ClrCredential signed by the platform issuer `transcripts`, holding the learner's valid credentials as issued, their achievements, and isPartOf / precedes associations",
    tag: 'Stacking',
    access: 'authenticated',
    scope: 'learners:read',
    responses: {
      200: {
        description:
          "The signed ClrCredential, stored, as application/vc (default) or the JSON type Accept asks for: Content-Location names its page (/t/{uuid}). The admin's holds every valid credential of the learner; an issuer's only the credentials that issuer issued, with partial: true",
        schema: 'clr-credential',
        contentType: 'application/vc',
      },
      404: {
        description:
          'No valid credential of this learner (for an issuer: none it issued; the same whether or not others have)',
        schema: 'problem',
      },
    },
    async handle({ query, headers, principal }, { transcripts }) {
      const issued = await transcripts.issue(recipientFromQuery(query), actingAsOf(principal));
      return {
        status: 200,
        body: issued.verifiableCredential,
        contentType: jsonDocumentType(headers.accept),
        headers: { 'Content-Location': issued.url, Vary: 'Accept' },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/learners/imports',
    operationId: 'importCredential',
    summary:
      'Record a verified credential from a trusted issuer elsewhere, so it counts in stacking',
    tag: 'Stacking',
    access: 'authenticated',
    scope: 'awards:write',
    requestSchema: 'learner-import',
    responses: {
      201: {
        description:
          "Recorded; tiers it completed were issued (an issuer's import counts only toward the tiers it awards)",
        schema: 'learner-imported',
      },
      409: { description: 'Already recorded', schema: 'problem' },
    },
    async handle({ body, principal }, { imports }) {
      const { record, stacked } = await imports.import(body, actingAsOf(principal));
      return {
        status: 201,
        body: {
          id: `urn:uuid:${record.id}`,
          achievement: record.achievementKey,
          stacked: stackedResponse(stacked),
        },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/learners/imports/:uuid/disregard',
    operationId: 'disregardImport',
    summary:
      'Set an imported credential aside (its issuer withdrew it): it stands as revoked here, and tiers built on it follow as for a revocation',
    tag: 'Stacking',
    access: 'authenticated',
    scope: 'awards:write',
    requestSchema: 'import-disregard',
    responses: {
      200: { description: 'Disregarded, with the reason and who did it', schema: 'status-view' },
      403: { description: 'Imported by another issuer', schema: 'problem' },
      404: { description: 'No imported credential with this id', schema: 'problem' },
      409: { description: 'Already disregarded (the first reason stands)', schema: 'problem' },
    },
    async handle({ params, body, principal }, { imports }) {
      const uuid = params.uuid ?? '';
      if (!isUuid(uuid)) throw new NotFoundError(`"${uuid}" is not a credential id (a UUID)`);
      return {
        status: 200,
        body: await imports.disregard(uuid, body.reason, actingAsOf(principal)),
      };
    },
  }),
];
