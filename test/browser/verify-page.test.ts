import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchRefusedError } from '../../src/net/fetchWithPolicy.js';
import { award, createIssuer, type AnyJson } from '../helpers/http.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { accessibilityViolations } from './axe.js';
import { useChromium } from './chromium.js';

const browser = useChromium();
let app: TestApp;
let awarded: { url: string; credential: AnyJson };

beforeAll(async () => {
  // Other issuers' servers are down: their credentials can be read but not checked.
  app = await startTestApp({
    fetchRemoteJson: async (url) => {
      throw new FetchRefusedError(url, 'could not be fetched (connect ECONNREFUSED)');
    },
  });
  const issuer = await createIssuer(app.baseUrl, 'code-ngo', 'Code for Communities');
  const response = await award(app.baseUrl, issuer);
  awarded = { url: response.body.url, credential: response.body.credential };
});
afterAll(async () => {
  await app?.close();
});

const verdict = (page: Page): Promise<string> => page.locator('.verdict-state').innerText();

/** Our credential claimed by a did:web issuer whose server cannot be reached (no status entries). */
function remoteIssuerCredential(): AnyJson {
  const copy = structuredClone(awarded.credential);
  copy.issuer = { ...copy.issuer, id: 'did:web:issuer.example' };
  copy.proof[0].verificationMethod = 'did:web:issuer.example#key-1';
  delete copy.credentialStatus;
  return copy;
}

async function paste(page: Page, document: unknown): Promise<void> {
  await page.locator('#credential').fill(JSON.stringify(document, null, 2));
  await Promise.all([
    page.waitForURL(/\/verify/),
    page.locator('form[method=post] button[type=submit]').click(),
  ]);
  await page.locator('#result').waitFor();
}

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
    await Promise.all([
      page.waitForURL(/\/verify/),
      page.locator('form[method=post] button[type=submit]').click(),
    ]);
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

  it.each([
    ['en', 'Could not be checked', "the issuer's key could not be reached", 'Could not be checked'],
    ['zh-TW', '無法完成檢查', '無法連線取得發證單位的金鑰', '無法檢查'],
    ['ja', '確認を完了できませんでした', '発行者の鍵を取得できなかった', '確認できず'],
  ])(
    'shows a credential whose issuer is out of reach as not checked, in %s',
    async (lang, state, explanation, line) => {
      const page = await browser().newPage({ viewport: { width: 1024, height: 900 } });
      await page.goto(`${app.baseUrl}/verify?lang=${lang}`);
      await paste(page, remoteIssuerCredential());
      expect(await verdict(page)).toContain(state);
      await expect(page.locator('.verdict').innerText()).resolves.toContain(explanation);
      const signature = page.locator('li[data-check="proof.signature"]');
      await expect(signature.getAttribute('class')).resolves.toBe('check check--unavailable');
      await expect(signature.innerText()).resolves.toContain(line);
      // Icon and word as well as colour; axe checks the new colours' contrast too.
      await expect(page.locator('.verdict-icon').innerText()).resolves.toBe('?');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/unchecked-${lang}.png`, fullPage: true });
      if (lang === 'en') await page.screenshot({ path: '/tmp/unchecked.png', fullPage: true });
      await page.close();
    },
  );

  it('verifies a pasted presentation with JavaScript off, credential by credential', async () => {
    const presentation = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: [awarded.credential, remoteIssuerCredential()],
    };
    const context = await browser().newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/verify`);
    await paste(page, presentation);
    const states = await page.locator('.verdict-state').allInnerTexts();
    expect(states.map((text) => text.replace(/^\W+/, '').trim())).toEqual([
      'Could not be checked',
      'Verified',
      'Could not be checked',
    ]);
    await expect(page.locator('#presentation').innerText()).resolves.toBe('The presentation');
    await expect(
      page.locator('li[data-check="presentation.proof"]').innerText(),
    ).resolves.toContain("Holder's signature");
    await expect(page.locator('#credential-2').innerText()).resolves.toBe('Spreadsheet basics');
    // What a credential says is folded away, and opens without a script.
    const evidence = page.locator('#credential-1-evidence');
    expect(await evidence.isVisible()).toBe(false);
    await page.locator('article:has(#credential-1) summary').click();
    expect(await evidence.isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/presentation.png', fullPage: true });
    await context.close();

    // axe runs as a script, so the same page is checked again with JavaScript on.
    const checked = await browser().newPage();
    await checked.goto(`${app.baseUrl}/verify`);
    await paste(checked, presentation);
    expect(await accessibilityViolations(checked)).toEqual([]);
    await checked.close();
  });
});
