import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, createIssuer } from '../helpers/http.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { accessibilityViolations } from './axe.js';
import { useChromium } from './chromium.js';

const browser = useChromium();
let app: TestApp;
let pageUrl: string;

beforeAll(async () => {
  app = await startTestApp();
  const issuer = await createIssuer(app.baseUrl, 'code-ngo', 'Code for Communities');
  pageUrl = (await award(app.baseUrl, issuer)).body.url;
});
afterAll(async () => {
  await app?.close();
});

const verdict = (page: Page): Promise<string> => page.locator('.verdict-state').innerText();

describe('the credential page in Chromium', () => {
  it('reads "Verified" and loads nothing from elsewhere', async () => {
    const page = await browser().newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(pageUrl);
    expect(await verdict(page)).toContain('Verified');
    await expect(page.locator('h1').innerText()).resolves.toBe('Spreadsheet basics');
    await expect(page.locator('li[data-check="proof.signature"]').innerText()).resolves.toContain(
      'Passed',
    );
    await expect(
      page.locator('img[src$="/qr.svg"]').evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).resolves.toBeGreaterThan(0);
    expect(requested.length).toBeGreaterThan(3);
    for (const url of requested) expect(url.startsWith(app.baseUrl), url).toBe(true);
    await page.close();
  });

  it('is readable with JavaScript off: the link is text and the copy button stays hidden', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pageUrl);
    expect(await verdict(page)).toContain('Verified');
    await expect(page.locator('#page-link').innerText()).resolves.toBe(pageUrl);
    await expect(page.locator('button[data-copy]').isVisible()).resolves.toBe(false);
    await context.close();
  });

  it('with JavaScript, the copy button copies the link', async () => {
    const context = await browser().newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: app.baseUrl,
    });
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.locator('button[data-copy]').click();
    await page.locator('#copy-status', { hasText: 'Link copied.' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(pageUrl);
    await context.close();
  });

  it('switches to zh-TW and ja from the language links', async () => {
    const page = await browser().newPage();
    await page.goto(pageUrl);
    await page.getByRole('link', { name: '繁體中文' }).click();
    await page.waitForURL(/lang=zh-TW/);
    expect(await verdict(page)).toContain('已驗證');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-TW');
    await expect(page.locator('h2#checks').innerText()).resolves.toBe('檢查項目');
    await page.getByRole('link', { name: '日本語' }).click();
    await page.waitForURL(/lang=ja/);
    expect(await verdict(page)).toContain('検証済み');
    await expect(page.locator('h2#share').innerText()).resolves.toBe('共有');
    await page.close();
  });

  it('is usable from the keyboard, with a visible focus ring', async () => {
    const page = await browser().newPage();
    await page.goto(pageUrl);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      return { text: element.textContent, outline: getComputedStyle(element).outlineStyle };
    });
    expect(skip).toEqual({ text: 'Skip to content', outline: 'solid' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => (document.activeElement as HTMLElement).textContent);
    expect(next).toBe('English');
    await page.close();
  });

  it('has no WCAG 2 A/AA violations that axe-core finds (contrast included)', async () => {
    for (const [language, width, height] of [
      ['en', 390, 844],
      ['ja', 1280, 800],
    ] as const) {
      const page = await browser().newPage({ viewport: { width, height } });
      await page.goto(`${pageUrl}?lang=${language}`);
      expect(await accessibilityViolations(page), language).toEqual([]);
      await page.close();
    }
  });
});
