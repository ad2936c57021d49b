// The console's partner metrics over plain HTTP, as a viewer would see them: the numbers on the
// page are the ones made through the API in the same test (and the API's own), each chart is an
// image with a title and its table beside it, the CSV downloads are the API's CSV, a partner
// group shows its partners side by side, a bad period is said on the form, and the page speaks
// zh-TW and ja.
import { parse } from 'csv-parse/sync';
import { COUNT_NAMES } from '../src/partnerMetrics/metricsModel.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule, changeStatus } from './helpers/catalogAwards.js';
import { ConsoleClient, staffMember, textOf } from './helpers/consoleClient.js';
import { request, type AnyJson } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const DAY = '2026-03-10';
const PERIOD = `from=${DAY}&to=${DAY}`;
const NGO = 'bridge-ngo';
const uuidOf = (id: string): string => id.replace('urn:uuid:', '');

let app: TestApp;
let viewer: ConsoleClient;
let groupId: string;

async function apiMetrics(slug: string, query = PERIOD): Promise<AnyJson> {
  const response = await request(
    'GET',
    `${app.baseUrl}/issuers/${slug}/metrics?${query}`,
    undefined,
    {
      key: ADMIN_KEY,
    },
  );
  expect(response.status).toBe(200);
  return response.body;
}

async function apiText(path: string): Promise<string> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  });
  expect(response.status).toBe(200);
  return response.text();
}

/** The totals as the page shows them, by count name. */
function shownTotals(page: string): Record<string, number> {
  return Object.fromEntries(
    [...page.matchAll(/data-count="(\w+)">([^<]*)</g)].map(([, name, value]) => [
      name,
      Number((value ?? '').replace(/[^\d]/g, '')),
    ]),
  );
}

/** The cells of one table the page shows (data-table=…), row by row, as text. */
function tableRows(page: string, table: string): string[][] {
  const at = page.indexOf(`data-table="${table}"`);
  expect(at, `the page has a ${table} table`).toBeGreaterThan(-1);
  const markup = page.slice(at, page.indexOf('</table>', at));
  const body = markup.slice(markup.indexOf('<tbody>'), markup.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...(row ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) =>
      textOf(cell ?? ''),
    ),
  );
}

