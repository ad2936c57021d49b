import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, createIssuer, request, verify, type Issuer } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let ngo: Issuer;

beforeAll(async () => {
  app = await startTestApp({ env: { PUBLIC_URL: 'https://badges.example.org' } });
  ngo = await createIssuer(app.baseUrl, 'ngo');
});
afterAll(async () => app.close());

describe('did:web issuers (https PUBLIC_URL)', () => {
  it('names the issuer did:web:<host>:issuers:<slug> and serves its DID document', async () => {
    expect(ngo.id).toBe('did:web:badges.example.org:issuers:ngo');
    const document = await request('GET', `${app.baseUrl}/issuers/ngo/did.json`);
    expect(document.status).toBe(200);
    expect(document.body.id).toBe(ngo.id);
    expect(document.body.verificationMethod).toHaveLength(1);
    expect(document.body.assertionMethod).toEqual([document.body.verificationMethod[0].id]);
  });

  it('serves the issuer as an OB3 Profile', async () => {
    const profile = await request('GET', `${app.baseUrl}/issuers/ngo`);
    expect(profile.body).toMatchObject({
      id: ngo.id,
      type: ['Profile'],
      name: 'Issuer ngo',
      url: 'https://ngo.example',
    });
  });

  it('after rotation signs with the new key, and what the old key signed still verifies', async () => {
    const before = await award(app.baseUrl, ngo);
    const rotated = await request('POST', `${app.baseUrl}/issuers/ngo/keys/rotate`, undefined, {
      key: ADMIN_KEY,
    });
    expect(rotated.status).toBe(201);
    const after = await award(app.baseUrl, ngo);

    expect(after.body.credential.proof[0].verificationMethod).toBe(rotated.body.verificationMethod);
    expect(after.body.credential.proof[0].verificationMethod).not.toBe(
      before.body.credential.proof[0].verificationMethod,
    );
    const document = await request('GET', `${app.baseUrl}/issuers/ngo/did.json`);
    expect(document.body.verificationMethod).toHaveLength(2);
    expect((await verify(app.baseUrl, before.body.credential)).body.verified).toBe(true);
    expect((await verify(app.baseUrl, after.body.credential)).body.verified).toBe(true);
  });

  it('keeps rotation to the admin', async () => {
    const response = await request('POST', `${app.baseUrl}/issuers/ngo/keys/rotate`, undefined, {
      key: ngo.apiKey,
    });
    expect(response.status).toBe(403);
  });
});

describe('did:key issuers (plain-http PUBLIC_URL)', () => {
  it('cannot rotate: the DID is the key', async () => {
    const local = await startTestApp();
    try {
      const issuer = await createIssuer(local.baseUrl, 'laptop-ngo');
      expect(issuer.id).toMatch(/^did:key:z6Mk/);
      const response = await request(
        'POST',
        `${local.baseUrl}/issuers/laptop-ngo/keys/rotate`,
        undefined,
        { key: ADMIN_KEY },
      );
      expect(response.status).toBe(409);
      expect((await request('GET', `${local.baseUrl}/issuers/laptop-ngo/did.json`)).status).toBe(
        404,
      );
    } finally {
      await local.close();
    }
  });
});
