// The console's Settings pages in Chromium through the real app: an owner invites from the form
// and sees the invitation listed, turns learner e-mail off, edits a learner message (refused,
// previewed, saved), makes an API key (shown once) and adds a webhook; axe-core finds nothing on
// each page, photographed at phone and desktop width.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite } from '../helpers/consoleClient.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { useChromium } from './chromium.js';
import { acceptInvitation, pageChecker } from './pageChecks.js';

const browser = useChromium();
let app: TestApp;
const checkPage = pageChecker('/tmp/console-settings-shots');

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('console Settings in a browser', () => {
  it('lets an owner invite and turn e-mail off, each page without axe violations', async () => {
    const page = await browser().newPage();
    await acceptInvitation(
      page,
      await invite(app.baseUrl, 'bridge-ngo', 'olu@bridge.example', 'owner'),
    );
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

    await page.getByRole('link', { name: 'Edit “A credential was awarded” in English' }).click();
    await page.getByLabel('Subject', { exact: true }).fill('Congratulations {learnerName}');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('[role=alert]').innerText()).resolves.toContain(
      '{learnerName} is not a placeholder of this message',
    );
    await checkPage(page, 'settings-email-template-refused');
    await page.getByLabel('Subject', { exact: true }).fill('Your {achievementName} badge');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.locator('#preview-result').innerText()).resolves.toMatch(/Your .+ badge/);
    await checkPage(page, 'settings-email-template-preview');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('Saved');
    await page.getByRole('link', { name: 'Back to E-mail' }).click();
    await expect(page.locator('main table').innerText()).resolves.toContain('Your text');

    await page.getByRole('link', { name: 'API keys', exact: true }).click();
    await page.getByLabel('Name', { exact: true }).fill('Moodle awards');
    await page.getByLabel('Award credentials (awards:write)').check();
    await page.getByLabel('Read partner metrics (metrics:read)').check();
    await page.getByLabel('Last day').fill('2099-12-31');
    await page.getByRole('button', { name: 'Make the key' }).click();
    await expect(page.getByLabel('The key', { exact: true }).inputValue()).resolves.toMatch(
      /\S{20,}/,
    );
    await checkPage(page, 'settings-key-made');
    await page.getByRole('link', { name: 'Back to the API keys' }).click();
    await expect(page.locator('main table').innerText()).resolves.toContain('Moodle awards');
    await checkPage(page, 'settings-keys');

    await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByLabel('URL', { exact: true }).fill('https://10.0.0.7/hook');
    await page.getByLabel('tier.awarded').check();
    await page.getByRole('button', { name: 'Add the webhook' }).click();
    await expect(page.locator('.field-error').first().innerText()).resolves.toContain(
      'This address cannot receive webhooks',
    );
    await checkPage(page, 'settings-webhooks-refused');
    await page.close();
  });
});
