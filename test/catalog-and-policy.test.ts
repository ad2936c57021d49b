import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalogDir } from '../src/catalog/loadCatalogDir.js';
import { didWebDocumentUrl } from '../src/keys/didResolver.js';
import {
  fetchJsonWithPolicy,
  isPublicAddress,
  maxAgeOf,
  publicOnlyLookup,
} from '../src/net/fetchWithPolicy.js';
import { startTestApp } from './helpers/testApp.js';

function catalogDirWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
  for (const [name, contents] of Object.entries(files)) {
    writeFileSync(
      path.join(dir, name),
      typeof contents === 'string' ? contents : JSON.stringify(contents),
    );
  }
  return dir;
}

const module = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  issuer: 'acme',
  kind: 'module',
  name: { en: key },
  description: { en: key },
  criteria: { en: key },
  ...extra,
});

describe('catalog files', () => {
  it('loads the shipped catalogs', () => {
    const catalog = loadCatalogDir('credentials');
    const keys = catalog.achievements.map((a) => a.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'it-passport',
        'g-kentei',
        'ds-kentei',
        'dx-passport-1',
        'dx-passport-2',
        'dx-passport-3',
      ]),
    );
    expect(catalog.issuers.map((i) => i.slug)).toEqual(
      expect.arrayContaining(['ipa', 'jdla', 'dss', 'di-lite']),
    );
  });

  it.each([
    ['bad JSON', { 'a.json': '{"achievements": [' }, /a\.json: \(file\): not valid JSON/],
    [
      'a missing field',
      { 'a.json': { achievements: [{ key: 'x', issuer: 'acme', kind: 'module' }] } },
      /a\.json: achievements\[0\]\.name: is required/,
    ],
    [
      'a tier without a rule',
      { 'a.json': { achievements: [module('t', { kind: 'tier' })] } },
      /a\.json: achievements\[0\]\.rule: is required/,
    ],
    [
      'a rule naming an unknown achievement',
      {
        'a.json': {
          achievements: [module('t', { kind: 'tier', rule: { nOf: 1, from: ['nope'] } })],
        },
      },
      /a\.json: achievements\[0\]\.rule: names unknown achievement "nope"/,
    ],
    [
      'tiers that need one another (a -> b -> a)',
      {
        'a.json': {
          achievements: [
            module('a', { kind: 'tier', rule: { allOf: ['b'] } }),
            module('b', { kind: 'tier', rule: { anyOf: ['m', 'a'] } }),
            module('m'),
          ],
        },
      },
      /a\.json: achievements\[0\]\.rule: .*cycle.*: a -> b -> a/,
    ],
    [
      'a cycle through prerequisites (a -> b -> c -> a)',
      {
        'a.json': {
          achievements: [
            module('a', { prerequisites: 'b' }),
            module('b', { prerequisites: 'c' }),
            module('c', { kind: 'tier', rule: 'a' }),
          ],
        },
      },
      /cycle.*: a -> b -> c -> a/,
    ],
    [
      'a key defined twice',
      { 'a.json': { achievements: [module('m')] }, 'b.json': { achievements: [module('m')] } },
      /b\.json: achievements\[0\]\.key: "m" is already defined/,
    ],
  ])('refuses %s, naming file, place and reason', (_what, files, message) => {
    const dir = catalogDirWith(files);
    try {
      expect(() => loadCatalogDir(dir)).toThrow(CatalogError);
      expect(() => loadCatalogDir(dir)).toThrow(message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops the start when an achievement names an issuer nobody defines', async () => {
    const dir = catalogDirWith({ 'a.json': { achievements: [module('m')] } });
    try {
      await expect(startTestApp({ env: { CATALOG_DIR: dir } })).rejects.toThrow(/no issuer "acme"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads idempotently: a second start on the same data keeps the issuers and their keys', async () => {
    const first = await startTestApp();
    const did = (await first.services.issuers.get('ipa')).did;
    await first.stop();
    const second = await startTestApp({ dataDir: first.dataDir });
    try {
      expect((await second.services.issuers.get('ipa')).did).toBe(did);
    } finally {
      await second.close();
    }
  });
});

describe('URL policy for documents of other issuers', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
  ])('treats %s as private', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888'])('treats %s as public', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );

  it('refuses plain http and private addresses before connecting', async () => {
    await expect(fetchJsonWithPolicy('http://example.org/list')).rejects.toThrow(/only https/);
    await expect(fetchJsonWithPolicy('https://127.0.0.1/list')).rejects.toThrow(
      /private or reserved/,
    );
    await expect(fetchJsonWithPolicy('https://[::1]/list')).rejects.toThrow(/private or reserved/);
  });

  it('checks addresses again when connecting, so a name cannot be re-pointed inside', async () => {
    const error = await new Promise<Error | null>((resolve) =>
      publicOnlyLookup('localhost', {}, (lookupError) => resolve(lookupError)),
    );
    expect(error?.message).toMatch(/private or reserved/);
  });

  it('finds did:web documents where the did:web method puts them', () => {
    expect(didWebDocumentUrl('did:web:exams.example')).toBe(
      'https://exams.example/.well-known/did.json',
    );
    expect(didWebDocumentUrl('did:web:exams.example%3A8443:issuers:ipa')).toBe(
      'https://exams.example:8443/issuers/ipa/did.json',
    );
  });

  it('reuses a copy only as long as Cache-Control allows', () => {
    expect(maxAgeOf('public, max-age=120')).toBe(120);
    expect(maxAgeOf('public, no-cache')).toBe(0);
    expect(maxAgeOf(null)).toBe(0);
  });
});
