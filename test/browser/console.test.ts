// The issuer console in Chromium through the real app: from an invitation to an issued
// credential, a bulk CSV from bad rows to downloaded results, a revocation the public page shows,
// and every page checked by axe-core and photographed at phone and desktop width.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, invite } from '../helpers/consoleClient.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { useChromium } from './chromium.js';
import { acceptInvitation, pageChecker } from './pageChecks.js';

const browser = useChromium();
let app: TestApp;
const NGO = 'bridge-ngo';
const checkPage = pageChecker('/tmp/console-shots');

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function signedInPage(email: string, role: 'issuer' | 'viewer'): Promise<Page> {
  const page = await browser().newPage();
  await acceptInvitation(page, await invite(app.baseUrl, NGO, email, role));
  return page;
}

describe('the issuer console in a browser', () => {
  it('takes an invitee from the link to an issued credential listed in Credentials', async () => {
    const page = await browser().newPage();
    await page.goto(`${app.baseUrl}/console/sign-in`);
    await checkPage(page, 'sign-in');
    await page.goto(await invite(app.baseUrl, NGO, 'mei@bridge.example', 'issuer'));
    await expect(page.locator('h1').innerText()).resolves.toBe(
      'Join Bridge Digital Skills (example NGO)',
    );
    await checkPage(page, 'invitation');
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByLabel('The same password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Make my account and sign in' }).click();
    await page.waitForURL(/\/console\?lang=en$/);
    await expect(page.locator('.signed-in').innerText()).resolves.toContain('mei@bridge.example');
    await expect(page.getByRole('heading', { name: 'This week' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Nothing needs attention: no e-mail failed this week.',
    );
    await checkPage(page, 'home-empty');

    await page.getByRole('link', { name: 'Award', exact: true }).click();
    await checkPage(page, 'award');
    await page.getByLabel('Achievement', { exact: true }).selectOption('digital-basics');
    await page.getByLabel('Recipient e-mail').fill('learner@localhost');
    await page.getByRole('button', { name: 'Issue the credential' }).click();
    await expect(page.locator('#problems').innerText()).resolves.toContain('Recipient e-mail');
    await checkPage(page, 'award-refused');
    await page.getByLabel('Recipient e-mail').fill('learner-one@example.org');
    await page.getByLabel('Evidence title').fill('Spreadsheet practical');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = await page.locator('#award-preview-result').innerText();
    expect(preview).toContain('Not issued yet');
    expect(preview).toContain('Spreadsheet practical');
    await checkPage(page, 'award-preview');
    await page.getByRole('button', { name: 'Issue the credential' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Credential issued');
    await checkPage(page, 'awarded');
    await page.getByRole('link', { name: 'Open the credential page' }).click();
    await expect(page.locator('.verdict-state').innerText()).resolves.toContain('Verified');
    await expect(page.locator('h1').innerText()).resolves.toBe('Digital basics');
    const credentialUrl = page.url().replace(/\?.*$/, '');

    await page.goto(`${app.baseUrl}/console/credentials`);
    const row = page.locator('tbody tr').filter({ hasText: 'Digital basics' });
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('a').first().getAttribute('href')).resolves.toContain(credentialUrl);
    await expect(row.innerText()).resolves.toContain('Active');
    await checkPage(page, 'credentials');
    await page.goto(`${app.baseUrl}/console`);
    await expect(page.locator('[data-count="issued"]').innerText()).resolves.toBe('1');
    await checkPage(page, 'home');
    await page.close();
  });

  it('checks a CSV with bad rows, explains each, takes the fix, runs it and gives the results', async () => {
    const page = await signedInPage('ana@bridge.example', 'issuer');
    await page.getByRole('link', { name: 'Bulk award' }).click();
    await checkPage(page, 'bulk');
    const rows = [
      'recipient,achievement,evidence_name',
      'cohort-a@example.org,digital-basics,Module 1 practical',
      'cohort-b,digital-basics,',
      'cohort-c@example.org,no-such-module,',
      'cohort-d@example.org,digital-basics,Module 1 practical',
    ];
    await page.getByLabel('Or paste the CSV here').fill(rows.join('\n'));
    await page.getByRole('button', { name: 'Check the rows' }).click();
    await expect(page.locator('[role=status]').first().innerText()).resolves.toContain(
      '2 of 4 rows are ready; 2 need fixing.',
    );
    const bad = page.locator('tr.row--bad');
    await expect(bad.count()).resolves.toBe(2);
    await expect(bad.nth(0).locator('td.cell--bad').innerText()).resolves.toContain('cohort-b');
    await expect(bad.nth(0).innerText()).resolves.toContain(
      'Recipient e-mail: must be an e-mail address or a DID',
    );
    await expect(bad.nth(1).locator('td.cell--bad').innerText()).resolves.toContain(
      'no-such-module',
    );
    await checkPage(page, 'bulk-checked');

    // Fix row 2 in the box under the table and check again.
    const fixed = rows.map((line) => line.replace('cohort-b,', 'cohort-b@example.org,'));
    await page.getByLabel('Or paste the CSV here').fill(fixed.join('\n'));
    await page.getByRole('button', { name: 'Check the rows' }).click();
    await expect(page.locator('tr.row--bad').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Issue 3 credentials' }).click();
    await page.waitForURL(/\/console\/bulk\/[0-9a-f-]{36}\?lang=en$/);
    // The page refreshes itself while the batch runs; wait for the finished one.
    await page.locator('h1', { hasText: 'Batch finished' }).waitFor({ timeout: 30_000 });
    await expect(page.locator('progress').getAttribute('value')).resolves.toBe('4');
    await expect(page.locator('[role=status]').innerText()).resolves.toContain(
      '3 issued, 1 failed, of 4 rows',
    );
    await checkPage(page, 'bulk-done');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the results (CSV)' }).click(),
    ]);
    const results = await readFile(await download.path(), 'utf8');
    const lines = results.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('row,recipient,achievement,state');
    expect(lines.filter((line) => line.includes(',issued,'))).toHaveLength(3);
    expect(lines[3]).toContain('failed');
    expect(lines[3]).toContain('no-such-module');
    await page.close();
  });

  it('revokes from the console with a reason, and the public page says Revoked', async () => {
    const page = await signedInPage('kai@bridge.example', 'issuer');
    await page.getByRole('link', { name: 'Award', exact: true }).click();
    await page.getByLabel('Achievement', { exact: true }).selectOption('digital-basics');
    await page.getByLabel('Recipient e-mail').fill('learner-revoked@example.org');
    await page.getByRole('button', { name: 'Issue the credential' }).click();
    const issuedPage = await page
      .getByRole('link', { name: 'Open the credential page' })
      .getAttribute('href');
    const uuid = /\/c\/([0-9a-f-]{36})/.exec(issuedPage ?? '')?.[1] ?? '';
    expect(uuid).not.toBe('');
    await page.goto(`${app.baseUrl}/console/credentials/${uuid}/status`);
    await checkPage(page, 'status-change');
    await page.getByLabel('Revoke').check();
    await page.getByLabel('Reason').fill('Exam result withdrawn');
    await page.getByRole('button', { name: 'Change the status' }).click();
    await expect(page.locator('[role=status]').innerText()).resolves.toBe(
      'Digital basics is now Revoked.',
    );
    await page.goto(`${app.baseUrl}/c/${uuid}`);
    await expect(page.locator('.verdict-state').innerText()).resolves.toContain('Revoked');
    await expect(page.locator('main').innerText()).resolves.toContain('Exam result withdrawn');
    await page.close();
  });

  it('gives a viewer the 403 page on Award, and shows the console in Japanese', async () => {
    const page = await signedInPage('vic@bridge.example', 'viewer');
    const refused = await page.goto(`${app.baseUrl}/console/award`);
    expect(refused?.status()).toBe(403);
    await expect(page.locator('h1').innerText()).resolves.toBe('Not allowed');
    await checkPage(page, 'forbidden');
    await page.goto(`${app.baseUrl}/console/credentials?lang=ja`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ja');
    await expect(page.locator('h1').innerText()).resolves.toBe('資格証明');
    await expect(page.locator('.console-nav').innerText()).resolves.toContain('一括授与');
    await checkPage(page, 'credentials-ja');
    await page.goto(`${app.baseUrl}/console?lang=zh-TW`);
    await expect(page.locator('.console-nav').innerText()).resolves.toContain('批次頒發');
    await checkPage(page, 'home-zh-TW');
    await page.close();
  });
});
