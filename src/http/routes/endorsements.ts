import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../core/problems.js';
import type { EndorsementInput } from '../../endorsements/endorsementService.js';
import type { Principal } from '../route.js';
import { defineRoute } from '../route.js';

/**
 * Who signs: the issuer or registrar whose API key sent the request. The admin key belongs to no
 * organisation, so it has no key to sign an endorsement with.
 */
function endorserSlugOf(principal: Principal | undefined): string {
  if (!principal) throw new UnauthenticatedError();
  if (principal.kind === 'admin') {
    throw new ForbiddenError(
      "an endorsement is signed with the endorser's own key: send the endorsing issuer's or registrar's API key",
    );
  }
  return principal.slug;
}

function queryText(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError([{ field: name, message: 'must be one non-empty value' }]);
  }
  return value;
}

export const endorsementRoutes = [
  defineRoute({
    method: 'post',
    path: '/endorsements',
    operationId: 'createEndorsement',
    summary:
      "Endorse a catalog achievement or an issuer: signs an OB 3.0 EndorsementCredential with the caller's (issuer's or registrar's) key; credentials issued afterwards for that achievement or by that issuer carry it while it holds",
    tag: 'Endorsements',
    access: 'authenticated',
    requestSchema: 'endorsement-create',
    responses: {
      201: { description: 'The endorsement and its signed credential', schema: 'endorsement-view' },
      403: { description: 'The admin key has no key to sign with', schema: 'problem' },
      422: {
        description:
          'The achievement or issuer does not exist (unknown-achievement, unknown-issuer), or it is the endorser itself or its own achievement (self-endorsement); nothing is stored',
        schema: 'problem',
        contentType: 'application/problem+json',
      },
    },
    async handle({ body, principal }, { endorsements }) {
      const { issued, record } = await endorsements.endorse(
        endorserSlugOf(principal),
        body as EndorsementInput,
      );
      return {
        status: 201,
        body: {
          id: `urn:uuid:${issued.uuid}`,
          endorser: record.endorserSlug,
          subject: body.subject,
          state: 'active',
          url: issued.url,
          createdAt: record.createdAt,
          credential: issued.verifiableCredential,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/endorsements',
    operationId: 'listEndorsements',
    summary:
      'Endorsements, oldest first: ?achievement=<key> those of an achievement, ?issuer=<slug> those of an issuer (both: either), neither: all; each with where it stands',
    tag: 'Endorsements',
    access: 'public',
    responses: { 200: { description: 'The endorsements', schema: 'endorsement-list' } },
    async handle({ query }, { endorsements }) {
      const achievement = queryText(query, 'achievement');
      const issuer = queryText(query, 'issuer');
      const list = await endorsements.list({
        ...(achievement ? { achievement } : {}),
        ...(issuer ? { issuer } : {}),
      });
      return { status: 200, body: { endorsements: list } };
    },
  }),
];
