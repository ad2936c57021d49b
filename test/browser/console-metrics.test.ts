// Partner metrics in Chromium through the real app: a viewer reaches Metrics from the section bar,
// picks a period on the form, sees the numbers made through the API, downloads a table as CSV;
// axe-core finds nothing on the page in en, zh-TW and ja, photographed at phone and desktop width.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule } from '../helpers/catalogAwards.js';
import { invite } from '../helpers/consoleClient.js';
import { request } from '../helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/testApp.js';
import { useChromium } from './chromium.js';
import { acceptInvitation, pageChecker } from './pageChecks.js';

const browser = useChromium();
const NGO = 'bridge-ngo';
const checkPage = pageChecker('/tmp/console-metrics-shots');
let app: TestApp;
let today = '';

beforeAll(async () => {
  app = await startTestApp();
  const cohorts = [
    { cohort: '2026-spring', region: 'Tokyo' },
    { cohort: '2026-autumn', region: 'Osaka' },
  ];
  for (const [index, learner] of ['kai', 'lena', 'mio'].entries()) {
    const tags = cohorts[index % 2] ?? {};
    for (const module of index === 0 ? ['digital-basics', 'data-literacy'] : ['digital-basics']) {
      const awarded = await awardModule(app.baseUrl, module, `${learner}@example.org`, tags);
      expect(awarded.status).toBe(201);
    }
  }
  expect(
    (
      await request(
        'POST',
        `${app.baseUrl}/partner-groups`,
        { name: 'Digital skills programme', issuers: [NGO, 'ipa'] },
        { key: ADMIN_KEY },
      )
    ).status,
  ).toBe(201);
  today = app.services.clock().toISOString().slice(0, 10);
});
afterAll(async () => app?.close());

describe('partner metrics in a browser', () => {
  it('takes a viewer from the section bar to the numbers for a period, and to a CSV', async () => {
    const page = await browser().newPage();
    await acceptInvitation(page, await invite(app.baseUrl, NGO, 'vic@bridge.example', 'viewer'));

    await page.getByRole('link', { name: 'Metrics', exact: true }).click();
    await page.getByLabel('From', { exact: true }).fill(today);
    await page.getByLabel('To', { exact: true }).fill(today);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(new RegExp(`from=${today}&to=${today}`));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      `${today} to ${today}`,
    );
    const api = await request(
      'GET',
      `${app.baseUrl}/issuers/${NGO}/metrics?from=${today}&to=${today}`,
      undefined,
      { key: ADMIN_KEY },
    );
    // Four modules and Kai's bronze tier.
    expect(api.body.totals.issued).toBe(5);
    await expect(page.locator('dd[data-count="issued"]').textContent()).resolves.toBe('5');
    await expect(
      page.getByRole('img', { name: /Credentials issued per achievement/ }).count(),
    ).resolves.toBe(1);
    await expect(
      page
        .getByRole('img', { name: /Credentials issued per partner of Digital skills programme/ })
        .count(),
    ).resolves.toBe(1);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download as CSV' }).first().click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`metrics-${NGO}-${today}-${today}-counts.csv`);
    await checkPage(page, 'metrics');

    for (const [language, title] of [
      ['zh-TW', '合作夥伴指標'],
      ['ja', 'パートナー指標'],
    ] as const) {
      await page.goto(`${app.baseUrl}/console/metrics?lang=${language}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(title);
      await expect(page.locator('dd[data-count="issued"]').textContent()).resolves.toBe('5');
      await checkPage(page, `metrics-${language}`);
    }
    await page.close();
  });
});
