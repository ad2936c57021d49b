// The console's Settings pages in Chromium through the real app: an owner invites from the form
// and sees the invitation listed, turns learner e-mail off; axe-core finds nothing on each page,
// photographed at phone and desktop width.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, invite } from '../helpers/consoleClient.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { accessibilityViolations } from './axe.js';
import { useChromium } from './chromium.js';

const browser = useChromium();
let app: TestApp;
const SHOTS = '/tmp/console-settings-shots';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function checkPage(page: Page, name: string): Promise<void> {
  expect(await accessibilityViolations(page), name).toEqual([]);
  for (const [width, height, label] of [
    [390, 844, 'phone'],
    [1280, 900, 'desktop'],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
}

describe('console Settings in a browser', () => {
  it('lets an owner invite and turn e-mail off, each page without axe violations', async () => {
    const page = await browser().newPage();
    await page.goto(await invite(app.baseUrl, 'bridge-ngo', 'olu@bridge.example', 'owner'));
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByLabel('The same password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Make my account and sign in' }).click();
    await page.waitForURL(/\/console\?lang=en$/);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByLabel('E-mail address').fill('tomo@bridge.example');
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(page.locator('[role=status]').innerText()).resolves.toContain(
      'tomo@bridge.example',
    );
    await checkPage(page, 'settings-staff');
    await page.getByRole('link', { name: 'E-mail', exact: true }).click();
    await page.getByRole('button', { name: 'Turn learner e-mail off' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('Learner e-mail is off');
    await checkPage(page, 'settings-email');
    await page.close();
  });
});
