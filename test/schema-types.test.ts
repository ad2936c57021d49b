import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  generateRequestBodies,
  REQUEST_BODIES_FILE,
  requestSchemaNames,
} from '../scripts/generate-schema-types.js';
import type { RequestBodies } from '../src/http/requestBodies.js';
import { defineRoute, type RouteRequest } from '../src/http/route.js';
import { schemaDocuments } from '../src/schemas.js';
import type { Services } from '../src/services.js';

const committed = readFileSync(REQUEST_BODIES_FILE, 'utf8');

/** Runs a route's handler with a body, so the type assertions inside it are code that runs. */
function call(route: ReturnType<typeof defineRoute>, body: unknown) {
  const request: RouteRequest<unknown> = {
    params: {},
    query: {},
    headers: {},
    body,
    principal: undefined,
  };
  return route.handle(request, {} as Services);
}

const spec = {
  method: 'post',
  path: '/test',
  operationId: 'test',
  summary: 'test',
  tag: 'Test',
  access: 'public',
  responses: { 204: { description: 'Done' } },
} as const;

describe('request body types come from the schemas', () => {
  it('src/http/requestBodies.ts is what npm run generate:types writes from schemas/ now', async () => {
    // A schema changed without regenerating fails here: run `npm run generate:types`.
    expect(await generateRequestBodies()).toBe(committed);
  });

  it('has one body type for every schema a route validates a JSON body with', () => {
    const keys = [...committed.matchAll(/^ {2}'([a-z-]+)': \w+;$/gm)].map((match) => match[1]);
    expect(keys).toEqual(requestSchemaNames());
    expect(keys).toContain('award-create');
  });

  it('a changed schema changes the generated types, so the committed file no longer matches', async () => {
    const documents = [...schemaDocuments.entries()].map(([name, document]) => {
      if (name !== 'status-change') return document;
      const changed = structuredClone(document) as {
        properties: { action: { enum: string[] } };
      };
      changed.properties.action.enum.push('archive');
      return changed;
    });
    const regenerated = await generateRequestBodies(documents);
    expect(regenerated).toContain(`action: 'revoke' | 'suspend' | 'reinstate' | 'archive';`);
    expect(regenerated).not.toBe(committed);
  });

  it("a route's handler gets the type of the body its requestSchema validates", async () => {
    const seen: unknown[] = [];
    const route = defineRoute({
      ...spec,
      requestSchema: 'status-change',
      async handle({ body }) {
        expectTypeOf(body).toEqualTypeOf<RequestBodies['status-change']>();
        // The enum in schemas/status-change.json, as a type.
        expectTypeOf(body.action).toEqualTypeOf<'revoke' | 'suspend' | 'reinstate'>();
        expectTypeOf(body).not.toHaveProperty('credentialId');
        seen.push(body.action);
        return { status: 204, body: '' };
      },
    });
    await call(route, { action: 'revoke', reason: 'test' });
    expect(seen).toEqual(['revoke']);
  });

  it('a oneOf of required properties becomes a union: a learner import names an e-mail or a DID', async () => {
    const route = defineRoute({
      ...spec,
      requestSchema: 'learner-import',
      async handle({ body }) {
        expectTypeOf(body).toExtend<{ email: string } | { did: string }>();
        const recipient: { email: string } | { did: string } = body;
        return { status: 200, body: recipient };
      },
    });
    const response = await call(route, { verifiableCredential: 'a.b.c', did: 'did:example:1' });
    expect(response.body).toEqual({ verifiableCredential: 'a.b.c', did: 'did:example:1' });
  });

  it('a route that also takes raw bytes may get no JSON body; one without a schema never does', () => {
    defineRoute({
      ...spec,
      requestSchema: 'credential-verify',
      rawBody: { mediaTypes: ['image/png'], limit: 1 },
      async handle({ body }) {
        expectTypeOf(body).toEqualTypeOf<RequestBodies['credential-verify'] | undefined>();
        return { status: 204, body: '' };
      },
    });
    defineRoute({
      ...spec,
      async handle({ body }) {
        expectTypeOf(body).toEqualTypeOf<undefined>();
        return { status: 204, body: '' };
      },
    });
  });

  it('a requestSchema without a generated type does not compile', () => {
    expect(() =>
      defineRoute({
        ...spec,
        // @ts-expect-error: no schema is named so (or it was added without npm run generate:types)
        requestSchema: 'no-such-schema',
        async handle() {
          return { status: 204, body: '' };
        },
      }),
    ).not.toThrow();
  });
});
