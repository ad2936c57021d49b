// Console accounts through the real app: invitations, passwords, sessions and their cookies,
// CSRF on every form, and what a role may do.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from './helpers/http.js';
import {
  ConsoleClient,
  PASSWORD,
  csrfOf,
  invite,
  staffMember,
  textOf,
} from './helpers/consoleClient.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
const NGO = 'bridge-ngo';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('inviting staff (POST /issuers/{slug}/staff/invitations)', () => {
  it('answers the link once; the store keeps only the token’s hash', async () => {
    const response = await request(
      'POST',
      `${app.baseUrl}/issuers/${NGO}/staff/invitations`,
      { email: 'Mei@Bridge.example', role: 'issuer' },
      { key: ADMIN_KEY },
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ email: 'mei@bridge.example', role: 'issuer' });
    const token = String(response.body.url).split('/console/invitations/')[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await app.store.findStaffInvitationByTokenHash(sha256(token));
    expect(stored?.email).toBe('mei@bridge.example');
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('refuses a bad body with problem+json naming the field, and keys that are not the owner’s', async () => {
    const bad = await request(
      'POST',
      `${app.baseUrl}/issuers/${NGO}/staff/invitations`,
      { email: 'someone@example.org', role: 'admin' },
      { key: ADMIN_KEY },
    );
    expect(bad.status).toBe(422);
    expect(bad.contentType).toContain('application/problem+json');
    expect(JSON.stringify(bad.body.errors)).toContain('role');
    const anonymous = await request('POST', `${app.baseUrl}/issuers/${NGO}/staff/invitations`, {
      email: 'someone@example.org',
      role: 'viewer',
    });
    expect(anonymous.status).toBe(401);
    const scoped = await request(
      'POST',
      `${app.baseUrl}/issuers/${NGO}/scoped-keys`,
      { name: 'lms-invites', scopes: ['awards:write', 'batches:write', 'status:write'] },
      { key: ADMIN_KEY },
    );
    const refused = await request(
      'POST',
      `${app.baseUrl}/issuers/${NGO}/staff/invitations`,
      { email: 'someone@example.org', role: 'viewer' },
      { key: scoped.body.apiKey },
    );
    expect(refused.status).toBe(403);
  });
});

describe('accepting an invitation', () => {
  it('sets an argon2id password, signs in with a session cookie, and cannot be used twice', async () => {
    const url = await invite(app.baseUrl, NGO, 'ana@bridge.example', 'issuer');
    const browser = new ConsoleClient(app.baseUrl);
    const page = await browser.get(url);
    expect(page.status).toBe(200);
    expect(textOf(page.text)).toContain('ana@bridge.example');

    const short = await browser.post(url, {
      csrf: csrfOf(page.text),
      password: 'short',
      confirm: 'short',
    });
    expect(short.status).toBe(422);
    expect(textOf(short.text)).toContain('at least 12 characters');
    const differ = await browser.post(url, {
      csrf: csrfOf(page.text),
      password: PASSWORD,
      confirm: `${PASSWORD}!`,
    });
    expect(differ.status).toBe(422);
    expect(textOf(differ.text)).toContain('not the same');
    expect(await app.store.listStaffByEmail('ana@bridge.example')).toEqual([]);

    const accepted = await browser.post(url, {
      csrf: csrfOf(page.text),
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe('/console?lang=en');
    const cookie = accepted.setCookie ?? '';
    expect(cookie).toMatch(/^console_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/console');
    expect(cookie).toContain(`Max-Age=${12 * 3600}`);
    expect(cookie).not.toContain('Secure');

    const [staff] = await app.store.listStaffByEmail('ana@bridge.example');
    expect(staff?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(staff?.passwordHash).not.toContain(PASSWORD);
    const sessionId = browser.cookies.get('console_session') ?? '';
    expect(await app.store.findStaffSession(sessionId)).toBeUndefined();
    expect((await app.store.findStaffSession(sha256(sessionId)))?.staffId).toBe(staff?.id);

    const home = await browser.get('/console');
    expect(home.status).toBe(200);
    expect(textOf(home.text)).toContain('ana@bridge.example');

    const again = await new ConsoleClient(app.baseUrl).get(url);
    expect(again.status).toBe(409);
    expect(textOf(again.text)).toContain('has been used');
  });

  it('refuses an unknown link with a page, not JSON', async () => {
    const page = await new ConsoleClient(app.baseUrl).get(
      '/console/invitations/not-a-token-anyone-made',
    );
    expect(page.status).toBe(404);
    expect(page.contentType).toContain('text/html');
  });
});

describe('signing in and out', () => {
  it('signs in with the password, out here, and out everywhere', async () => {
    await staffMember(app.baseUrl, NGO, 'joe@bridge.example', 'viewer');
    const phone = new ConsoleClient(app.baseUrl);
    const laptop = new ConsoleClient(app.baseUrl);
    const wrong = await phone.submit('/console/sign-in', '/console/sign-in', {
      email: 'joe@bridge.example',
      password: 'not the password at all',
    });
    expect(wrong.status).toBe(401);
    expect(textOf(wrong.text)).toContain('The e-mail address or the password is not right.');
    for (const device of [phone, laptop]) {
      const signedIn = await device.submit('/console/sign-in', '/console/sign-in', {
        email: 'JOE@bridge.example',
        password: PASSWORD,
      });
      expect(signedIn.status).toBe(303);
      expect((await device.get('/console')).status).toBe(200);
    }
    const home = await phone.get('/console');
    const out = await phone.post('/console/sign-out', { csrf: csrfOf(home.text) });
    expect(out.status).toBe(303);
    expect(out.setCookie).toContain('Max-Age=0');
    expect((await phone.get('/console')).location).toBe('/console/sign-in?lang=en');
    expect((await laptop.get('/console')).status).toBe(200);

    await phone.submit('/console/sign-in', '/console/sign-in', {
      email: 'joe@bridge.example',
      password: PASSWORD,
    });
    const everywhere = await phone.submit('/console', '/console/sign-out-everywhere', {});
    expect(everywhere.location).toBe('/console/sign-in?notice=signedOutEverywhere&lang=en');
    expect((await laptop.get('/console')).location).toBe('/console/sign-in?lang=en');
  });

  it('refuses a sign-in form without its form token (403 page)', async () => {
    const browser = new ConsoleClient(app.baseUrl);
    await browser.get('/console/sign-in');
    const refused = await browser.post('/console/sign-in', {
      email: 'joe@bridge.example',
      password: PASSWORD,
    });
    expect(refused.status).toBe(403);
    expect(textOf(refused.text)).toContain('This form could not be accepted');
    expect(refused.setCookie).toBeNull();
  });
});

describe('CSRF and roles', () => {
  it('refuses a console form without the session’s CSRF token, and issues nothing', async () => {
    const staff = await staffMember(app.baseUrl, NGO, 'lin@bridge.example', 'issuer');
    const before = await app.store.listCredentialsOfIssuer(NGO, 100);
    const fields = { achievement: 'digital-basics', recipient: 'learner-csrf@example.org' };
    for (const csrf of [undefined, 'forged-token']) {
      const refused = await staff.post('/console/award', csrf ? { ...fields, csrf } : fields);
      expect(refused.status).toBe(403);
      expect(refused.contentType).toContain('text/html');
      expect(textOf(refused.text)).toContain('This form could not be accepted');
    }
    expect(await app.store.listCredentialsOfIssuer(NGO, 100)).toEqual(before);
  });

  it('gives a viewer a 403 page on Award and on changing a status, and Credentials without actions', async () => {
    const issuer = await staffMember(app.baseUrl, NGO, 'kai@bridge.example', 'issuer');
    const awarded = await issuer.submit('/console/award', '/console/award', {
      achievement: 'digital-basics',
      recipient: 'learner-viewer@example.org',
    });
    const uuid = /issued\/([0-9a-f-]{36})/.exec(awarded.location ?? '')?.[1] ?? '';
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    const viewer = await staffMember(app.baseUrl, NGO, 'vic@bridge.example', 'viewer');
    const award = await viewer.get('/console/award');
    expect(award.status).toBe(403);
    expect(textOf(award.text)).toContain('Your role (viewer) may not do this');
    const statusForm = await viewer.get(`/console/credentials/${uuid}/status`);
    expect(statusForm.status).toBe(403);
    const home = await viewer.get('/console');
    const revoke = await viewer.post(`/console/credentials/${uuid}/status`, {
      csrf: csrfOf(home.text),
      action: 'revoke',
      reason: 'viewer tries',
    });
    expect(revoke.status).toBe(403);
    const list = await viewer.get('/console/credentials');
    expect(list.status).toBe(200);
    expect(list.text).toContain(uuid);
    expect(list.text).not.toContain('Change status');
    const state = await request('GET', `${app.baseUrl}/credentials/${uuid}/status`);
    expect(state.body.state).toBe('active');
  });
});
