import type { CreatedIssuer } from '../../issuers/issuerService.js';
import { defineRoute } from '../route.js';

/** An issuer or registrar just made: its slug, DID, Profile and the API key shown this once. */
export function createdAnswer(created: CreatedIssuer) {
  return {
    slug: created.issuer.slug,
    id: created.issuer.did,
    apiKey: created.apiKey,
    profile: created.profile,
  };
}

const slugParam = (params: Record<string, string>): string => params.slug ?? '';

export const issuerRoutes = [
  defineRoute({
    method: 'post',
    path: '/issuers',
    operationId: 'createIssuer',
    summary: 'Create an issuer with its own Ed25519 key and DID; returns its API key once',
    tag: 'Issuers',
    access: 'admin',
    requestSchema: 'issuer-create',
    responses: {
      201: { description: 'Created; apiKey is shown only here', schema: 'issuer-created' },
      409: { description: 'An issuer with this slug exists', schema: 'problem' },
    },
    async handle({ body }, { issuers }) {
      const created = await issuers.create(body);
      return {
        status: 201,
        body: { ...createdAnswer(created), statusPurposes: created.issuer.statusPurposes },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/issuers/:slug',
    operationId: 'getIssuer',
    summary: 'The issuer as an Open Badges 3.0 Profile',
    tag: 'Issuers',
    access: 'public',
    responses: { 200: { description: 'The Profile', schema: 'profile' } },
    async handle({ params }, { issuers }) {
      return { status: 200, body: issuers.profile(await issuers.get(slugParam(params))) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/issuers/:slug/status-purposes',
    operationId: 'setIssuerStatusPurposes',
    summary:
      "Choose the status entries the issuer's new credentials carry (turn suspension on or off)",
    tag: 'Issuers',
    access: 'issuer',
    requestSchema: 'issuer-status-purposes',
    responses: {
      200: { description: 'What new credentials carry', schema: 'issuer-status-purposes-set' },
    },
    async handle({ params, body }, { issuers }) {
      const slug = slugParam(params);
      const statusPurposes = await issuers.setStatusPurposes(slug, body.statusPurposes);
      return { status: 200, body: { slug, statusPurposes } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/did.json',
    operationId: 'getIssuerDidDocument',
    summary: 'The did:web DID document, listing every key the issuer has had',
    tag: 'Issuers',
    access: 'public',
    responses: { 200: { description: 'The DID document', schema: 'did-document' } },
    async handle({ params }, { issuers }) {
      return { status: 200, body: await issuers.didDocument(slugParam(params)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/api-keys',
    operationId: 'replaceIssuerApiKey',
    summary: "A new API key for the issuer, shown once; the issuer's previous key stops working",
    tag: 'Issuers',
    access: 'admin',
    responses: { 201: { description: 'The new key', schema: 'issuer-api-key' } },
    async handle({ params }, { issuers }) {
      const slug = slugParam(params);
      return { status: 201, body: { slug, apiKey: await issuers.replaceApiKey(slug) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/keys/rotate',
    operationId: 'rotateIssuerKey',
    summary: 'Make a new signing key for a did:web issuer; old keys stay in its DID document',
    tag: 'Issuers',
    access: 'admin',
    responses: {
      201: { description: 'The new key signs from now on', schema: 'key-rotated' },
      409: { description: 'The issuer uses did:key, which cannot rotate', schema: 'problem' },
    },
    async handle({ params }, { issuers }) {
      return { status: 201, body: await issuers.rotateKey(slugParam(params)) };
    },
  }),
];
