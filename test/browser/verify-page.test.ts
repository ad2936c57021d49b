import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, createIssuer, type AnyJson } from '../helpers/http.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { accessibilityViolations } from './axe.js';
import { useChromium } from './chromium.js';

const browser = useChromium();
let app: TestApp;
let awarded: { url: string; credential: AnyJson };

beforeAll(async () => {
  app = await startTestApp();
  const issuer = await createIssuer(app.baseUrl, 'code-ngo', 'Code for Communities');
  const response = await award(app.baseUrl, issuer);
  awarded = { url: response.body.url, credential: response.body.credential };
});
afterAll(async () => {
  await app?.close();
});

const verdict = (page: Page): Promise<string> => page.locator('.verdict-state').innerText();

async function submit(page: Page): Promise<void> {
  await Promise.all([
    page.waitForURL(/\/verify/),
    page.getByRole('button', { name: 'Verify' }).click(),
  ]);
  await page.locator('#result').waitFor();
}

describe('the verify page in Chromium', () => {
  it('verifies an uploaded baked PNG with a plain form post (JavaScript off)', async () => {
    const badge = Buffer.from(await (await fetch(`${awarded.url}/badge.png`)).arrayBuffer());
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/verify`);
    await page.getByLabel('Or a file').setInputFiles({
      name: 'badge.png',
      mimeType: 'image/png',
      buffer: badge,
    });
    await submit(page);
    expect(await verdict(page)).toContain('Verified');
    const checks = await page
      .locator('li[data-check]')
      .evaluateAll((items) =>
        items.map((item) => [item.getAttribute('data-check'), item.className]),
      );
    expect(checks).toContainEqual(['proof.signature', 'check check--success']);
    expect(checks).toContainEqual(['issuer.binding', 'check check--success']);
    await expect(page.locator('#summary ~ .card strong').first().innerText()).resolves.toBe(
      'Spreadsheet basics',
    );
    await context.close();
  });

  it('names the failed check for a pasted, tampered credential', async () => {
    const tampered = structuredClone(awarded.credential);
    tampered.credentialSubject.achievement.name = 'Advanced spreadsheets';
    const page = await browser().newPage();
    await page.goto(`${app.baseUrl}/verify`);
    await page.getByLabel('Credential: JSON or JWT').fill(JSON.stringify(tampered, null, 2));
    await submit(page);
    expect(await verdict(page)).toContain('Not verified');
    const failed = page.locator('li.check--failure');
    await expect(failed.getAttribute('data-check')).resolves.toBe('proof.signature');
    const text = await failed.innerText();
    expect(text).toContain('Failed');
    expect(text).toContain('Signature');
    expect(text).toContain('proof.signature');
    expect(await accessibilityViolations(page)).toEqual([]);
    // The pasted text stays in the form, to fix and send again.
    await expect(page.getByLabel('Credential: JSON or JWT').inputValue()).resolves.toContain(
      'Advanced spreadsheets',
    );
    await page.close();
  });

  it('says so when a PNG carries no credential', async () => {
    const qr = Buffer.from(await (await fetch(`${awarded.url}/qr.png`)).arrayBuffer());
    const page = await browser().newPage();
    await page.goto(`${app.baseUrl}/verify?lang=zh-TW`);
    await page
      .locator('#file')
      .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: qr });
    await Promise.all([page.waitForURL(/\/verify/), page.locator('button[type=submit]').click()]);
    await expect(page.locator('#result').innerText()).resolves.toBe('無法讀取證書');
    await expect(page.locator('[role=alert]').innerText()).resolves.toContain(
      'no openbadgecredential iTXt chunk',
    );
    await page.close();
  });

  it('tells phone users to scan a QR with the camera app', async () => {
    const page = await browser().newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${app.baseUrl}/verify?lang=ja`);
    await expect(page.locator('#scan').innerText()).resolves.toBe('QR コードをお持ちですか？');
    await page.close();
  });
});
