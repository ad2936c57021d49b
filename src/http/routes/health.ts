import { ProblemError } from '../../core/problems.js';
import { defineRoute } from '../route.js';

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness check: the process answers (restart it when this fails)',
    tag: 'Service',
    access: 'public',
    responses: { 200: { description: 'The service is up', schema: 'health' } },
    async handle() {
      return { status: 200, body: { status: 'ok' } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/readyz',
    operationId: 'readiness',
    summary: 'Readiness check: the store takes writes (send traffic elsewhere when this fails)',
    tag: 'Service',
    access: 'public',
    responses: {
      200: { description: 'A probe write to the store succeeded', schema: 'readiness' },
      503: {
        description:
          'not-ready: the disk is full or the store is unreachable; the detail says which',
        schema: 'problem',
      },
    },
    async handle(_request, { readiness }) {
      const result = await readiness.check();
      if (!result.ready) throw new ProblemError('not-ready', result.reason);
      return { status: 200, body: { status: 'ready' } };
    },
  }),
];
