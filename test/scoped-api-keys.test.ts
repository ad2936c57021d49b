// Named API keys with scopes: a key does only what its scopes say, expires and can be revoked;
// the issuer's own key and the admin key keep every power.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, createIssuer, request, type AnyJson, type Issuer } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

/** The app's clock; a test moves it past a key's expiry. */
let now = Date.parse('2026-12-01T09:00:00Z');
let app: TestApp;
let ngo: Issuer;
let other: Issuer;

beforeAll(async () => {
  app = await startTestApp({ clock: () => new Date(now) });
  ngo = await createIssuer(app.baseUrl, 'ngo');
  other = await createIssuer(app.baseUrl, 'other');
});
afterAll(async () => app.close());

async function makeKey(body: AnyJson, key = ngo.apiKey, slug = 'ngo') {
  return request('POST', `${app.baseUrl}/issuers/${slug}/scoped-keys`, body, { key });
}

async function scopedKey(name: string, scopes: string[], expiresAt?: string): Promise<string> {
  const made = await makeKey({ name, scopes, ...(expiresAt ? { expiresAt } : {}) });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return String(made.body.apiKey);
}

const awardWith = (key: string) => award(app.baseUrl, { ...ngo, apiKey: key });
const revokeWith = (key: string, id: string) =>
  request(
    'POST',
    `${app.baseUrl}/credentials/${id.replace('urn:uuid:', '')}/status`,
    { action: 'revoke', reason: 'x' },
    { key },
  );

describe('scoped API keys', () => {
  it('an awards-only key awards but cannot revoke, and the 403 names the scope it lacks', async () => {
    const lms = await scopedKey('lms', ['awards:write']);
    const awarded = await awardWith(lms);
    expect(awarded.status).toBe(201);
    const refused = await revokeWith(lms, String(awarded.body.credential.id));
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/scope-missing$/);
    expect(refused.body.requiredScope).toBe('status:write');
    expect(refused.body.detail).toContain('status:write');
    const progress = await request(
      'GET',
      `${app.baseUrl}/learners/progress?email=ana.perez@example.org`,
      undefined,
      { key: lms },
    );
    expect(progress.status).toBe(403);
    expect(progress.body.requiredScope).toBe('learners:read');
  });

  it('a status key revokes; neither scoped key makes keys or reaches a route with no scope', async () => {
    const registrar = await scopedKey('registry-sync', ['status:write', 'learners:read']);
    const credential = (await award(app.baseUrl, ngo)).body.credential as AnyJson;
    expect((await revokeWith(registrar, String(credential.id))).status).toBe(200);
    const made = await makeKey({ name: 'sneaky', scopes: ['awards:write'] }, registrar);
    expect(made.status).toBe(403);
    expect(made.body.type).toMatch(/scope-missing$/);
    const purposes = await request(
      'PUT',
      `${app.baseUrl}/issuers/ngo/status-purposes`,
      { statusPurposes: ['revocation'] },
      { key: registrar },
    );
    expect(purposes.status).toBe(403);
  });

  it('acts only for its own issuer', async () => {
    const lms = await scopedKey('lms-2', ['awards:write']);
    const elsewhere = await award(app.baseUrl, { ...other, apiKey: lms });
    expect(elsewhere.status).toBe(403);
    const made = await makeKey({ name: 'x', scopes: ['awards:write'] }, ngo.apiKey, 'other');
    expect(made.status).toBe(403);
  });

  it('lists keys without their secret, refuses a revoked key and an expired one with 401', async () => {
    const expiring = await scopedKey('short', ['awards:write'], '2026-12-02T09:00:00Z');
    const revoked = await scopedKey('gone', ['awards:write']);
    const list = await request('GET', `${app.baseUrl}/issuers/ngo/scoped-keys`, undefined, {
      key: ngo.apiKey,
    });
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(expiring);
    expect(text).not.toContain(revoked);
    expect(text).not.toMatch(/keyHash|sck_/);
    const gone = (list.body.keys as AnyJson[]).find((k) => k.name === 'gone');
    const revoke = await request(
      'POST',
      `${app.baseUrl}/issuers/ngo/scoped-keys/${String(gone?.id)}/revoke`,
      undefined,
      { key: ADMIN_KEY },
    );
    expect(revoke.status).toBe(200);
    expect(revoke.body.state).toBe('revoked');
    const refused = await awardWith(revoked);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toContain('revoked');

    expect((await awardWith(expiring)).status).toBe(201);
    now += 2 * 86_400_000;
    const expired = await awardWith(expiring);
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toContain('expired');
    const states = (
      await request('GET', `${app.baseUrl}/issuers/ngo/scoped-keys`, undefined, { key: ngo.apiKey })
    ).body.keys as AnyJson[];
    expect(states.find((k) => k.name === 'short')?.state).toBe('expired');
    // The issuer's own key keeps working.
    expect((await award(app.baseUrl, ngo)).status).toBe(201);
  });

  it('refuses a taken name (409), an unknown scope and a past expiry (422), naming the field', async () => {
    await scopedKey('crm', ['learners:read']);
    const taken = await makeKey({ name: 'crm', scopes: ['learners:read'] });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toMatch(/api-key-name-taken$/);
    const unknown = await makeKey({ name: 'y', scopes: ['everything'] });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body.errors)).toContain('scopes');
    const past = await makeKey({
      name: 'z',
      scopes: ['awards:write'],
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(422);
    expect(JSON.stringify(past.body.errors)).toContain('expiresAt');
  });

  it("puts every route's scope in the OpenAPI document", async () => {
    const document = (await request('GET', `${app.baseUrl}/openapi.json`)).body;
    const awards = document.paths['/issuers/{slug}/awards'].post;
    expect(awards.security).toEqual([{ bearerAuth: ['awards:write'] }]);
    expect(awards['x-scope']).toBe('awards:write');
    expect(document.paths['/credentials/status/bulk'].post.security).toEqual([
      { bearerAuth: ['status:write'] },
    ]);
    expect(document.paths['/learners/progress'].get['x-scope']).toBe('learners:read');
    expect(document.paths['/issuers/{slug}/scoped-keys'].post['x-scope']).toBeNull();
  });
});
