// Registrars: made by the admin like issuers (own key, DID, API key shown once, Profile), but a
// registrar's key never acts as an issuer and nobody awards in a registrar's name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuer, request, sampleAward, type Issuer } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

describe('registrars', () => {
  let app: TestApp;
  let registrar: { slug: string; id: string; apiKey: string };
  let issuer: Issuer;
  beforeAll(async () => {
    app = await startTestApp();
    issuer = await createIssuer(app.baseUrl, 'reg-test-ngo');
    const created = await request(
      'POST',
      `${app.baseUrl}/registrars`,
      { slug: 'qa-tw', name: 'Quality Assurance Taiwan', url: 'https://qa-tw.example' },
      { key: ADMIN_KEY },
    );
    expect(created.status).toBe(201);
    registrar = created.body as typeof registrar;
  });
  afterAll(() => app.close());

  it('gets a DID, an API key shown once and an OB 3.0 Profile', async () => {
    expect(registrar.id).toMatch(/^did:key:z6Mk/);
    expect(registrar.apiKey).toMatch(/^sck_/);
    const profile = await request('GET', `${app.baseUrl}/registrars/qa-tw`);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      id: registrar.id,
      type: ['Profile'],
      name: 'Quality Assurance Taiwan',
      url: 'https://qa-tw.example',
    });
    expect(JSON.stringify(profile.body)).not.toContain(registrar.apiKey);
  });

  it('has its own Ed25519 signing key, as issuers do', async () => {
    const record = await app.services.issuers.getRegistrar('qa-tw');
    const key = await app.services.issuers.signingKey(record);
    expect(key.controller).toBe(registrar.id);
  });

  it('is made by the admin only, with a slug no issuer has', async () => {
    const byIssuer = await request(
      'POST',
      `${app.baseUrl}/registrars`,
      { slug: 'qa-other', name: 'Other' },
      { key: issuer.apiKey },
    );
    expect(byIssuer.status).toBe(403);
    const taken = await request(
      'POST',
      `${app.baseUrl}/registrars`,
      { slug: issuer.slug, name: 'Clash' },
      { key: ADMIN_KEY },
    );
    expect(taken.status).toBe(409);
    expect(taken.body.type).toMatch(/issuer-exists$/);
    expect((await app.services.issuers.get(issuer.slug)).role).toBeUndefined();
  });

  it('is no issuer: GET /registrars/{issuer} is a 404', async () => {
    const missing = await request('GET', `${app.baseUrl}/registrars/${issuer.slug}`);
    expect(missing.status).toBe(404);
    expect(missing.contentType).toMatch(/application\/problem\+json/);
  });

  it('cannot award: its own key is refused, and the admin cannot award in its name', async () => {
    const byRegistrar = await request('POST', `${app.baseUrl}/issuers/qa-tw/awards`, sampleAward, {
      key: registrar.apiKey,
    });
    expect(byRegistrar.status).toBe(403);
    const byAdmin = await request('POST', `${app.baseUrl}/issuers/qa-tw/awards`, sampleAward, {
      key: ADMIN_KEY,
    });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.type).toMatch(/registrar-cannot-award$/);
    const onIssuer = await request(
      'POST',
      `${app.baseUrl}/issuers/${issuer.slug}/awards`,
      sampleAward,
      { key: registrar.apiKey },
    );
    expect(onIssuer.status).toBe(403);
  });
});
