// The verify page offline, in Chromium through the real app: after one visit it opens with the
// service gone and the network off, checks a pasted vc+jwt on the device with the server's check
// ids and wording (status "could not be checked", never passed), fails a tampered one by the
// named check, and checks a DX Passport 3 credential QR read from a screenshot, then checks it
// again on the service as soon as the page is back online. A credential of another service (on
// its own origin, which the page may not ask) is "last read" offline as of when this service read
// its status list for the page, online or in the queued re-check; never when it could not.
import jsQRModule from 'jsqr';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule } from '../helpers/catalogAwards.js';
import { formatDateTime } from '../../src/pages/i18n/dates.js';
import { fetchFromElsewhere } from '../helpers/elsewhere.js';
import { createIssuer, issueViaApi, unsignedOpenBadge } from '../helpers/http.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { accessibilityViolations } from './axe.js';
import { useChromium } from './chromium.js';

// jsqr is CommonJS whose types declare an ES default export; NodeNext sees it one level down.
const jsQR = jsQRModule.default;

const browser = useChromium();
const SHOTS = '/tmp/offline-verify-shots';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function issueJwt(target: TestApp, slug: string): Promise<string> {
  const issuer = await createIssuer(target.baseUrl, slug);
  const issued = await issueViaApi(target.baseUrl, issuer, unsignedOpenBadge(issuer), 'jwt');
  expect(issued.status).toBe(201);
  return issued.body.verifiableCredential as string;
}

/** Opens /verify and waits until its service worker has kept the page for offline use. */
async function visitVerify(context: BrowserContext, baseUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/verify?lang=en`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  return page;
}

async function check(page: Page, code: string): Promise<void> {
  await page.getByLabel('Code from a QR, or a JWT').fill(code);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
}

const checkLine = (page: Page, id: string) => page.locator(`#scan-result li[data-check="${id}"]`);

/** The status lists this device remembers as read, by URL, with when. */
const listsSeen = async (page: Page): Promise<Record<string, string>> =>
  JSON.parse((await page.evaluate(() => localStorage.getItem('verify.statusListsSeen'))) ?? '{}');

const revocationListOf = (jwt: string): string =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()).credentialStatus
    .statusListCredential;

const LAST_READ = "the service last read the issuer's status list for this device on";
const NEVER_READ = "the service has not read the issuer's status list for this device yet";

