// Bulk issuance through the real app: a cohort CSV with bad rows, its dry run, the real run,
// its results file and event stream, idempotent retries, limits and scopes.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { progressOf } from './helpers/catalogAwards.js';
import {
  CSV_COLUMNS,
  cohortRows,
  csvOf,
  postBatchCsv,
  waitForBatch,
  type Row,
} from './helpers/batches.js';
import { request, verify } from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const SLUG = 'bridge-ngo';

// Rows are signed for real: on a loaded 2-core machine a few hundred take longer than the 30 s a
// test may run by default.
vi.setConfig({ testTimeout: 300_000 });

/** 493 good rows and 7 bad ones, each bad in its own way, at fixed places in the file. */
function fileWithBadRows(tag: string): { rows: Row[]; bad: Map<number, string> } {
  const rows = cohortRows(tag, 400, 93);
  const bad: Array<[number, Row, string]> = [
    [10, { recipient: `x1.${tag}@example.org`, achievement: 'no-such-module' }, 'achievement'],
    [50, { recipient: `learner@@example`, achievement: 'digital-basics' }, 'recipient'],
    [120, { recipient: `learner5.${tag}@example.org`, achievement: 'digital-basics' }, 'recipient'],
    [200, { recipient: '', achievement: 'digital-basics' }, 'recipient'],
    [
      260,
      { recipient: `x2.${tag}@example.org`, achievement: 'digital-basics', valid_until: 'soon' },
      'valid_until',
    ],
    [
      330,
      { recipient: `x3.${tag}@example.org`, achievement: 'digital-basics', lang: 'fr' },
      'lang',
    ],
    [480, { recipient: `x4.${tag}@example.org`, achievement: 'it-passport' }, 'achievement'],
  ];
  for (const [at, row] of bad) rows.splice(at - 1, 0, row);
  return { rows, bad: new Map(bad.map(([at, , field]) => [at, field])) };
}

