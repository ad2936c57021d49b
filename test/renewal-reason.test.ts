// A renewal's reason, through the API and the console: the reason is kept with the new credential
// and shown on its console page; a bad body is a 422 that renews nothing; the console asks for a
// reason before it renews; the API still renews without a body, as clients always could.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule } from './helpers/catalogAwards.js';
import { staffMember, textOf, type ConsoleClient } from './helpers/consoleClient.js';
import { request } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const NGO = 'bridge-ngo';
let app: TestApp;
let issuer: ConsoleClient;

beforeAll(async () => {
  app = await startTestApp();
  issuer = await staffMember(app.baseUrl, NGO, 'ren@bridge.example', 'issuer');
});
afterAll(async () => app?.close());

async function awarded(email: string): Promise<string> {
  const response = await awardModule(app.baseUrl, 'digital-basics', email);
  expect(response.status).toBe(201);
  return String(response.body.credential.id).replace('urn:uuid:', '');
}

const renew = (uuid: string, body?: unknown, raw?: string) =>
  request('POST', `${app.baseUrl}/credentials/${uuid}/renew`, body, {
    key: ADMIN_KEY,
    ...(raw === undefined ? {} : { raw }),
  });

/** Renewals this issuer made, as its partner metrics count them. */
async function renewals(): Promise<number> {
  const metrics = await request('GET', `${app.baseUrl}/issuers/${NGO}/metrics`, undefined, {
    key: ADMIN_KEY,
  });
  return Number(metrics.body.totals.renewed);
}

describe('a renewal’s reason', () => {
  it('is kept with the renewal made through the API and shown on its console page', async () => {
    const uuid = await awarded('ana@example.org');
    const renewed = await renew(uuid, { reason: 'Re-examined after the module changed' });
    expect(renewed.status).toBe(201);
    const newUuid = String(renewed.body.credential.id).replace('urn:uuid:', '');
    const page = textOf((await issuer.get(`/console/credentials/${newUuid}`)).text);
    expect(page).toContain(`Renews ${uuid}`);
    expect(page).toContain('Why it was renewed Re-examined after the module changed');
    // Staff see it; the public page does not.
    const publicPage = await (await fetch(`${app.baseUrl}/c/${newUuid}`)).text();
    expect(publicPage).not.toContain('Re-examined after the module changed');
  });

  it('refuses a bad body as a 422 naming the field, renewing nothing; no body still renews', async () => {
    const uuid = await awarded('ben@example.org');
    const before = await renewals();
    for (const body of [{ reason: '' }, { reason: 'x', why: 'y' }, { reason: 7 }]) {
      const refused = await renew(uuid, body);
      expect(refused.status).toBe(422);
      expect(refused.contentType).toContain('application/problem+json');
    }
    const broken = await renew(uuid, undefined, '{"reason":');
    expect(broken.status).toBe(400);
    // Bytes without a Content-Type are not a body left out.
    const untyped = await fetch(`${app.baseUrl}/credentials/${uuid}/renew`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      body: new Blob(['{"reason":"x"}']),
    });
    expect(untyped.status).toBe(415);
    expect(await renewals()).toBe(before);
    expect((await renew(uuid)).status).toBe(201);
    expect(await renewals()).toBe(before + 1);
  });

  it('is asked for on the console before it renews', async () => {
    const uuid = await awarded('cai@example.org');
    const path = `/console/credentials/${uuid}`;
    const before = await renewals();
    const blank = await issuer.submit(path, `${path}/renew`, { reason: '  ' });
    expect(blank.status).toBe(422);
    expect(await renewals()).toBe(before);
    const done = await issuer.submit(path, `${path}/renew`, { reason: 'Lost the first one' });
    expect(done.status).toBe(303);
    const page = textOf((await issuer.get(done.location ?? '')).text);
    expect(page).toContain('Renewed: this is the new credential.');
    expect(page).toContain('Why it was renewed Lost the first one');
  });
});
