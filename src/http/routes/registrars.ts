import { defineRoute } from '../route.js';
import { createdAnswer } from './issuers.js';

export const registrarRoutes = [
  defineRoute({
    method: 'post',
    path: '/registrars',
    operationId: 'createRegistrar',
    summary:
      'Create a registrar (a qualifications body) with its own Ed25519 key and DID; returns its API key once',
    tag: 'Registrars',
    access: 'admin',
    requestSchema: 'registrar-create',
    responses: {
      201: { description: 'Created; apiKey is shown only here', schema: 'registrar-created' },
      409: { description: 'An issuer or registrar with this slug exists', schema: 'problem' },
    },
    async handle({ body }, { issuers }) {
      return { status: 201, body: createdAnswer(await issuers.createRegistrar(body)) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/registrars/:slug',
    operationId: 'getRegistrar',
    summary: 'The registrar as an Open Badges 3.0 Profile',
    tag: 'Registrars',
    access: 'public',
    responses: {
      200: { description: 'The Profile', schema: 'profile' },
      404: { description: 'No registrar with this slug', schema: 'problem' },
    },
    async handle({ params }, { issuers }) {
      return { status: 200, body: issuers.profile(await issuers.getRegistrar(params.slug ?? '')) };
    },
  }),
];
