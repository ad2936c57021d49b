import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, createIssuer, request, sampleAward, type Issuer } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let ngo: Issuer;
let college: Issuer;

beforeAll(async () => {
  app = await startTestApp();
  ngo = await createIssuer(app.baseUrl, 'ngo');
  college = await createIssuer(app.baseUrl, 'college');
});
afterAll(async () => app.close());

const awardsUrl = (slug: string): string => `${app.baseUrl}/issuers/${slug}/awards`;

function expectProblem(
  response: { status: number; contentType: string; body: Record<string, unknown> },
  status: number,
): void {
  expect(response.status).toBe(status);
  expect(response.contentType).toContain('application/problem+json');
  expect(response.body.status).toBe(status);
  expect(response.body.type).toMatch(/^https:\/\//);
  expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+/);
}

describe('authentication and authorisation', () => {
  it('answers 401 when no API key is sent', async () => {
    expectProblem(await request('POST', awardsUrl('ngo'), sampleAward), 401);
  });

  it('answers 401 for an unknown API key', async () => {
    expectProblem(
      await request('POST', awardsUrl('ngo'), sampleAward, { key: 'sck_not-a-real-key' }),
      401,
    );
  });

  it("answers 403 when an issuer's key is used for another issuer", async () => {
    const response = await request('POST', awardsUrl('ngo'), sampleAward, { key: college.apiKey });
    expectProblem(response, 403);
    expect(response.body.detail).toContain('college');
  });

  it('lets the admin key act for any issuer', async () => {
    expect((await request('POST', awardsUrl('ngo'), sampleAward, { key: ADMIN_KEY })).status).toBe(
      201,
    );
  });

  it('keeps issuer creation to the admin', async () => {
    expectProblem(
      await request(
        'POST',
        `${app.baseUrl}/issuers`,
        { slug: 'x', name: 'X' },
        { key: ngo.apiKey },
      ),
      403,
    );
  });

  it('lets the admin give an issuer a new API key; the old one stops working', async () => {
    const issued = await request('POST', `${app.baseUrl}/issuers/college/api-keys`, undefined, {
      key: ADMIN_KEY,
    });
    expect(issued.status).toBe(201);
    const fresh = String(issued.body.apiKey);
    expect((await request('POST', awardsUrl('college'), sampleAward, { key: fresh })).status).toBe(
      201,
    );
    expect(
      (await request('POST', awardsUrl('college'), sampleAward, { key: college.apiKey })).status,
    ).toBe(401);
    college = { ...college, apiKey: fresh };
    expect(
      (await request('POST', `${app.baseUrl}/issuers/ngo/api-keys`, undefined, { key: ngo.apiKey }))
        .status,
    ).toBe(403);
  });

  it('stores API keys only as hashes', async () => {
    const stored = await app.store.findIssuer('ngo');
    expect(JSON.stringify(stored)).not.toContain(ngo.apiKey);
  });
});

