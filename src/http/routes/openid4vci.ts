import { Oauth2ServerErrorResponseError } from '@openid4vc/oauth2';
import type { JsonObject } from '../../core/json.js';
import { NotFoundError } from '../../core/problems.js';
import { sdJwtTypeMetadata } from '../../wallets/oid4vciMetadata.js';
import { defineRoute, type RouteResponse } from '../route.js';

// OpenID4VCI 1.0: the issuer's metadata, its authorization server's, the credential offer by
// reference, and the token, nonce and credential endpoints. Refusals there are OAuth errors
// ({"error": …, "error_description": …}), as wallets read them, not problem+json.

const NO_STORE = { 'Cache-Control': 'no-store' };

const oauthErrors = (description: string) => ({
  400: { description, schema: 'oauth-error' as const, contentType: 'application/json' },
});

/** The library's refusal as the spec's JSON; invalid_token with its WWW-Authenticate challenge. */
async function asOauth(run: () => Promise<unknown>, status = 200): Promise<RouteResponse> {
  try {
    return { status, body: await run(), headers: NO_STORE };
  } catch (error) {
    if (!(error instanceof Oauth2ServerErrorResponseError)) throw error;
    const { errorResponse } = error;
    return {
      status: error.status,
      body: errorResponse,
      headers: {
        ...NO_STORE,
        ...(error.status === 401
          ? {
              'WWW-Authenticate': `Bearer error="${errorResponse.error}", error_description="${String(errorResponse.error_description ?? '').replace(/["\\]/g, '')}"`,
            }
          : {}),
      },
    };
  }
}

function formOf(bytes: Buffer | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(bytes?.toString('utf8') ?? ''));
}

function jsonOf(bytes: Buffer | undefined): JsonObject {
  try {
    const parsed: unknown = JSON.parse(bytes?.toString('utf8') ?? '');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as JsonObject)
      : {};
  } catch {
    return {};
  }
}

