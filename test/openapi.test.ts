import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { createApp } from '../src/app.js';
import { openApiPath } from '../src/http/openapi.js';
import { request } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** What Express actually serves, read from its router rather than from our route table. */
function registeredRoutes(express: Express): Array<{ method: string; path: string }> {
  const stack = (express as unknown as { router: { stack: Layer[] } }).router.stack;
  return stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((method) => ({
          method,
          path: layer.route?.path ?? '',
        }))
      : [],
  );
}

describe('OpenAPI document', () => {
  it('is served at /openapi.json as OpenAPI 3.1', async () => {
    const response = await request('GET', `${app.baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
  });

  it('describes every registered route', async () => {
    const document = (await request('GET', `${app.baseUrl}/openapi.json`)).body;
    const routes = registeredRoutes(createApp(app.services)).filter(
      (route) => route.path !== '/openapi.json',
    );
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      expect(
        document.paths[openApiPath(route.path)]?.[route.method],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    }
  });

  it('uses the same schemas that validate requests, and every reference resolves', async () => {
    const document = (await request('GET', `${app.baseUrl}/openapi.json`)).body;
    const award = document.paths['/issuers/{slug}/awards'].post;
    expect(award.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/AwardCreate',
    );
    expect(document.components.schemas.AwardCreate.required).toEqual(['achievement', 'recipient']);
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const pointer = ref.replace(/^"\$ref":"#\//, '').replace(/"$/, '');
      const target = pointer
        .split('/')
        .reduce<unknown>(
          (node, segment) => (node as Record<string, unknown> | undefined)?.[segment],
          document,
        );
      expect(target, ref).toBeDefined();
    }
  });
});
