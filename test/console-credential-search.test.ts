// The console's Credentials search over plain HTTP, as a browser without JavaScript sends it: pages
// of 25 linked by "Next page", a state filter that reads past credentials of other states to fill
// a page, a bad date explained at its field, and a bulk action on a selection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortRows, csvOf, postBatchCsv, waitForBatch } from './helpers/batches.js';
import { changeStatus } from './helpers/catalogAwards.js';
import { csrfOf, staffMember, textOf, type ConsoleClient } from './helpers/consoleClient.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let staff: ConsoleClient;
let issued: string[] = [];

/** The credential ids a results page lists, from its Details links, in page order. */
const listed = (html: string): string[] =>
  [...html.matchAll(/href="\/console\/credentials\/([0-9a-f-]{36})\?lang=en"/g)].map(
    (match) => match[1] ?? '',
  );

const nextLink = (html: string): string | undefined =>
  /href="([^"]+)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

beforeAll(async () => {
  app = await startTestApp();
  const accepted = await postBatchCsv(
    app.baseUrl,
    'bridge-ngo',
    csvOf(cohortRows('search', 27, 0), ['recipient', 'achievement']),
  );
  const done = await waitForBatch(app.baseUrl, accepted.body.id as string);
  issued = (done.body.rows as Array<{ credential?: string }>).flatMap((row) =>
    row.credential ? [row.credential.replace('urn:uuid:', '')] : [],
  );
  staff = await staffMember(app.baseUrl, 'bridge-ngo', 'sam@bridge.example', 'issuer');
}, 120_000);
afterAll(async () => app?.close());

describe('the Credentials search without JavaScript', () => {
  it('pages 25 at a time, newest first, and the next page holds the rest', async () => {
    expect(issued).toHaveLength(27);
    const first = await staff.get('/console/credentials?lang=en');
    expect(first.status).toBe(200);
    const page1 = listed(first.text);
    expect(page1).toHaveLength(25);
    const next = nextLink(first.text);
    expect(next).toBeDefined();
    const second = await staff.get(next ?? '');
    const page2 = listed(second.text);
    expect(page2).toHaveLength(2);
    expect(nextLink(second.text)).toBeUndefined();
    expect(textOf(second.text)).toContain('First page');
    expect([...page1, ...page2].sort()).toEqual([...issued].sort());
  });

  it('fills a page of one state from among the others, and explains a bad date', async () => {
    // The two oldest: a state filter has to read past the 25 newer ones to find them.
    const oldest = issued.slice(0, 2);
    for (const id of oldest)
      expect((await changeStatus(app.baseUrl, id, 'revoke')).status).toBe(200);
    const revoked = await staff.get('/console/credentials?lang=en&state=revoked');
    expect(listed(revoked.text).sort()).toEqual([...oldest].sort());
    const active = await staff.get('/console/credentials?lang=en&state=active');
    expect(listed(active.text)).toHaveLength(25);
    expect(listed(active.text)).not.toContain(oldest[0]);

    const bad = await staff.get('/console/credentials?lang=en&from=2026-13-45');
    expect(textOf(bad.text)).toContain('give a date, or leave it empty');
    expect(listed(bad.text)).toEqual([]);
  });

  it('changes the ticked credentials with one reason and returns to the same search', async () => {
    const [a = '', b = ''] = issued.slice(-2);
    const search = '/console/credentials?lang=en&state=active';
    const page = await staff.get(search);
    const response = await staff.post('/console/credentials/selection?lang=en', {
      csrf: csrfOf(page.text),
      search: 'state=active',
      action: 'suspend',
      reason: 'Assessment under review',
    });
    expect(response.status).toBe(422);
    expect(textOf(response.text)).toContain('select at least one credential');

    const changed = await staff.post('/console/credentials/selection?lang=en', [
      ['csrf', csrfOf(page.text)],
      ['search', 'state=active'],
      ['credential', a],
      ['credential', b],
      ['action', 'revoke'],
      ['reason', 'Assessment withdrawn'],
    ]);
    expect(changed.status).toBe(303);
    expect(changed.location).toContain('state=active');
    const after = await staff.get(changed.location ?? '');
    expect(textOf(after.text)).toContain('Revoke: 2 changed, 0 could not be');
    expect(listed(after.text)).not.toContain(a);
    for (const id of [a, b]) {
      const state = await fetch(`${app.baseUrl}/credentials/${id}/status`);
      expect(((await state.json()) as { state: string }).state).toBe('revoked');
    }
  });
});