export const openid4vciRoutes = [
  defineRoute({
    method: 'get',
    path: '/.well-known/openid-credential-issuer/issuers/:slug',
    operationId: 'getCredentialIssuerMetadata',
    summary:
      'OpenID4VCI credential issuer metadata of an issuer (credential_issuer PUBLIC_URL/issuers/{slug}): the credential and nonce endpoints, and the ldp_vc, jwt_vc_json and dc+sd-jwt configurations',
    tag: 'OpenID4VCI',
    access: 'public',
    responses: {
      200: { description: 'The metadata', schema: 'oid4vci-issuer-metadata' },
    },
    async handle({ params }, { oid4vci }) {
      return {
        status: 200,
        body: await oid4vci.credentialIssuerMetadata(params.slug ?? ''),
        headers: { 'Cache-Control': 'public, max-age=300' },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/.well-known/oauth-authorization-server/issuers/:slug',
    operationId: 'getAuthorizationServerMetadata',
    summary:
      "The metadata of an issuer's own OAuth authorization server: its token endpoint, for the pre-authorized code grant",
    tag: 'OpenID4VCI',
    access: 'public',
    responses: {
      200: { description: 'The metadata', schema: 'oauth-authorization-server-metadata' },
    },
    async handle({ params }, { oid4vci }) {
      return {
        status: 200,
        body: await oid4vci.authorizationServerMetadata(params.slug ?? ''),
        headers: { 'Cache-Control': 'public, max-age=300' },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/credential-offers/:token',
    operationId: 'getCredentialOffer',
    summary:
      "An offer's OpenID4VCI credential offer (its credential_offer_uri): every fetch carries a fresh pre-authorized code, single use for 10 minutes, and tx_code when the offer has a PIN",
    tag: 'OpenID4VCI',
    access: 'public',
    responses: {
      200: { description: 'The credential offer', schema: 'oid4vci-credential-offer' },
      409: {
        description: 'The offer was claimed already, or its credential is no longer valid',
        schema: 'problem',
      },
      410: { description: 'The offer expired', schema: 'problem' },
    },
    async handle({ params }, { oid4vci }) {
      return {
        status: 200,
        body: await oid4vci.credentialOffer(params.token ?? ''),
        headers: NO_STORE,
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/oid4vci/token',
    operationId: 'oid4vciToken',
    summary:
      'OpenID4VCI token endpoint: a pre-authorized code (with the PIN when the offer has one) for a 10-minute access token; a used, expired or unknown code, a wrong PIN or a claimed offer is invalid_grant',
    tag: 'OpenID4VCI',
    access: 'public',
    rawBody: {
      mediaTypes: ['application/x-www-form-urlencoded'],
      limit: 16_384,
      documentedAs: 'oid4vci-token-request',
    },
    responses: {
      200: { description: 'The access token', schema: 'oid4vci-token-response' },
      ...oauthErrors('invalid_request, invalid_grant or unsupported_grant_type: nothing issued'),
    },
    async handle({ params, rawBody, headers }, { oid4vci }) {
      return asOauth(() => oid4vci.token(params.slug ?? '', formOf(rawBody?.bytes), headers));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/oid4vci/nonce',
    operationId: 'oid4vciNonce',
    summary:
      'OpenID4VCI nonce endpoint: a c_nonce for one proof of possession (single use, 5 minutes)',
    tag: 'OpenID4VCI',
    access: 'public',
    responses: {
      200: { description: 'The c_nonce', schema: 'oid4vci-nonce-response' },
    },
    async handle({ params }, { oid4vci }) {
      return asOauth(() => oid4vci.nonce(params.slug ?? ''));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/oid4vci/credential',
    operationId: 'oid4vciCredential',
    summary:
      "OpenID4VCI credential endpoint (Authorization: Bearer <access token>): the proof of possession claims the offer, once, and the credential is issued to the holder's DID (its own status entries, counted once for stacking)",
    tag: 'OpenID4VCI',
    access: 'public',
    rawBody: {
      mediaTypes: ['application/json'],
      limit: 65_536,
      documentedAs: 'oid4vci-credential-request',
    },
    headers: [
      { name: 'Authorization', description: 'Bearer <access token from the token endpoint>' },
    ],
    responses: {
      200: { description: 'The credential', schema: 'oid4vci-credential-response' },
      ...oauthErrors(
        'invalid_credential_request, unknown_credential_configuration, invalid_proof, invalid_nonce or credential_request_denied: nothing issued',
      ),
      401: { description: 'invalid_token', schema: 'oauth-error', contentType: 'application/json' },
    },
    async handle({ params, rawBody, headers }, { oid4vci }) {
      return asOauth(() =>
        oid4vci.credential(params.slug ?? '', headers.authorization, jsonOf(rawBody?.bytes)),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/vct/open-badge-credential',
    operationId: 'getSdJwtVcTypeMetadata',
    summary:
      'SD-JWT VC type metadata of the vct our dc+sd-jwt credentials carry (names in en, ja, zh-TW; which claims are selectively disclosable)',
    tag: 'OpenID4VCI',
    access: 'public',
    responses: {
      200: { description: 'The type metadata', schema: 'sd-jwt-vc-type-metadata' },
    },
    async handle(_request, { config }) {
      return {
        status: 200,
        body: sdJwtTypeMetadata(config.publicUrl),
        headers: { 'Cache-Control': 'public, max-age=3600' },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/status-lists/:slug/:listNumber',
    operationId: 'getTokenStatusList',
    summary:
      "An issuer's status list as an IETF Token Status List (statuslist+jwt, 2 bits: 0 valid, 1 revoked, 2 suspended), what its SD-JWT VC credentials point at; the same indexes as its Bitstring Status Lists",
    tag: 'OpenID4VCI',
    access: 'public',
    responses: {
      200: { description: 'The status list token', contentType: 'application/statuslist+jwt' },
    },
    async handle({ params }, { status }) {
      const listNumber = Number(params.listNumber);
      if (!/^[1-9][0-9]{0,8}$/.test(params.listNumber ?? '')) {
        throw new NotFoundError(`"${params.listNumber}" is not a status list number`);
      }
      return {
        status: 200,
        body: await status.publishTokenList(params.slug ?? '', listNumber),
        contentType: 'application/statuslist+jwt',
        headers: { 'Cache-Control': 'public, max-age=60' },
      };
    },
  }),
];
