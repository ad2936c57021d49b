// Frameworks as data: the shipped files load and validate, and GET /frameworks serves them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogError } from '../src/catalog/loadCatalogDir.js';
import { loadFrameworkDir } from '../src/frameworks/frameworkService.js';
import { request } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

describe('framework files', () => {
  it('ships EQF 1–8 with the EU level URIs, ITSS 1–7 and iCAP 1–6, each text in three languages', () => {
    const frameworks = loadFrameworkDir('credentials/frameworks');
    const byKey = new Map(frameworks.map((f) => [f.key, f]));
    expect([...byKey.keys()].sort()).toEqual(['eqf', 'icap', 'itss']);
    const eqf = byKey.get('eqf');
    expect(eqf?.id).toBe('http://data.europa.eu/snb/eqf/25831c2');
    expect(eqf?.levels.map((l) => l.id)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `http://data.europa.eu/snb/eqf/${n}`),
    );
    expect(byKey.get('itss')?.levels.map((l) => l.code)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    expect(byKey.get('icap')?.levels).toHaveLength(6);
    expect(byKey.get('icap')?.description.en).toMatch(
      /no statutory national qualifications framework/,
    );
    expect(byKey.get('itss')?.description.en).toMatch(/mints stable ones/);
  });

  it('stops the start on a bad file, naming the file and the field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'frameworks-'));
    writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify({ key: 'bad', id: 'https://x.example/f', name: { en: 'x' }, levels: [] }),
    );
    expect(() => loadFrameworkDir(dir)).toThrow(CatalogError);
    expect(() => loadFrameworkDir(dir)).toThrow(/bad\.json/);
  });

  it('refuses two levels with one URI', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'frameworks-'));
    const text = { en: 'x', 'zh-TW': 'x', ja: 'x' };
    const level = { id: 'https://x.example/1', code: '1', name: text, description: text };
    writeFileSync(
      path.join(dir, 'twice.json'),
      JSON.stringify({
        key: 'twice',
        id: 'https://x.example/f',
        name: text,
        description: text,
        levels: [level, { ...level, code: '2' }],
      }),
    );
    expect(() => loadFrameworkDir(dir)).toThrow(/same id/);
  });

  it('reads a missing folder as no frameworks', () => {
    expect(loadFrameworkDir(path.join(tmpdir(), 'no-such-frameworks-dir'))).toEqual([]);
  });
});

describe('GET /frameworks', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('lists every framework in the language asked for', async () => {
    const listed = await request('GET', `${app.baseUrl}/frameworks?lang=ja`);
    expect(listed.status).toBe(200);
    const keys = listed.body.frameworks.map((f: { key: string }) => f.key);
    expect(keys).toEqual(['eqf', 'icap', 'itss']);
    expect(listed.body.frameworks[0]).toMatchObject({ inLanguage: 'ja', name: '欧州資格枠組み' });
  });

  it('serves one framework by its key, English by default', async () => {
    const eqf = await request('GET', `${app.baseUrl}/frameworks/eqf`);
    expect(eqf.status).toBe(200);
    expect(eqf.body).toMatchObject({
      key: 'eqf',
      id: 'http://data.europa.eu/snb/eqf/25831c2',
      inLanguage: 'en',
    });
    expect(eqf.body.levels[3]).toMatchObject({
      id: 'http://data.europa.eu/snb/eqf/4',
      code: '4',
      name: 'EQF level 4',
    });
    const icap = await request('GET', `${app.baseUrl}/frameworks/icap?lang=zh-TW`);
    expect(icap.body.levels[0].name).toBe('職能級別1');
  });

  it('answers an unknown key with a 404 problem', async () => {
    const missing = await request('GET', `${app.baseUrl}/frameworks/nqf`);
    expect(missing.status).toBe(404);
    expect(missing.contentType).toMatch(/application\/problem\+json/);
  });
});
