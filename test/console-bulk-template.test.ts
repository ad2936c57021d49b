// The Bulk page's template CSV over plain HTTP: an issuer downloads it, it has every column the
// batch takes and a row per achievement the page lists, prerequisites first and evidence where
// one needs it, so pasted back unchanged every row checks as ready. A viewer, who cannot award, gets no template.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_COLUMNS } from '../src/batches/batchRows.js';
import { staffMember, textOf } from './helpers/consoleClient.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

const NGO = 'bridge-ngo';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('console bulk template', () => {
  it('gives an issuer a CSV of every column and one ready row per achievement', async () => {
    const issuer = await staffMember(app.baseUrl, NGO, 'ren@bridge.example', 'issuer');
    const bulkPage = await issuer.get('/console/bulk');
    // The hint names every column the batch takes.
    expect(textOf(bulkPage.text)).toContain(`(${BATCH_COLUMNS.join(', ')})`);
    const link = /href="(\/console\/bulk\/template\.csv[^"]*)"/.exec(bulkPage.text)?.[1];
    expect(link).toBeDefined();

    const template = await fetch(`${app.baseUrl}${link?.replace(/&amp;/g, '&')}`, {
      headers: { cookie: [...issuer.cookies].map(([n, v]) => `${n}=${v}`).join('; ') },
    });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(template.headers.get('content-disposition')).toBe(
      `attachment; filename="${NGO}-template.csv"`,
    );
    const csv = await template.text();
    const [header, ...rows] = parse(csv) as string[][];
    expect(header).toEqual([...BATCH_COLUMNS]);

    // The keys the Bulk page lists as "Achievements you can award".
    const keys = [...bulkPage.text.matchAll(/<td><code>([^<]+)<\/code><\/td>/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(0);
    expect(rows.map((row) => row[BATCH_COLUMNS.indexOf('achievement')]).sort()).toEqual(
      [...keys].sort(),
    );

    const checked = await issuer.submit('/console/bulk', '/console/bulk/check', { csv });
    expect(checked.status).toBe(200);
    expect(textOf(checked.text)).toContain(
      `${rows.length} of ${rows.length} rows are ready; 0 need fixing.`,
    );
  });

  it('gives a viewer the refusal page, not the template', async () => {
    const viewer = await staffMember(app.baseUrl, NGO, 'vi@bridge.example', 'viewer');
    const refused = await viewer.get('/console/bulk/template.csv');
    expect(refused.status).toBe(403);
    expect(refused.contentType).toContain('text/html');
  });
});