describe('the verify page without a connection', () => {
  it('after one visit, opens with the service gone and checks a pasted JWT on the device', async () => {
    const own = await startTestApp();
    const jwt = await issueJwt(own, 'offline-ngo');
    const context = await browser().newContext();
    const page = await visitVerify(context, own.baseUrl);
    // Online first: the service checks it, reading the issuer's status list, which the page notes.
    await check(page, jwt);
    await page.locator('.result-note', { hasText: 'Checked by the service' }).waitFor();
    await expect(checkLine(page, 'status.revocation').innerText()).resolves.toContain('Passed');

    await own.close();
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('h1').innerText()).resolves.toBe('Verify a credential');
    await expect(page.locator('#connection').innerText()).resolves.toContain('Offline');
    await check(page, jwt);
    await expect(page.locator('[data-kind="jwt"]').innerText()).resolves.toBe(
      'Seen: a credential as a JWT.',
    );
    await expect(checkLine(page, 'proof.signature').innerText()).resolves.toContain(
      'Signature: Passed',
    );
    await expect(checkLine(page, 'issuer.binding').innerText()).resolves.toContain('Passed');
    await expect(checkLine(page, 'dates.validFrom').innerText()).resolves.toContain('Passed');
    const status = checkLine(page, 'status.revocation');
    await expect(status.getAttribute('class')).resolves.toContain('check--unavailable');
    await expect(status.innerText()).resolves.toContain('Revocation status: Could not be checked');
    await expect(status.innerText()).resolves.toContain(
      "the service last read the issuer's status list for this device",
    );
    const verdict = page.locator('#scan-result .verdict-state');
    await expect(verdict.innerText()).resolves.toContain('Could not be checked');
    await expect(page.locator('#scan-result').innerText()).resolves.toContain(
      'Kept on this device',
    );
    await page.screenshot({ path: `${SHOTS}/offline-jwt.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    const [header, payload, signature] = jwt.split('.');
    const forged = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    forged.name = 'Forged';
    await check(
      page,
      `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`,
    );
    await expect(checkLine(page, 'proof.signature').innerText()).resolves.toContain(
      'Signature: Failed',
    );
    await expect(checkLine(page, 'proof.signature').innerText()).resolves.toContain(
      'Signature does not verify',
    );
    await expect(verdict.innerText()).resolves.toContain('Not verified');
    await context.close();
  });

  it('checks a DX Passport 3 credential QR from a screenshot offline, and again once online', async () => {
    let tierUrl = '';
    for (const exam of ['it-passport', 'g-kentei', 'ds-kentei']) {
      const awarded = await awardModule(app.baseUrl, exam, 'offline.learner@example.org');
      expect(awarded.status).toBe(201);
      tierUrl = awarded.body.stacked?.[0]?.url ?? tierUrl;
    }
    expect(tierUrl).not.toBe('');
    const context = await browser().newContext();
    const page = await visitVerify(context, app.baseUrl);

    const shot = await context.newPage();
    await shot.goto(`${tierUrl}/qr-credential.png`);
    const image = PNG.sync.read(await shot.screenshot({ fullPage: true }));
    const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(code?.data.startsWith('VCJWT1:')).toBe(true);
    await shot.close();

    await context.setOffline(true);
    await check(page, code?.data ?? '');
    await expect(page.locator('[data-kind="credentialQr"]').innerText()).resolves.toContain(
      'a credential QR',
    );
    await expect(page.locator('#scan-result h2#summary').innerText()).resolves.toBe(
      'What the credential says',
    );
    await expect(checkLine(page, 'proof.signature').innerText()).resolves.toContain('Passed');
    await expect(checkLine(page, 'stack.constituents').innerText()).resolves.toContain(
      'Could not be checked',
    );
    await expect(page.locator('#scan-result').innerText()).resolves.toContain('DX Passport');
    await page.screenshot({ path: `${SHOTS}/offline-tier.png`, fullPage: true });

    await context.setOffline(false);
    const rechecked = page.locator('#rechecked article[data-rechecked]');
    await rechecked.waitFor();
    await expect(rechecked.locator('.verdict-state').innerText()).resolves.toContain('Verified');
    for (const id of ['status.revocation', 'stack.constituents', 'structure'])
      await expect(rechecked.locator(`li[data-check="${id}"]`).innerText()).resolves.toContain(
        'Passed',
      );
    await expect(checkLine(page, 'status.revocation').innerText()).resolves.toContain('Passed');
    await expect(page.locator('[data-kind="credentialQr"]').count()).resolves.toBe(1);
    await page.screenshot({ path: `${SHOTS}/rechecked.png`, fullPage: true });
    await context.close();
  });
});

describe('the verify page with a credential of another service', () => {
  /** The other service: its issuers' did:web and status lists are at https://exams.example. */
  const ELSEWHERE_URL = 'https://exams.example';
  let elsewhere: TestApp;
  let elsewhereClosed = false;
  let here: TestApp;

  beforeAll(async () => {
    elsewhere = await startTestApp({ env: { PUBLIC_URL: ELSEWHERE_URL } });
    // This service reads https://exams.example as it would over https: answered on loopback.
    here = await startTestApp({
      fetchRemoteJson: fetchFromElsewhere(ELSEWHERE_URL, () => elsewhere.baseUrl),
    });
  });
  afterAll(async () => {
    await here?.close();
    if (!elsewhereClosed) await elsewhere?.close();
  });

  it('offline, says when this service last read its status list for the page', async () => {
    const jwt = await issueJwt(elsewhere, 'exam-body-a');
    const list = revocationListOf(jwt);
    expect(list.startsWith(`${ELSEWHERE_URL}/`)).toBe(true);
    const context = await browser().newContext({ viewport: { width: 390, height: 844 } });
    const page = await visitVerify(context, here.baseUrl);
    await check(page, jwt);
    await page.locator('.result-note', { hasText: 'Checked by the service' }).waitFor();
    await expect(checkLine(page, 'status.revocation').innerText()).resolves.toContain('Passed');
    const seen = await listsSeen(page);
    expect(Object.keys(seen)).toEqual([list]);

    await context.setOffline(true);
    await page.reload();
    await check(page, jwt);
    await page.locator('.result-note', { hasText: 'Checked on this device' }).waitFor();
    await expect(checkLine(page, 'proof.signature').innerText()).resolves.toContain(
      'Signature: Passed',
    );
    const status = checkLine(page, 'status.revocation');
    await expect(status.getAttribute('class')).resolves.toContain('check--unavailable');
    await expect(status.innerText()).resolves.toContain('Revocation status: Could not be checked');
    await expect(status.innerText()).resolves.toContain(
      `${LAST_READ} ${formatDateTime(seen[list] ?? '', 'en')}`,
    );
    await expect(page.locator('#scan-result .verdict-state').innerText()).resolves.toContain(
      'Could not be checked',
    );
    await page.screenshot({ path: `${SHOTS}/other-service-390.png`, fullPage: true });
    await context.close();
  });

  it('remembers the list read when a credential checked offline is checked again online', async () => {
    const jwt = await issueJwt(elsewhere, 'exam-body-b');
    const context = await browser().newContext();
    const page = await visitVerify(context, here.baseUrl);
    await context.setOffline(true);
    await check(page, jwt);
    await expect(checkLine(page, 'status.revocation').innerText()).resolves.toContain(NEVER_READ);
    await expect(page.locator('#scan-result').innerText()).resolves.toContain(
      'Kept on this device',
    );

    await context.setOffline(false);
    const rechecked = page.locator('#rechecked article[data-rechecked]');
    await rechecked.waitFor();
    await expect(
      rechecked.locator('li[data-check="status.revocation"]').innerText(),
    ).resolves.toContain('Passed');
    const seen = await listsSeen(page);
    expect(Object.keys(seen)).toEqual([revocationListOf(jwt)]);

    await context.setOffline(true);
    await check(page, jwt);
    await page.locator('.result-note', { hasText: 'Checked on this device' }).waitFor();
    await expect(checkLine(page, 'status.revocation').innerText()).resolves.toContain(
      `${LAST_READ} ${formatDateTime(seen[revocationListOf(jwt)] ?? '', 'en')}`,
    );
    await context.close();
  });

  it('remembers nothing when this service could not read the list', async () => {
    const jwt = await issueJwt(elsewhere, 'exam-body-c');
    await elsewhere.close();
    elsewhereClosed = true;
    const context = await browser().newContext();
    const page = await visitVerify(context, here.baseUrl);
    await check(page, jwt);
    await page.locator('.result-note', { hasText: 'Checked by the service' }).waitFor();
    await expect(checkLine(page, 'status.revocation').innerText()).resolves.toContain(
      'Could not be checked',
    );
    expect(await listsSeen(page)).toEqual({});

    await context.setOffline(true);
    await page.reload();
    await check(page, jwt);
    await page.locator('.result-note', { hasText: 'Checked on this device' }).waitFor();
    await expect(checkLine(page, 'status.revocation').innerText()).resolves.toContain(NEVER_READ);
    await context.close();
  });
});