beforeAll(async () => {
  // A clock that moves on (10 ms a reading) through the one day the metrics are asked for.
  let now = Date.parse(`${DAY}T09:00:00Z`);
  app = await startTestApp({ clock: () => new Date((now += 10)) });
  const spring = { cohort: '2026-spring', region: 'Tokyo' };
  const autumn = { cohort: '2026-autumn', region: 'Osaka' };
  // Dana earns digital basics and data literacy, and so the bronze tier; Eli's is revoked.
  const dana = (await awardModule(app.baseUrl, 'digital-basics', 'dana@example.org', spring)).body;
  const literacy = await awardModule(app.baseUrl, 'data-literacy', 'dana@example.org', spring);
  expect(literacy.body.stacked).toHaveLength(1);
  const eli = (await awardModule(app.baseUrl, 'digital-basics', 'eli@example.org', autumn)).body;
  expect((await changeStatus(app.baseUrl, eli.credential.id, 'revoke', 'error')).status).toBe(200);
  expect((await awardModule(app.baseUrl, 'it-passport', 'dana@example.org', spring)).status).toBe(
    201,
  );
  // An employer opens Dana's page twice and checks her credential once.
  for (let i = 0; i < 2; i += 1) {
    const page = await fetch(`${app.baseUrl}/c/${uuidOf(dana.credential.id)}`, {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(200);
  }
  const checked = await request('POST', `${app.baseUrl}/credentials/verify`, {
    verifiableCredential: dana.credential,
  });
  expect(checked.status).toBe(200);
  const group = await request(
    'POST',
    `${app.baseUrl}/partner-groups`,
    { name: 'Digital skills programme', issuers: [NGO, 'ipa'] },
    { key: ADMIN_KEY },
  );
  expect(group.status).toBe(201);
  groupId = group.body.id;
  viewer = await staffMember(app.baseUrl, NGO, 'vera@bridge.example', 'viewer');
});
afterAll(() => app?.close());

describe('console partner metrics', () => {
  it('shows a viewer the same numbers as the API, in totals and per achievement', async () => {
    const page = await viewer.get(`/console/metrics?${PERIOD}`);
    expect(page.status).toBe(200);
    const api = await apiMetrics(NGO);
    expect(api.totals).toMatchObject({ issued: 4, pageViews: 2, verifications: 1, revoked: 1 });
    expect(shownTotals(page.text)).toEqual(api.totals);
    expect(textOf(page.text)).toContain(`${DAY} to ${DAY}`);
    const rows = tableRows(page.text, 'counts');
    const basics = rows.find((row) => row[0] === 'Digital basics');
    const apiBasics = (api.achievements as AnyJson[]).find(
      (row) => row.achievement === 'digital-basics',
    ) as AnyJson;
    expect(basics).toEqual([
      'Digital basics',
      ...COUNT_NAMES.map((name) => String(apiBasics[name])),
    ]);
    // Issued 2, pages opened 2, verified by others 1, revoked 1, as made above.
    expect(apiBasics).toMatchObject({ issued: 2, pageViews: 2, verifications: 1, revoked: 1 });
    expect(rows).toHaveLength((api.achievements as AnyJson[]).length);
    expect(textOf(page.text)).toContain('Metrics');
  });

  it('draws each chart as a titled image beside its table', async () => {
    const page = (await viewer.get(`/console/metrics?${PERIOD}`)).text;
    const charts = [...page.matchAll(/<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"/g)];
    // Per achievement, day by day, two funnels (bronze and silver share their parts, gold has
    // one more), the partner group.
    expect(charts.length).toBe(5);
    for (const [, ids] of charts) {
      for (const id of (ids ?? '').split(' ')) expect(page).toContain(`id="${id}"`);
    }
    expect(page).toContain(
      '<title id="issued-chart-title">Credentials issued per achievement</title>',
    );
    expect(page).toContain('4 issued in all, over 3 achievements.');
    const api = await apiMetrics(NGO);
    const funnel = (api.funnels as AnyJson[])[0] as AnyJson;
    // Dana holds two of the three parts of bronze and silver, Eli's one part is revoked.
    expect(funnel.steps).toEqual([
      { parts: 1, learners: 1 },
      { parts: 2, learners: 1 },
      { parts: 3, learners: 0 },
    ]);
    expect(tableRows(page, 'funnel')).toEqual(
      (funnel.steps as AnyJson[]).map((step) => [
        `At least ${step.parts} of ${funnel.parts.length}`,
        String(step.learners),
      ]),
    );
    expect(tableRows(page, 'daily')).toEqual([[DAY, '4', '2', '1']]);
  });

  it('maps skills by cohort and region, and puts the partner group side by side', async () => {
    const page = await viewer.get(`/console/metrics?${PERIOD}`);
    const text = textOf(page.text);
    expect(text).toContain('By cohort');
    // Eli's credential is revoked, so the autumn cohort (Osaka) holds nothing at the end.
    expect(text).toContain(
      'By cohort Achievement 2026-spring AI-ready worker: bronze 1 Data literacy 1 Digital basics 1',
    );
    expect(text).toContain('By region Achievement Tokyo AI-ready worker: bronze 1');
    expect(text).not.toContain('Osaka');
    const group = tableRows(page.text, 'group');
    const ipa = await apiMetrics('ipa');
    expect(group.map((row) => row[1])).toEqual(['4', String(ipa.totals.issued)]);
    expect(text).toContain('Digital skills programme');
  });

  it('downloads each table as the API says it, and the group as its partners do', async () => {
    for (const part of ['counts', 'daily', 'funnel', 'skills']) {
      const response = await viewer.get(`/console/metrics.csv?part=${part}&${PERIOD}`);
      expect(response.status).toBe(200);
      expect(response.contentType).toContain('text/csv');
      expect(response.text).toBe(
        await apiText(`/issuers/${NGO}/metrics.csv?part=${part}&${PERIOD}`),
      );
    }
    const counts = parse((await viewer.get(`/console/metrics.csv?${PERIOD}`)).text, {
      columns: true,
    }) as Record<string, string>[];
    expect(counts.find((row) => row.achievement === 'total')?.issued).toBe('4');
    const group = await viewer.get(`/console/partner-groups/${groupId}/metrics.csv?${PERIOD}`);
    expect(group.text).toBe(await apiText(`/partner-groups/${groupId}/metrics.csv?${PERIOD}`));
    const bad = await viewer.get(`/console/metrics.csv?part=everything&${PERIOD}`);
    expect(bad.status).toBe(422);
    expect(textOf(bad.text)).toContain('must be one of counts, daily, funnel, skills');
  });

  it("does not show another programme's group to this issuer", async () => {
    const other = await request(
      'POST',
      `${app.baseUrl}/partner-groups`,
      { name: 'Exam bodies', issuers: ['ipa', 'jdla'] },
      { key: ADMIN_KEY },
    );
    const csv = await viewer.get(`/console/partner-groups/${other.body.id}/metrics.csv`);
    expect(csv.status).toBe(404);
    expect(textOf((await viewer.get(`/console/metrics?${PERIOD}`)).text)).not.toContain(
      'Exam bodies',
    );
  });

  it('says on the form what was wrong with a period, and shows no numbers', async () => {
    const badDate = await viewer.get('/console/metrics?from=2026-02-30&to=2026-03-10');
    expect(badDate.status).toBe(400);
    expect(textOf(badDate.text)).toContain('From: must be a date (YYYY-MM-DD)');
    expect(badDate.text).toContain('value="2026-02-30"');
    expect(shownTotals(badDate.text)).toEqual({});
    const reversed = await viewer.get('/console/metrics?from=2026-03-11&to=2026-03-10');
    expect(reversed.status).toBe(400);
    expect(textOf(reversed.text)).toContain(
      'From: must not be after the end of the period (2026-03-10)',
    );
    const before = await viewer.get('/console/metrics?from=2026-03-01&to=2026-03-09');
    expect(Object.values(shownTotals(before.text)).every((n) => n === 0)).toBe(true);
    expect(textOf(before.text)).toContain('Nothing happened in this period.');
  });

  it('speaks zh-TW and ja, with the numbers unchanged', async () => {
    const api = await apiMetrics(NGO);
    const zh = await viewer.get(`/console/metrics?${PERIOD}&lang=zh-TW`);
    expect(textOf(zh.text)).toContain('合作夥伴指標');
    expect(textOf(zh.text)).toContain('技能地圖');
    expect(shownTotals(zh.text)).toEqual(api.totals);
    const ja = await viewer.get(`/console/metrics?${PERIOD}&lang=ja`);
    expect(textOf(ja.text)).toContain('パートナー指標');
    expect(textOf(ja.text)).toContain('スキルマップ');
    expect(shownTotals(ja.text)).toEqual(api.totals);
  });

  it('sends someone signed out to sign in', async () => {
    const stranger = new ConsoleClient(app.baseUrl);
    const page = await stranger.get('/console/metrics');
    expect(page.status).toBe(303);
    expect(page.location).toContain('/console/sign-in');
    expect((await stranger.get('/console/metrics.csv')).status).toBe(303);
  });
});
