// The console's Credentials search, one credential, renewal and bulk action; Learners; Catalog:
// in Chromium through the real app, on credentials awarded through the API. Every page is
// checked by axe-core and photographed at phone and desktop width.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvOf, postBatchCsv, waitForBatch } from '../helpers/batches.js';
import { awardModule, changeStatus } from '../helpers/catalogAwards.js';
import { invite, staffMember, csrfOf, textOf } from '../helpers/consoleClient.js';
import { request } from '../helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/testApp.js';
import { useChromium } from './chromium.js';
import { acceptInvitation, pageChecker } from './pageChecks.js';

const browser = useChromium();
let app: TestApp;
const NGO = 'bridge-ngo';
const checkPage = pageChecker('/tmp/console-records-shots');

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function signedInPage(slug: string, email: string, role: 'issuer' | 'viewer'): Promise<Page> {
  const page = await browser().newPage();
  await acceptInvitation(page, await invite(app.baseUrl, slug, email, role));
  return page;
}

/** The ids (bare UUIDs) an award made: the credential and the tiers it completed. */
async function award(achievement: string, email: string): Promise<string[]> {
  const response = await awardModule(app.baseUrl, achievement, email);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const urls = [response.body, ...(response.body.stacked as Array<{ url: string }>)].map(
    (made) => made.url as string,
  );
  return urls.map((url) => url.replace(/^.*\/c\//, ''));
}

/** The UUIDs of the result rows, read from their Details links. */
async function listedIds(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('tbody tr td a[href*="/console/credentials/"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => /credentials\/([0-9a-f-]{36})/.exec(href)?.[1] ?? href);
}

const sorted = (ids: string[]) => [...ids].sort();

describe('the console records pages in a browser', () => {
  const ana = 'ana.records@example.org';
  const ben = 'ben.records@example.org';
  let anaIds: string[] = [];
  let benBasics = '';
  let danBasics = '';
  let batchIds: string[] = [];

  beforeAll(async () => {
    anaIds = [...(await award('digital-basics', ana)), ...(await award('ai-tools-at-work', ana))];
    [benBasics = ''] = await award('digital-basics', ben);
    [danBasics = ''] = await award('digital-basics', 'dan.records@example.org');
    const revoked = await changeStatus(app.baseUrl, danBasics, 'revoke', 'Exam result withdrawn');
    expect(revoked.status).toBe(200);
    const csv = csvOf(
      [
        { recipient: 'cohort1.records@example.org', achievement: 'digital-basics' },
        { recipient: 'cohort2.records@example.org', achievement: 'digital-basics' },
        { recipient: 'cohort3.records@example.org', achievement: 'digital-basics' },
      ],
      ['recipient', 'achievement'],
    );
    const accepted = await postBatchCsv(app.baseUrl, NGO, csv);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const done = await waitForBatch(app.baseUrl, accepted.body.id as string);
    batchIds = (done.body.rows as Array<{ credential?: string }>).flatMap((row) =>
      row.credential ? [row.credential.replace('urn:uuid:', '')] : [],
    );
    expect(batchIds).toHaveLength(3);
  }, 120_000);

  it('finds one learner by e-mail, filters by achievement, batch and state, and pages', async () => {
    const page = await signedInPage(NGO, 'rita@bridge.example', 'issuer');
    await page.getByRole('link', { name: 'Credentials', exact: true }).click();
    await checkPage(page, 'credentials');

    await page.getByLabel('Learner e-mail').fill(ana.toUpperCase());
    await page.getByRole('button', { name: 'Search' }).click();
    expect(sorted(await listedIds(page))).toEqual(sorted(anaIds));
    await expect(page.locator('main').innerText()).resolves.toContain('AI-ready worker: bronze');
    await checkPage(page, 'credentials-by-email');

    await page.getByRole('link', { name: 'Clear the search' }).click();
    await page.getByLabel('Achievement', { exact: true }).selectOption('digital-basics');
    await page.getByRole('button', { name: 'Search' }).click();
    const basics = await listedIds(page);
    expect(basics).toHaveLength(6);
    expect(basics).toContain(benBasics);
    expect(basics).not.toContain(anaIds[2]);

    await page.getByLabel('Achievement', { exact: true }).selectOption('');
    await page.getByLabel('Batch').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Search' }).click();
    expect(sorted(await listedIds(page))).toEqual(sorted(batchIds));

    await page.getByLabel('Batch').selectOption('');
    await page.getByLabel('State').selectOption('revoked');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await listedIds(page)).toEqual([danBasics]);

    await page.getByLabel('State').selectOption('');
    await page.getByLabel('Issued from').fill('2000-01-01');
    await page.getByLabel('Issued until').fill('2000-12-31');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('No credential matches.');

    // All 8 at 25 a page fit on one; the store's paging is in its contract test.
    await page.goto(`${app.baseUrl}/console/credentials`);
    expect(await listedIds(page)).toHaveLength(anaIds.length + 2 + batchIds.length);
    await expect(page.getByRole('link', { name: 'Next page' }).count()).resolves.toBe(0);
    await page.close();
  }, 240_000);

  it('opens one with its history, renews it and shows the new one', async () => {
    const page = await signedInPage(NGO, 'ren@bridge.example', 'issuer');
    await page.goto(`${app.baseUrl}/console/credentials/${danBasics}`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Digital basics');
    const history = page.locator('table tbody tr');
    await expect(history.count()).resolves.toBe(1);
    await expect(history.innerText()).resolves.toContain('Exam result withdrawn');
    await expect(history.innerText()).resolves.toContain('Revoked');
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Revoked credentials and tiers cannot be renewed',
    );
    await checkPage(page, 'credential-revoked');

    await page.goto(`${app.baseUrl}/console/credentials/${benBasics}`);
    await expect(page.locator('dl').innerText()).resolves.toContain(`/c/${benBasics}`);
    await expect(page.locator('main').innerText()).resolves.toContain('No status change');
    await checkPage(page, 'credential');

    await page.getByLabel('Why it is renewed').fill('Re-examined in December');
    await page.getByRole('button', { name: 'Renew this credential' }).click();
    await page.waitForURL(/\/console\/credentials\/[0-9a-f-]{36}\?renewed=1/);
    const renewed = /credentials\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(renewed).not.toBe(benBasics);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('Renewed');
    await expect(page.getByRole('link', { name: benBasics }).count()).resolves.toBe(1);
    await expect(page.locator('.pill').first().innerText()).resolves.toBe('Active');
    await expect(page.locator('dl').innerText()).resolves.toContain('Re-examined in December');
    await checkPage(page, 'credential-renewed');

    // Offered for a wallet from its page: the claim link and PIN are shown once.
    await page.getByLabel(/Ask the wallet for a PIN/).check();
    await page.getByRole('button', { name: 'Make a wallet offer' }).click();
    await expect(page.getByLabel('The learner’s claim page').inputValue()).resolves.toMatch(
      /\/claim\//,
    );
    await expect(page.getByLabel('PIN', { exact: true }).inputValue()).resolves.toMatch(/^\d+$/);
    await checkPage(page, 'credential-offer-made');
    await page.getByRole('link', { name: 'Back to the credential' }).click();
    await expect(page.locator('[data-table=offers]').innerText()).resolves.toContain('Offered');
    await checkPage(page, 'credential-offered');

    await page.goto(`${app.baseUrl}/console/credentials?email=${encodeURIComponent(ben)}`);
    expect(sorted(await listedIds(page))).toEqual(sorted([benBasics, renewed]));
    await page.close();
  }, 240_000);

  it('revokes two selected credentials in one action, and their public pages say Revoked', async () => {
    const page = await signedInPage(NGO, 'bo@bridge.example', 'issuer');
    await page.goto(`${app.baseUrl}/console/credentials`);
    await page.getByLabel('Batch').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Search' }).click();
    const [first = '', second = '', third = ''] = batchIds;
    // Nothing ticked: the form comes back saying so, the reason kept.
    await page.getByLabel('Reason').fill('Cohort exam withdrawn');
    await page.getByRole('button', { name: 'Apply to the selected' }).click();
    await expect(page.locator('#problems').innerText()).resolves.toContain(
      'select at least one credential',
    );
    await checkPage(page, 'credentials-selection-refused');
    for (const id of [first, second]) {
      await page.locator(`input[type=checkbox][value="${id}"]`).check();
    }
    await page.getByLabel('Action').selectOption('revoke');
    await page.getByLabel('Reason').fill('Cohort exam withdrawn');
    await page.getByRole('button', { name: 'Apply to the selected' }).click();
    await expect(page.locator('[role=status]').innerText()).resolves.toBe(
      'Revoke: 2 changed, 0 could not be (their state does not allow it).',
    );
    // Back on the same search: the batch, now two revoked.
    expect(sorted(await listedIds(page))).toEqual(sorted(batchIds));
    await checkPage(page, 'credentials-selection-done');
    for (const id of [first, second]) {
      await page.goto(`${app.baseUrl}/c/${id}`);
      await expect(page.locator('.verdict-state').innerText()).resolves.toContain('Revoked');
      await expect(page.locator('main').innerText()).resolves.toContain('Cohort exam withdrawn');
    }
    await page.goto(`${app.baseUrl}/c/${third}`);
    await expect(page.locator('.verdict-state').innerText()).resolves.toContain('Verified');
    await page.close();
  }, 240_000);

  it('shows a learner with 1 of 3 DX Passport exams how far they are, and the rules in words', async () => {
    const carol = 'carol.records@example.org';
    await award('it-passport', carol);
    const page = await signedInPage('di-lite', 'vera@di-lite.example', 'viewer');
    await page.getByRole('link', { name: 'Learners' }).click();
    await checkPage(page, 'learners');
    await page.getByLabel('Learner e-mail').fill(carol);
    await page.getByRole('button', { name: 'Look up' }).click();
    const row = (name: string) => page.locator('tbody tr').filter({ hasText: name });
    await expect(row('DX Passport 1').last().innerText()).resolves.toContain('Holds it');
    await expect(row('DX Passport 2').last().innerText()).resolves.toContain(
      '1 more of: G Certificate (JDLA Deep Learning for GENERAL), Data Scientist Certification (literacy level)',
    );
    await expect(row('DX Passport 3').last().innerText()).resolves.toContain(
      '2 more of: G Certificate (JDLA Deep Learning for GENERAL), Data Scientist Certification (literacy level)',
    );
    await checkPage(page, 'learner');
    await page.getByLabel('Learner e-mail').fill('nobody.records@example.org');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.locator('[role=status]').innerText()).resolves.toBe(
      'You have issued nothing to this address.',
    );

    await page.goto(`${app.baseUrl}/console/learners?lang=ja&email=${encodeURIComponent(carol)}`);
    await expect(page.locator('main').innerText()).resolves.toContain(
      'あと 2 つ：G検定、DS検定（リテラシーレベル）',
    );
    await checkPage(page, 'learner-ja');

    await page.getByRole('link', { name: 'カタログ' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain(
      'ITパスポート、G検定、DS検定（リテラシーレベル）のうちいずれか 2 つ',
    );
    await checkPage(page, 'catalog-ja');
    await page.goto(`${app.baseUrl}/console/catalog?lang=en`);
    const passport2 = page.locator('article').filter({ hasText: 'DX Passport 2' });
    await expect(passport2.locator('.rule-sentence').innerText()).resolves.toBe(
      'any 2 of IT Passport, G Certificate (JDLA Deep Learning for GENERAL), Data Scientist Certification (literacy level)',
    );
    await checkPage(page, 'catalog');
    await page.goto(`${app.baseUrl}/console/catalog?lang=zh-TW`);
    await checkPage(page, 'catalog-zh-TW');
    await page.close();
  }, 240_000);

  it('lets a viewer read everything and act on nothing', async () => {
    // A framework level a registrar proposes for Digital basics, and another issuer's endorsement.
    const registrar = await request(
      'POST',
      `${app.baseUrl}/registrars`,
      { slug: 'qa-records', name: 'Records QA registrar' },
      { key: ADMIN_KEY },
    );
    const proposed = await request(
      'POST',
      `${app.baseUrl}/mappings`,
      {
        achievement: 'digital-basics',
        framework: 'eqf',
        level: 'http://data.europa.eu/snb/eqf/4',
        rationale: 'Practical tasks at the level of EQF 4',
      },
      { key: registrar.body.apiKey as string },
    );
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const ipaKey = await request('POST', `${app.baseUrl}/issuers/ipa/api-keys`, undefined, {
      key: ADMIN_KEY,
    });
    const endorsed = await request(
      'POST',
      `${app.baseUrl}/endorsements`,
      { subject: { achievement: 'digital-basics' }, comment: 'Sound practical basics.' },
      { key: ipaKey.body.apiKey as string },
    );
    expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(201);

    const page = await signedInPage(NGO, 'val@bridge.example', 'viewer');
    await page.goto(`${app.baseUrl}/console/credentials`);
    await expect(page.locator('input[type=checkbox]').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Apply to the selected' }).count()).resolves.toBe(
      0,
    );
    await page.goto(`${app.baseUrl}/console/credentials/${anaIds[0]}`);
    await expect(page.getByRole('button', { name: 'Renew this credential' }).count()).resolves.toBe(
      0,
    );
    await expect(page.getByRole('link', { name: 'Change status' }).count()).resolves.toBe(0);
    await checkPage(page, 'credential-viewer');
    await page.goto(`${app.baseUrl}/console/catalog?lang=en`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Catalog');
    await expect(page.locator('main').innerText()).resolves.toContain(
      'all of Digital basics, (any one of AI tools at work, Data literacy)',
    );
    const basics = page.locator('article').filter({ hasText: 'digital-basics' });
    await expect(basics.innerText()).resolves.toContain(
      'European Qualifications Framework: 4 EQF level 4 (proposed, by qa-records)',
    );
    await expect(basics.getByRole('link').innerText()).resolves.toContain(
      'Information-technology Promotion Agency (example)',
    );
    await checkPage(page, 'catalog-ngo');
    await page.close();

    // The same refusals without a browser: a viewer's POSTs with a good CSRF token get the 403 page.
    const viewer = await staffMember(app.baseUrl, NGO, 'vik@bridge.example', 'viewer');
    const csrf = csrfOf((await viewer.get('/console')).text);
    const bulk = await viewer.post('/console/credentials/selection', {
      csrf,
      credential: anaIds[0] ?? '',
      action: 'revoke',
      reason: 'viewer tries',
    });
    expect(bulk.status).toBe(403);
    expect(textOf(bulk.text)).toContain('Your role (viewer) may not do this');
    const renew = await viewer.post(`/console/credentials/${anaIds[0]}/renew`, { csrf });
    expect(renew.status).toBe(403);
    const issuer = await staffMember(app.baseUrl, NGO, 'ike@bridge.example', 'issuer');
    const noToken = await issuer.post('/console/credentials/selection', {
      credential: anaIds[0] ?? '',
      action: 'revoke',
      reason: 'no token',
    });
    expect(noToken.status).toBe(403);
    const state = await fetch(`${app.baseUrl}/credentials/${anaIds[0]}/status`);
    expect(((await state.json()) as { state: string }).state).toBe('active');
  }, 240_000);
});
