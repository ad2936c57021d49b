// Sign-in limits and cookie flags, each on an app configured for it.
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleClient, PASSWORD, invite, staffMember, textOf } from './helpers/consoleClient.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const NGO = 'bridge-ngo';

async function signIn(baseUrl: string, email: string, password: string) {
  return new ConsoleClient(baseUrl).submit('/console/sign-in', '/console/sign-in', {
    email,
    password,
  });
}

describe('sign-in limits', () => {
  it('stops an account after its failed attempts, with a page saying when to retry', async () => {
    app = await startTestApp({ env: { SIGN_IN_LIMIT_PER_ACCOUNT: '3' } });
    await staffMember(app.baseUrl, NGO, 'guessed@bridge.example', 'issuer');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await signIn(app.baseUrl, 'guessed@bridge.example', `guess ${attempt}`)).status).toBe(
        401,
      );
    }
    const limited = await signIn(app.baseUrl, 'Guessed@bridge.example', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.contentType).toContain('text/html');
    expect(textOf(limited.text)).toMatch(/Wait about 15 minutes, then try again \(from .+ UTC\)/);
    expect(limited.setCookie).toBeNull();
    // Another account from the same address is not held back by this one's failures.
    await staffMember(app.baseUrl, NGO, 'other@bridge.example', 'viewer');
    expect((await signIn(app.baseUrl, 'other@bridge.example', PASSWORD)).status).toBe(303);
  });

  it('stops an address after its failed attempts across accounts, in the page’s language', async () => {
    app = await startTestApp({ env: { SIGN_IN_LIMIT_PER_ADDRESS: '2' } });
    expect((await signIn(app.baseUrl, 'a@nowhere.example', 'wrong password 1')).status).toBe(401);
    expect((await signIn(app.baseUrl, 'b@nowhere.example', 'wrong password 2')).status).toBe(401);
    const browser = new ConsoleClient(app.baseUrl);
    const limited = await browser.submit('/console/sign-in?lang=ja', '/console/sign-in?lang=ja', {
      email: 'c@nowhere.example',
      password: 'wrong password 3',
    });
    expect(limited.status).toBe(429);
    expect(textOf(limited.text)).toContain('サインインの試行が多すぎます');
  });

  it('counts only failures: staff who sign in right are never held back', async () => {
    app = await startTestApp({ env: { SIGN_IN_LIMIT_PER_ACCOUNT: '2' } });
    await staffMember(app.baseUrl, NGO, 'daily@bridge.example', 'issuer');
    for (let day = 0; day < 4; day += 1) {
      expect((await signIn(app.baseUrl, 'daily@bridge.example', PASSWORD)).status).toBe(303);
    }
  });
});

describe('session cookie', () => {
  it('is Secure when PUBLIC_URL is https, and scoped to its path prefix', async () => {
    // As behind a proxy that serves the service at https://badges.example.org/ngo.
    app = await startTestApp({ env: { PUBLIC_URL: 'https://badges.example.org/ngo' } });
    const link = await invite(app.baseUrl, NGO, 'secure@bridge.example', 'issuer');
    expect(link).toMatch(/^https:\/\/badges\.example\.org\/ngo\/console\/invitations\//);
    const path = link.replace('https://badges.example.org/ngo', '');
    const browser = new ConsoleClient(app.baseUrl);
    const accepted = await browser.submit(path, path, { password: PASSWORD, confirm: PASSWORD });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe('/ngo/console?lang=en');
    expect(accepted.setCookie).toMatch(/^console_session=/);
    expect(accepted.setCookie).toContain('Secure');
    expect(accepted.setCookie).toContain('HttpOnly');
    expect(accepted.setCookie).toContain('SameSite=Lax');
    expect(accepted.setCookie).toContain('Path=/ngo/console');
  });
});
