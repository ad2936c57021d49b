import { defineRoute } from '../route.js';

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness check',
    tag: 'Service',
    access: 'public',
    responses: { 200: { description: 'The service is up', schema: 'health' } },
    async handle() {
      return { status: 200, body: { status: 'ok' } };
    },
  }),
];