describe('batches from a CSV file', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('dry-runs a 500-row file naming each bad row and field, then issues the other 493 once', async () => {
    const { rows, bad } = fileWithBadRows('dry');
    expect(rows).toHaveLength(500);
    const csv = csvOf(rows, CSV_COLUMNS);

    const dry = await postBatchCsv(app.baseUrl, SLUG, csv, { query: '?dryRun=true' });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ total: 500, valid: 493, invalid: 7 });
    const invalid = (
      dry.body.rows as Array<{ row: number; state: string; errors?: Array<{ field: string }> }>
    )
      .filter((row) => row.state === 'invalid')
      .map((row) => [row.row, row.errors?.[0]?.field]);
    expect(invalid).toEqual([...bad.entries()]);
    // Nothing was issued by the dry run.
    expect(
      (await progressOf(app.baseUrl, 'learner1.dry@example.org'))['ai-ready-bronze']?.held,
    ).toBeUndefined();

    const accepted = await postBatchCsv(app.baseUrl, SLUG, csv);
    expect(accepted.status).toBe(202);
    expect(accepted.body.total).toBe(500);
    const done = await waitForBatch(app.baseUrl, String(accepted.body.id));
    expect(done.body).toMatchObject({ state: 'completed', total: 500, done: 493, failed: 7 });
    const viewRows = done.body.rows as Array<{
      row: number;
      state: string;
      credential?: string;
      url?: string;
      errors?: Array<{ field: string; message: string }>;
    }>;
    expect(
      viewRows.filter((r) => r.state === 'failed').map((r) => [r.row, r.errors?.[0]?.field]),
    ).toEqual([...bad.entries()]);
    const duplicate = viewRows.find((r) => r.row === 120);
    expect(duplicate?.errors?.[0]?.message).toMatch(/repeats row 5/);
    const credentials = viewRows.flatMap((r) => (r.credential ? [r.credential] : []));
    expect(new Set(credentials).size).toBe(493);

    // A learner with both modules holds the bronze tier; one with one module does not.
    expect(
      (await progressOf(app.baseUrl, 'learner7.dry@example.org'))['ai-ready-bronze'],
    ).toMatchObject({ met: true });
    expect(
      (await progressOf(app.baseUrl, 'learner7.dry@example.org'))['ai-ready-bronze']?.held,
    ).toBeDefined();
    expect(
      (await progressOf(app.baseUrl, 'learner300.dry@example.org'))['ai-ready-bronze']?.held,
    ).toBeUndefined();

    // The credential on a row's page verifies, with the row's evidence and result in it.
    const row3 = viewRows.find((r) => r.row === 3);
    const credential = await request(
      'GET',
      `${app.baseUrl}/credentials/${row3?.credential?.replace('urn:uuid:', '')}`,
    );
    expect(credential.body.credentialSubject.result[0].value).toBe(rows[2]?.result);
    expect(credential.body.evidence[0].name).toBe('Final assessment');
    expect((await verify(app.baseUrl, credential.body)).body.verdict).toBe('verified');

    const results = await fetch(`${app.baseUrl}/batches/${accepted.body.id}/results.csv`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(results.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = parse(await results.text(), { columns: true }) as Array<Record<string, string>>;
    expect(lines).toHaveLength(500);
    expect(lines.filter((l) => l.state === 'issued')).toHaveLength(493);
    expect(lines.filter((l) => l.state === 'failed').map((l) => Number(l.row))).toEqual([
      ...bad.keys(),
    ]);
    for (const line of lines) {
      const shown = viewRows[Number(line.row) - 1];
      expect(line.credential).toBe(shown?.credential ?? '');
      expect(line.url).toBe(shown?.url ?? '');
    }
    expect(lines[49]?.errors).toMatch(/^recipient: /);
  });

  it('streams progress as events in row order, ending with completed', async () => {
    const rows = cohortRows('sse', 40, 10);
    const accepted = await postBatchCsv(app.baseUrl, SLUG, csvOf(rows, CSV_COLUMNS));
    const response = await fetch(`${app.baseUrl}/batches/${accepted.body.id}/events`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    const events = text
      .split('\n\n')
      .filter((block) => block.includes('event: '))
      .map((block) => ({
        name: /event: (\w+)/.exec(block)?.[1],
        id: /^id: (\d+)/m.exec(block)?.[1],
        data: JSON.parse(/data: (.*)/.exec(block)?.[1] ?? '{}') as Record<string, number>,
      }));
    const rowIds = events.filter((e) => e.name === 'row').map((e) => Number(e.id));
    expect(rowIds).toEqual(rows.map((_, index) => index + 1));
    const done = events.filter((e) => e.name === 'progress').map((e) => e.data.done ?? 0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({
      name: 'completed',
      data: { total: 50, done: 50, failed: 0 },
    });
  });

  it('answers a retry of the same file and Idempotency-Key with the first batch', async () => {
    const csv = csvOf(cohortRows('idem', 5, 0), CSV_COLUMNS);
    const headers = { 'idempotency-key': 'cohort-2026-12' };
    const first = await postBatchCsv(app.baseUrl, SLUG, csv, { headers });
    const second = await postBatchCsv(app.baseUrl, SLUG, csv, { headers });
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    const list = await request('GET', `${app.baseUrl}/issuers/${SLUG}/batches`, undefined, {
      key: ADMIN_KEY,
    });
    expect(
      (list.body.batches as Array<{ id: string }>).filter((b) => b.id === first.body.id),
    ).toHaveLength(1);
    const done = await waitForBatch(app.baseUrl, String(first.body.id));
    expect(done.body.done).toBe(5);
  });

  it('takes JSON rows with one inline achievement, as vc+jwt', async () => {
    const accepted = await request(
      'POST',
      `${app.baseUrl}/issuers/${SLUG}/batches`,
      {
        format: 'jwt',
        achievement: {
          name: 'Community workshop',
          description: 'Took part in the community digital workshop.',
          criteria: { narrative: 'Attended both sessions.' },
        },
        rows: [
          { recipient: 'json1@example.org' },
          { recipient: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
        ],
      },
      { key: ADMIN_KEY },
    );
    expect(accepted.status).toBe(202);
    const done = await waitForBatch(app.baseUrl, String(accepted.body.id));
    expect(done.body).toMatchObject({ format: 'jwt', done: 2, failed: 0 });
    const id = String((done.body.rows as Array<{ credential: string }>)[1]?.credential).replace(
      'urn:uuid:',
      '',
    );
    const jwt = await fetch(`${app.baseUrl}/credentials/${id}`, {
      headers: { accept: 'application/vc+jwt' },
    });
    const token = await jwt.text();
    expect(token.split('.')).toHaveLength(3);
    expect((await verify(app.baseUrl, token)).body.verdict).toBe('verified');
  });

  it('refuses a file whose header names an unknown column, or lacks recipient, as 422', async () => {
    const unknown = await postBatchCsv(
      app.baseUrl,
      SLUG,
      'recipient,achievement,grade\na@example.org,digital-basics,A\n',
    );
    expect(unknown.status).toBe(422);
    expect(unknown.contentType).toMatch(/problem\+json/);
    expect(unknown.body.errors[0].field).toBe('columns.grade');
    const missing = await postBatchCsv(
      app.baseUrl,
      SLUG,
      'email,achievement\na@example.org,digital-basics\n',
    );
    expect(missing.status).toBe(422);
    expect((missing.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(
      'columns.recipient',
    );
  });

  it('revokes every credential of a batch in one request, tiers following', async () => {
    const accepted = await postBatchCsv(
      app.baseUrl,
      SLUG,
      csvOf(cohortRows('bulk', 4, 2), CSV_COLUMNS),
    );
    await waitForBatch(app.baseUrl, String(accepted.body.id));
    expect(
      (await progressOf(app.baseUrl, 'learner1.bulk@example.org'))['ai-ready-bronze']?.held,
    ).toBeDefined();
    const revoked = await request(
      'POST',
      `${app.baseUrl}/credentials/status/bulk`,
      {
        batch: accepted.body.id,
        action: 'revoke',
        reason: 'exam day withdrawn by the examining body',
      },
      { key: ADMIN_KEY },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ changed: 6, refused: 0 });
    const bronze = (await progressOf(app.baseUrl, 'learner1.bulk@example.org'))['ai-ready-bronze'];
    expect(bronze?.met).toBe(false);
    expect(bronze?.held).toBeUndefined();
  });

  it('says which scope a key lacks', async () => {
    const made = await request(
      'POST',
      `${app.baseUrl}/issuers/${SLUG}/scoped-keys`,
      { name: 'awards-only', scopes: ['awards:write'] },
      { key: ADMIN_KEY },
    );
    const refused = await postBatchCsv(
      app.baseUrl,
      SLUG,
      csvOf(cohortRows('scope', 1, 0), CSV_COLUMNS),
      { key: String(made.body.apiKey) },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.requiredScope).toBe('batches:write');
  });
});

describe('batch rows and e-mail', () => {
  // Its own app: the queue of the big batches above would come first.
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('shows on each row how the learner’s e-mail went', async () => {
    const accepted = await postBatchCsv(
      app.baseUrl,
      SLUG,
      csvOf(cohortRows('mail', 3, 0), CSV_COLUMNS),
    );
    const id = String(accepted.body.id);
    await waitForBatch(app.baseUrl, id);
    // Without SMTP_URL the messages go to DATA_DIR/outbox as .eml files: sent, once each.
    const deadline = performance.now() + 30_000;
    let states: unknown[] = [];
    while (performance.now() < deadline) {
      const view = await request('GET', `${app.baseUrl}/batches/${id}`, undefined, {
        key: ADMIN_KEY,
      });
      states = (view.body.rows as Array<{ email?: { state: string; attempts: number } }>).map(
        (r) => r.email,
      );
      if (states.every((s) => (s as { state?: string } | undefined)?.state === 'sent')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(states).toEqual([1, 2, 3].map(() => ({ state: 'sent', attempts: 1 })));
    const results = await fetch(`${app.baseUrl}/batches/${id}/results.csv`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const lines = parse(await results.text(), { columns: true }) as Array<Record<string, string>>;
    expect(lines.map((l) => l.email)).toEqual(['sent', 'sent', 'sent']);
  });
});

describe('batch limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { BATCH_MAX_ROWS: '20', BATCH_MAX_BYTES: '4000' } });
  });
  afterAll(() => app.close());

  it('refuses more rows than BATCH_MAX_ROWS with 422 and a larger file with 413, storing nothing', async () => {
    const tooMany = await postBatchCsv(
      app.baseUrl,
      SLUG,
      'recipient,achievement\n' + 'a@example.org,digital-basics\n'.repeat(21),
    );
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0]).toMatchObject({ field: 'rows' });
    expect(tooMany.body.errors[0].message).toMatch(/at most 20/);
    const tooBig = await postBatchCsv(
      app.baseUrl,
      SLUG,
      'recipient,achievement,evidence_narrative\n' +
        `a@example.org,digital-basics,${'x'.repeat(4000)}\n`,
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.contentType).toMatch(/problem\+json/);
    const list = await request('GET', `${app.baseUrl}/issuers/${SLUG}/batches`, undefined, {
      key: ADMIN_KEY,
    });
    expect(list.body.batches).toEqual([]);
  });
});

describe.skipIf(mongoTarget().uri === undefined)('batches on MongoDB', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ store: 'mongo' });
  });
  afterAll(() => app.close());

  it('runs a batch with a bad row and a repeat, tiers included, and a retry answers the same batch', async () => {
    const rows = [
      ...cohortRows('mongo', 6, 3),
      { recipient: 'learner2.mongo@example.org', achievement: 'digital-basics' },
      { recipient: 'not an address', achievement: 'digital-basics' },
    ];
    const csv = csvOf(rows, CSV_COLUMNS);
    const headers = { 'idempotency-key': 'mongo-cohort' };
    const accepted = await postBatchCsv(app.baseUrl, SLUG, csv, { headers });
    expect(accepted.status).toBe(202);
    expect((await postBatchCsv(app.baseUrl, SLUG, csv, { headers })).body.id).toBe(
      accepted.body.id,
    );
    const done = await waitForBatch(app.baseUrl, String(accepted.body.id));
    expect(done.body).toMatchObject({ total: 11, done: 9, failed: 2 });
    expect(
      (done.body.rows as Array<{ row: number; errors?: Array<{ field: string }> }>)
        .filter((r) => r.errors)
        .map((r) => [r.row, r.errors?.[0]?.field]),
    ).toEqual([
      [10, 'recipient'],
      [11, 'recipient'],
    ]);
    expect(
      (await progressOf(app.baseUrl, 'learner3.mongo@example.org'))['ai-ready-bronze']?.held,
    ).toBeDefined();
    expect(
      (await progressOf(app.baseUrl, 'learner4.mongo@example.org'))['ai-ready-bronze']?.held,
    ).toBeUndefined();
  });
});
