// Passkeys in Chromium through the real app, with Chromium's virtual authenticator (a platform
// authenticator that verifies its user): a member adds one on Your passkeys, signs out and signs
// in with it, and once it is removed it signs in no more. The browser's own answers, posted again,
// are refused: each challenge is used once. The app runs on http://localhost, as passkeys refuse
// an IP address for their relying party.
import type { BrowserContext, CDPSession, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, textOf } from '../helpers/consoleClient.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { useChromium } from './chromium.js';
import { acceptInvitation, pageChecker } from './pageChecks.js';

const browser = useChromium();
let app: TestApp;
const checkPage = pageChecker('/tmp/console-passkeys-shots');

beforeAll(async () => {
  app = await startTestApp({ publicHost: 'localhost' });
});
afterAll(async () => app?.close());

/** A context whose pages have a platform passkey authenticator that says yes by itself. */
async function withAuthenticator(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser().newContext();
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { context, page };
}

/** The next form post to `path`, as the browser sent it. */
function nextPost(page: Page, path: string): Promise<Request> {
  return page.waitForRequest(
    (request) => request.method() === 'POST' && new URL(request.url()).pathname === path,
  );
}

const staffIdOf = async (email: string): Promise<string> => {
  const [staff] = await app.store.listStaffByEmail(email);
  if (!staff) throw new Error(`no staff ${email}`);
  return staff.id;
};

describe('console passkeys in a browser', () => {
  it('adds a passkey, signs in with it, and signs in no more once it is removed', async () => {
    const { context, page } = await withAuthenticator();
    await acceptInvitation(
      page,
      await invite(app.baseUrl, 'bridge-ngo', 'ada@bridge.example', 'viewer'),
    );
    await page.getByRole('link', { name: 'Your passkeys' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('You have no passkeys yet.');

    await page.getByLabel('Name', { exact: true }).fill('Work laptop');
    const registration = nextPost(page, '/console/passkeys');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    const registered = await registration;
    await page.waitForURL(/notice=added/);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain(
      'Your passkey was added.',
    );
    const table = page.locator('main table');
    await expect(table.innerText()).resolves.toContain('Work laptop');
    await expect(table.innerText()).resolves.toContain('Not yet');
    await checkPage(page, 'passkeys');
    const staffId = await staffIdOf('ada@bridge.example');
    expect(await app.store.listPasskeysOfStaff(staffId)).toHaveLength(1);

    // The same answer again: its challenge was used, so nothing more is kept.
    const replayed = await page.request.post(registered.url(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: registered.postData() ?? '',
      maxRedirects: 0,
    });
    expect(replayed.status()).toBe(422);
    expect(textOf(await replayed.text())).toContain("The browser's answer did not verify");
    expect(await app.store.listPasskeysOfStaff(staffId)).toHaveLength(1);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/console\/sign-in/);
    await checkPage(page, 'sign-in-with-passkey');
    const signIn = nextPost(page, '/console/sign-in/passkey');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    const signedInWith = await signIn;
    await page.waitForURL(/\/console\?lang=en$/);
    await expect(page.locator('.signed-in').innerText()).resolves.toContain('ada@bridge.example');
    await page.getByRole('link', { name: 'Your passkeys' }).click();
    await expect(table.innerText()).resolves.not.toContain('Not yet');

    // Its sign-in answer again, in a browser with the form cookie but no session: refused.
    const again = await page.request.post(signedInWith.url(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: signedInWith.postData() ?? '',
      maxRedirects: 0,
    });
    expect(again.status()).toBe(401);
    expect(again.headers()['set-cookie'] ?? '').not.toContain('console_session');

    await page.getByRole('button', { name: 'Remove the passkey Work laptop' }).click();
    await page.waitForURL(/notice=removed/);
    await expect(page.locator('main').innerText()).resolves.toContain('You have no passkeys yet.');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/console\/sign-in/);
    // The authenticator still offers it; the service no longer knows it.
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(/\/console\/sign-in\/passkey/);
    await expect(page.locator('#problems').innerText()).resolves.toContain(
      'That passkey could not sign you in here.',
    );
    await context.close();
  });

  it('refuses a challenge asked for without the form token', async () => {
    const { context, page } = await withAuthenticator();
    await page.goto(`${app.baseUrl}/console/sign-in`);
    const refused = await page.request.post(`${app.baseUrl}/console/sign-in/passkey-options`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: 'csrf=not-the-token',
    });
    expect(refused.status()).toBe(403);
    await context.close();
  });
});