describe('bad input', () => {
  it('answers 400 for malformed JSON', async () => {
    const response = await request('POST', awardsUrl('ngo'), undefined, {
      key: ngo.apiKey,
      raw: '{"achievement": ',
    });
    expectProblem(response, 400);
    expect(response.body.detail).toMatch(/not valid JSON/);
  });

  it('answers 422 naming achievement.name when it is missing', async () => {
    const body = { ...sampleAward, achievement: { ...sampleAward.achievement, name: undefined } };
    const response = await award(app.baseUrl, ngo, body);
    expectProblem(response, 422);
    expect(response.body.errors).toContainEqual({
      field: 'achievement.name',
      message: 'is required',
    });
    expect(response.body.detail).toContain('achievement.name');
  });

  it('answers 422 for a recipient that is neither an e-mail address nor a DID', async () => {
    const response = await award(app.baseUrl, ngo, {
      ...sampleAward,
      recipient: { email: 'not-an-address' },
    });
    expectProblem(response, 422);
    expect(JSON.stringify(response.body.errors)).toContain('recipient');
  });

  it('answers 413 for a body over the limit', async () => {
    const huge = {
      ...sampleAward,
      achievement: { ...sampleAward.achievement, description: 'x'.repeat(1_100_000) },
    };
    expectProblem(await award(app.baseUrl, ngo, huge), 413);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await request('POST', awardsUrl('ngo'), undefined, {
      key: ngo.apiKey,
      raw: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(response, 415);
  });

  it('answers 404 for unknown routes, issuers and credentials', async () => {
    expectProblem(await request('GET', `${app.baseUrl}/no/such/route`), 404);
    expectProblem(await request('GET', `${app.baseUrl}/issuers/nobody`), 404);
    expectProblem(
      await request('GET', `${app.baseUrl}/credentials/6f1c2c8e-5b8a-4b43-9d1e-1a2b3c4d5e6f`),
      404,
    );
    expectProblem(await request('GET', `${app.baseUrl}/credentials/not-a-uuid`), 404);
  });

  it('answers 409 for a second issuer with the same slug and leaves the first intact', async () => {
    const response = await request(
      'POST',
      `${app.baseUrl}/issuers`,
      { slug: 'ngo', name: 'Impostor' },
      { key: ADMIN_KEY },
    );
    expectProblem(response, 409);
    expect((await request('GET', `${app.baseUrl}/issuers/ngo`)).body.name).toBe('Issuer ngo');
  });

  it('answers 422 for a bad slug, naming it', async () => {
    const response = await request(
      'POST',
      `${app.baseUrl}/issuers`,
      { slug: 'Bad Slug!', name: 'X' },
      { key: ADMIN_KEY },
    );
    expectProblem(response, 422);
    expect(response.body.errors[0].field).toBe('slug');
  });

  it('answers verify requests without a credential with 422', async () => {
    const response = await request('POST', `${app.baseUrl}/credentials/verify`, { credential: {} });
    expectProblem(response, 422);
    expect(response.body.errors[0].field).toBe('verifiableCredential');
  });

  it('reports a structurally broken credential as a failed structure check, not a 500', async () => {
    const response = await request('POST', `${app.baseUrl}/credentials/verify`, {
      verifiableCredential: { hello: 'world' },
    });
    expectProblem(response, 422);
    expect(response.body.checks[0]).toMatchObject({ id: 'structure', outcome: 'failure' });
  });
});

describe('idempotent awards', () => {
  it('returns the first credential when the same Idempotency-Key is sent again, even concurrently', async () => {
    const send = (): ReturnType<typeof request> =>
      request('POST', awardsUrl('ngo'), sampleAward, {
        key: ngo.apiKey,
        headers: { 'idempotency-key': 'retry-1' },
      });
    const first = await send();
    const [second, third] = await Promise.all([send(), send()]);
    expect(first.status).toBe(201);
    expect(second.body.credential.id).toBe(first.body.credential.id);
    expect(third.body.credential.id).toBe(first.body.credential.id);
  });

  it('refuses the same key with a different body', async () => {
    await request('POST', awardsUrl('ngo'), sampleAward, {
      key: ngo.apiKey,
      headers: { 'idempotency-key': 'retry-2' },
    });
    const other = { ...sampleAward, recipient: { email: 'someone.else@example.org' } };
    const response = await request('POST', awardsUrl('ngo'), other, {
      key: ngo.apiKey,
      headers: { 'idempotency-key': 'retry-2' },
    });
    expectProblem(response, 422);
  });

  it('frees the key when the first attempt fails, so a corrected retry issues', async () => {
    const headers = { 'idempotency-key': 'retry-3' };
    const bad = { ...sampleAward, validUntil: '2000-01-01T00:00:00Z' };
    expect(
      (await request('POST', awardsUrl('ngo'), bad, { key: ngo.apiKey, headers })).status,
    ).toBe(422);
    expect(
      (await request('POST', awardsUrl('ngo'), sampleAward, { key: ngo.apiKey, headers })).status,
    ).toBe(201);
  });
});
