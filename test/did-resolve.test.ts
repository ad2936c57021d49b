// GET /dids/resolve through the real app: this service's did:web issuers from its store, another
// host's did:web through the URL policy (the tests' stand-in network), did:key in place; a bad or
// unresolvable DID is a problem naming why, and anonymous callers are rate-limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFromElsewhere } from './helpers/elsewhere.js';
import { createIssuer, request, type Issuer } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

const ELSEWHERE = 'https://exams.example';
let elsewhere: TestApp;
let app: TestApp;
let ngo: Issuer;
let board: Issuer;

const resolve = (did: string, target = app) =>
  fetch(`${target.baseUrl}/dids/resolve?did=${encodeURIComponent(did)}`);

beforeAll(async () => {
  elsewhere = await startTestApp({ env: { PUBLIC_URL: ELSEWHERE } });
  board = await createIssuer(elsewhere.baseUrl, 'board');
  app = await startTestApp({
    env: { PUBLIC_URL: 'https://badges.example.org', VERIFY_RATE_LIMIT: '10' },
    fetchRemoteJson: fetchFromElsewhere(ELSEWHERE, () => elsewhere.baseUrl),
  });
  ngo = await createIssuer(app.baseUrl, 'ngo');
});
afterAll(async () => {
  await app?.close();
  await elsewhere?.close();
});

describe('GET /dids/resolve', () => {
  it("answers this service's own did:web issuer with the document its did.json serves", async () => {
    const response = await resolve(ngo.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const own = await request('GET', `${app.baseUrl}/issuers/ngo/did.json`);
    expect(await response.json()).toEqual(own.body);
  });

  it("fetches another host's did:web, and says when its host cannot be reached", async () => {
    expect(board.id).toBe('did:web:exams.example:issuers:board');
    const found = await resolve(board.id);
    expect(found.status).toBe(200);
    const document = (await found.json()) as { id: string; verificationMethod: unknown[] };
    expect(document.id).toBe(board.id);
    expect(document.verificationMethod).toHaveLength(1);

    const unreachable = await resolve('did:web:nowhere.example');
    expect(unreachable.status).toBe(422);
    expect(unreachable.headers.get('content-type')).toContain('application/problem+json');
    expect(await unreachable.json()).toMatchObject({
      type: expect.stringContaining('did-unresolvable'),
      did: 'did:web:nowhere.example',
      unreachable: true,
    });
  });

  it('names a bad or unknown DID, and resolves a did:key in place', async () => {
    const unknown = await resolve('did:web:badges.example.org:issuers:nobody');
    expect(unknown.status).toBe(422);
    const problem = (await unknown.json()) as Record<string, unknown>;
    expect(problem.detail).toContain('no such issuer');
    expect(problem.unreachable).toBeUndefined();

    const malformed = await resolve('https://badges.example.org/issuers/ngo');
    expect(malformed.status).toBe(422);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(await malformed.json()).toMatchObject({
      type: expect.stringContaining('validation-failed'),
      errors: [expect.objectContaining({ field: 'query.did' })],
    });
    const missing = await fetch(`${app.baseUrl}/dids/resolve`);
    expect(await missing.json()).toMatchObject({
      errors: [{ field: 'query.did', message: 'is required' }],
    });

    const local = await startTestApp();
    try {
      const laptop = await createIssuer(local.baseUrl, 'laptop');
      const didKey = await resolve(laptop.id, local);
      expect(didKey.status).toBe(200);
      expect(didKey.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(((await didKey.json()) as { id: string }).id).toBe(laptop.id);
    } finally {
      await local.close();
    }
  });

  it('is in the OpenAPI document with its query parameter', async () => {
    const openapi = await request('GET', `${app.baseUrl}/openapi.json`);
    const operation = openapi.body.paths['/dids/resolve'].get;
    expect(operation.parameters).toEqual([
      expect.objectContaining({ name: 'did', in: 'query', required: true }),
    ]);
    expect(operation.responses['429']).toBeDefined();
  });

  it('limits anonymous callers like the verify routes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await resolve(ngo.id)).status);
    expect(statuses).toContain(429);
    const limited = await resolve(ngo.id);
    expect(limited.headers.get('retry-after')).not.toBeNull();
  });
});
