// The verify page with did:web issuers, in Chromium through the real app: online the page has the
// service resolve the issuer's DID and keeps the document; offline it checks the signature with
// the kept key and says when it was fetched. A did:web it never fetched is "could not be
// checked" offline, never passed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuer, issueViaApi, unsignedOpenBadge } from '../helpers/http.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { useChromium } from './chromium.js';

const browser = useChromium();
const SHOTS = '/tmp/offline-did-web-shots';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { PUBLIC_URL: 'https://badges.example.org' } });
});
afterAll(async () => app?.close());

async function issueJwt(slug: string): Promise<{ did: string; jwt: string }> {
  const issuer = await createIssuer(app.baseUrl, slug);
  expect(issuer.id).toBe(`did:web:badges.example.org:issuers:${slug}`);
  const issued = await issueViaApi(app.baseUrl, issuer, unsignedOpenBadge(issuer), 'jwt');
  expect(issued.status).toBe(201);
  return { did: issuer.id, jwt: issued.body.verifiableCredential as string };
}

async function check(page: Page, code: string): Promise<void> {
  await page.getByLabel('Code from a QR, or a JWT').fill(code);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
}

const checkLine = (page: Page, id: string) => page.locator(`#scan-result li[data-check="${id}"]`);

describe('the verify page with a did:web issuer', () => {
  it('checks the signature offline with the key kept online, and never passes an unknown one', async () => {
    const known = await issueJwt('web-ngo');
    const unknown = await issueJwt('web-other');
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/verify?lang=en`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    await check(page, known.jwt);
    await page.locator('.result-note', { hasText: 'Checked by the service' }).waitFor();
    await expect(checkLine(page, 'proof.signature').innerText()).resolves.toContain(
      'Signature: Passed',
    );
    const kept = await page.evaluate(() => localStorage.getItem('verify.didDocuments'));
    expect(Object.keys(JSON.parse(kept ?? '{}'))).toEqual([known.did]);

    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('#connection').innerText()).resolves.toContain('Offline');
    await check(page, known.jwt);
    await page.locator('.result-note', { hasText: 'Checked on this device' }).waitFor();
    const signature = checkLine(page, 'proof.signature');
    await expect(signature.innerText()).resolves.toContain('Signature: Passed');
    await expect(signature.innerText()).resolves.toContain(
      "the proof verifies with the issuer's key as this device last fetched it from the service",
    );
    await expect(checkLine(page, 'issuer.binding').innerText()).resolves.toContain('Passed');
    await expect(checkLine(page, 'status.revocation').innerText()).resolves.toContain(
      'Could not be checked',
    );
    await page.screenshot({ path: `${SHOTS}/kept-key.png`, fullPage: true });

    await check(page, unknown.jwt);
    await expect(signature.getAttribute('class')).resolves.toContain('check--unavailable');
    await expect(signature.innerText()).resolves.toContain('Signature: Could not be checked');
    await expect(signature.innerText()).resolves.toContain(
      `issuer key not available offline: this device has not fetched the key of ${unknown.did} yet`,
    );
    await expect(checkLine(page, 'issuer.binding').innerText()).resolves.not.toContain('Passed');
    await expect(page.locator('#scan-result .verdict-state').innerText()).resolves.toContain(
      'Could not be checked',
    );
    await page.screenshot({ path: `${SHOTS}/unknown-key.png`, fullPage: true });

    // A tampered credential by the kept issuer still fails offline, by the signature.
    const [header, payload, sig] = known.jwt.split('.');
    const forged = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    forged.name = 'Forged';
    await check(
      page,
      `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`,
    );
    await expect(signature.innerText()).resolves.toContain('Signature: Failed');
    await context.close();
  });
});
