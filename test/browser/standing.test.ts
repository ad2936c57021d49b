import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule, changeStatus } from '../helpers/catalogAwards.js';
import { award, createIssuer } from '../helpers/http.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { useChromium } from './chromium.js';

const browser = useChromium();
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const verdict = (page: Page): Promise<string> => page.locator('.verdict-state').innerText();

describe('what an employer sees when things change', () => {
  it('reads "Verified", then "Revoked" with the reason after the issuer revokes', async () => {
    const issuer = await createIssuer(app.baseUrl, 'code-ngo', 'Code for Communities');
    const issued = (await award(app.baseUrl, issuer)).body;
    const page = await browser().newPage();
    await page.goto(issued.url);
    expect(await verdict(page)).toContain('Verified');
    await changeStatus(app.baseUrl, issued.credential.id, 'revoke', 'exam result withdrawn');
    await page.reload();
    expect(await verdict(page)).toContain('Revoked');
    await expect(page.locator('#status').locator('..').innerText()).resolves.toContain(
      'exam result withdrawn',
    );
    await expect(page.locator('li[data-check="status.revocation"]').innerText()).resolves.toContain(
      'exam result withdrawn',
    );
    await page.close();
  });

  it('shows a tier with the credentials it was built from, each linked to its own page', async () => {
    const email = 'employer-view@example.org';
    await awardModule(app.baseUrl, 'it-passport', email);
    const second = await awardModule(app.baseUrl, 'ds-kentei', email);
    const tier = (second.body.stacked as Array<{ achievement: string; url: string }>).find(
      (s) => s.achievement === 'dx-passport-2',
    );
    const page = await browser().newPage();
    await page.goto(tier?.url ?? '');
    expect(await verdict(page)).toContain('Verified');
    const links = page.locator('#constituents').locator('..').getByRole('link');
    await expect(links.allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(['IT Passport', 'Data Scientist Certification (literacy level)']),
    );
    await links.filter({ hasText: 'IT Passport' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('IT Passport');
    await page.close();
  });
});
