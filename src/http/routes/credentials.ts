import { isUuid } from '../../core/ids.js';
import { MalformedRequestError, NotFoundError } from '../../core/problems.js';
import type { IssuedCredential } from '../../issuing/issuingService.js';
import { credentialDocument, credentialMediaType } from '../credentialRepresentation.js';
import { CREDENTIAL_UPLOAD_TYPES, credentialFromUpload } from '../credentialUpload.js';
import { UPLOAD_LIMIT_BYTES } from '../multipartForm.js';
import { actingAsOf } from '../auth.js';
import type { AwardCreate } from '../requestBodies.js';
import { defineRoute } from '../route.js';
import { verificationResponse } from '../verificationResponse.js';

// award-create narrowed on its achievement: the handler casts to these once it has checked which
// it is, and the use cases' parameters then check that the schema's type fits their input types.
type KeyedAward = AwardCreate & { achievement: string };
type InlineAward = AwardCreate & { achievement: Exclude<AwardCreate['achievement'], string> };

export const idempotencyHeader = {
  name: 'Idempotency-Key',
  description:
    'Optional. A retry with the same key and body returns the first response instead of issuing again.',
};

/** Tier credentials an award or import caused, as responses list them. */
export function stackedResponse(stacked: IssuedCredential[]) {
  return stacked.map((tier) => ({
    achievement: tier.record.achievementKey,
    credential: tier.verifiableCredential,
    url: tier.url,
  }));
}

export function awardResponse(issued: IssuedCredential, stacked: IssuedCredential[]) {
  return {
    credential: issued.verifiableCredential,
    url: issued.url,
    stacked: stackedResponse(stacked),
  };
}

export const credentialRoutes = [
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/awards',
    operationId: 'createAward',
    summary: "Award an Open Badges 3.0 credential to a learner's e-mail address or DID",
    tag: 'Issuing',
    access: 'issuer',
    scope: 'awards:write',
    requestSchema: 'award-create',
    headers: [idempotencyHeader],
    responses: {
      201: { description: 'The signed credential and its public URL', schema: 'award-created' },
      409: {
        description: 'A request with the same Idempotency-Key is still running',
        schema: 'problem',
      },
    },
    async handle({ params, body, headers, principal }, { issuing, awards, idempotency }) {
      const slug = params.slug ?? '';
      const key =
        typeof headers['idempotency-key'] === 'string' ? headers['idempotency-key'] : undefined;
      return idempotency.run(
        `award:${slug}`,
        key,
        body,
        async (credentialId) => {
          const { issued, stacked } =
            typeof body.achievement === 'string'
              ? await awards.awardByKey(slug, body as KeyedAward, actingAsOf(principal), {
                  credentialId,
                })
              : {
                  issued: await issuing.award(slug, body as InlineAward, { credentialId }),
                  stacked: [],
                };
          return { status: 201, body: awardResponse(issued, stacked) };
        },
        async (credentialId) => {
          const issued = await issuing.issuedIfPresent(credentialId);
          return issued && issued.record.issuerSlug === slug
            ? { status: 201, body: awardResponse(issued, []) }
            : undefined;
        },
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/credentials/issue',
    operationId: 'issueCredential',
    summary:
      'W3C VC-API: sign any VC 2.0 credential (OB 3.0 and CLR 2.0 ones checked by their rules too) as Data Integrity (eddsa-rdfc-2022) or VC-JOSE (vc+jwt)',
    tag: 'Issuing',
    access: 'issuer',
    scope: 'awards:write',
    requestSchema: 'credential-issue',
    responses: {
      201: { description: 'The signed credential', schema: 'credential-issued' },
      409: { description: 'A credential with this id exists', schema: 'problem' },
    },
    async handle({ params, body }, { vcApiIssue }) {
      const issued = await vcApiIssue.issue(params.slug ?? '', body.credential, body.options);
      return { status: 201, body: { verifiableCredential: issued.verifiableCredential } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/credentials/:uuid',
    operationId: 'getCredential',
    summary: 'The signed credential exactly as issued, in the media type Accept asks for',
    tag: 'Credentials',
    access: 'public',
    responses: {
      200: {
        description:
          'A Data Integrity credential as application/vc (default), application/vc+ld+json, application/ld+json or application/json as Accept asks; a JWT-format credential as its compact JWS (application/vc+jwt). The bytes are the same in every type. Vary: Accept',
        schema: 'issued-open-badge-credential',
        contentType: 'application/vc',
      },
    },
    async handle({ params, headers }, { issuing }) {
      const uuid = params.uuid ?? '';
      if (!isUuid(uuid)) throw new NotFoundError(`"${uuid}" is not a credential id (a UUID)`);
      const record = await issuing.find(uuid);
      return credentialDocument(record, credentialMediaType(record.format, headers.accept));
    },
  }),
  // The body is undefined when the request came as an image or a form (rawBody).
  defineRoute({
    method: 'post',
    path: '/credentials/verify',
    operationId: 'verifyCredential',
    summary:
      'W3C VC-API: verify a credential (embedded proof or vc+jwt) check by check; also takes a baked badge (image/png, image/svg+xml) or a multipart/form-data `file`',
    tag: 'Verifying',
    access: 'public',
    requestSchema: 'credential-verify',
    rawBody: {
      mediaTypes: CREDENTIAL_UPLOAD_TYPES,
      limit: UPLOAD_LIMIT_BYTES,
      multipartSchema: 'credential-upload',
    },
    responses: {
      200: {
        description: 'Verified: every check passed or was skipped',
        schema: 'verification-report',
      },
      422: {
        description:
          'Not verified (a check failed) or could not be checked (a check could not run): a problem carrying the same report',
        schema: 'verification-report',
        contentType: 'application/problem+json',
      },
    },
    async handle({ body, rawBody }, { verifier, credentialUses }) {
      const credential = rawBody ? await credentialFromUpload(rawBody) : body?.verifiableCredential;
      if (credential === undefined) throw new MalformedRequestError('the request has no body');
      const report = await verifier.verify(credential);
      credentialUses.verified(credential, report);
      return verificationResponse(report, report);
    },
  }),
];
