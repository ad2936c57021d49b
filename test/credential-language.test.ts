// Credentials in the learner's language: an award asks for `lang`, and the credential carries that
// language's name, description and criteria with inLanguage set; the tiers it completes follow it.
// The public page shows the credential's texts as issued, marked with their language, and its own
// interface in the visitor's.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { achievementCredentialSchemaErrors as schemaErrors } from './helpers/achievementCredentialSchema.js';
import { awardModule, changeStatus, progressOf } from './helpers/catalogAwards.js';
import {
  award,
  createIssuer,
  request,
  sampleAward,
  verify,
  type AnyJson,
  type Issuer,
} from './helpers/http.js';
import type { CatalogAchievement } from '../src/catalog/catalogTypes.js';
import { tierLanguage } from '../src/stacking/tierAwards.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { storedCounts } from './helpers/storedCounts.js';

type Texts = Record<'en' | 'zh-TW' | 'ja', string>;
interface CatalogEntry {
  key: string;
  name: Texts;
  description: Texts;
  criteria: Texts;
}

// The example catalog the test app loads (CATALOG_DIR defaults to ./credentials).
const catalog = JSON.parse(
  readFileSync(new URL('../credentials/dx-passport.json', import.meta.url), 'utf8'),
) as { achievements: CatalogEntry[] };
const entry = (key: string): CatalogEntry => {
  const found = catalog.achievements.find((a) => a.key === key);
  if (!found) throw new Error(`no ${key} in the example catalog`);
  return found;
};

let app: TestApp;
let ngo: Issuer;
let learners = 0;
const newLearner = (): string => `language-learner-${(learners += 1)}@example.org`;

beforeAll(async () => {
  // No background jobs: the outbox sending earlier awards' e-mails would change the counts a refused award must leave alone.
  app = await startTestApp({ background: false });
  ngo = await createIssuer(app.baseUrl, 'language-ngo', 'Language NGO');
});
afterAll(async () => app.close());

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

async function pageOf(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { headers: { accept: BROWSER_ACCEPT, ...headers } });
  expect(response.status).toBe(200);
  return response.text();
}

const escaped = (text: string): string => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

async function expectVerified(credential: AnyJson): Promise<void> {
  const report = await verify(app.baseUrl, credential);
  expect(report.body.verdict, JSON.stringify(report.body.checks)).toBe('verified');
}

const achievementOf = (credential: AnyJson): AnyJson => credential.credentialSubject.achievement;

function expectTexts(credential: AnyJson, key: string, language: keyof Texts): void {
  const texts = entry(key);
  expect(achievementOf(credential)).toMatchObject({
    name: texts.name[language],
    description: texts.description[language],
    criteria: { narrative: texts.criteria[language] },
    inLanguage: language,
  });
  expect(credential.name).toBe(texts.name[language]);
}

describe('a zh-TW award of a catalog achievement', () => {
  let credential: AnyJson;
  let url: string;

  beforeAll(async () => {
    const response = await awardModule(app.baseUrl, 'it-passport', newLearner(), {
      lang: 'zh-TW',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    ({ credential, url } = response.body as { credential: AnyJson; url: string });
  });

  it('carries the zh-TW name, description and criteria, and inLanguage zh-TW', () => {
    expectTexts(credential, 'it-passport', 'zh-TW');
  });

  it('verifies and passes 1EdTech’s schema', async () => {
    await expectVerified(credential);
    expect(schemaErrors(credential)).toEqual([]);
  });

  it('shows its zh-TW texts marked lang="zh-TW" on a page in the visitor’s language', async () => {
    const texts = entry('it-passport');
    const page = await pageOf(url, { 'accept-language': 'ja' });
    expect(page).toContain('<html lang="ja">');
    expect(page).toContain(`<h1 lang="zh-TW">${escaped(texts.name['zh-TW'])}</h1>`);
    expect(page).toContain(
      `<p class="prose" lang="zh-TW">${escaped(texts.description['zh-TW'])}</p>`,
    );
    expect(page).toContain(`<p class="prose" lang="zh-TW">${escaped(texts.criteria['zh-TW'])}</p>`);
    // The interface is Japanese: its headings, the verdict, and the credential's language named.
    expect(page).toContain('<h2 id="description">説明</h2>');
    expect(page).toContain('<h2 id="criteria">取得条件</h2>');
    expect(page).toContain('検証済み');
    expect(page).toContain(
      `${new Intl.DisplayNames(['ja'], { type: 'language' }).of('zh-TW')}で記載`,
    );
    expect(page).not.toContain(texts.name.ja);
  });

  it('keeps the credential’s texts when the visitor switches the page’s language', async () => {
    const texts = entry('it-passport');
    const english = await pageOf(`${url}?lang=en`, { 'accept-language': 'ja' });
    expect(english).toContain('<html lang="en">');
    expect(english).toContain(`<h1 lang="zh-TW">${escaped(texts.name['zh-TW'])}</h1>`);
    expect(english).toContain('<h2 id="description">Description</h2>');
    expect(english).toContain('Written in Chinese (Taiwan)');
    // A visitor reading the credential's own language is not told what it is written in.
    const chinese = await pageOf(`${url}?lang=zh-TW`);
    expect(chinese).toContain(`<h1 lang="zh-TW">${escaped(texts.name['zh-TW'])}</h1>`);
    expect(chinese).not.toContain('credential-language');
  });
});

describe('the language of an award', () => {
  it('is the catalog’s first language, English, when the award asks for none', async () => {
    const response = await awardModule(app.baseUrl, 'g-kentei', newLearner());
    expect(response.status).toBe(201);
    expectTexts(response.body.credential, 'g-kentei', 'en');
    const page = await pageOf(response.body.url, { 'accept-language': 'zh-TW' });
    expect(page).toContain(`<h1 lang="en">${escaped(entry('g-kentei').name.en)}</h1>`);
  });

  it('is Japanese when asked, and verifies', async () => {
    const response = await awardModule(app.baseUrl, 'ds-kentei', newLearner(), { lang: 'ja' });
    expect(response.status).toBe(201);
    expectTexts(response.body.credential, 'ds-kentei', 'ja');
    await expectVerified(response.body.credential);
    expect(schemaErrors(response.body.credential)).toEqual([]);
  });

  it('must be one the achievement has every text in: else a 422 naming lang, nothing issued', async () => {
    const put = await request(
      'PUT',
      `${app.baseUrl}/achievements/english-only`,
      {
        key: 'english-only',
        issuer: 'language-ngo',
        kind: 'module',
        name: { en: 'English only', ja: '英語のみ' },
        description: { en: 'Only written in English.' },
        criteria: { en: 'Attended.' },
      },
      { key: ADMIN_KEY },
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const body = { achievement: 'english-only', recipient: { email: newLearner() } };
    const before = await storedCounts(app);
    const refused = await award(app.baseUrl, ngo, { ...body, lang: 'ja' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        field: 'lang',
        message:
          '"english-only" has no ja text for its name, description, criteria or result descriptions',
        code: 'language-missing',
        params: { key: 'english-only', lang: 'ja' },
      },
    ]);
    expect(await storedCounts(app)).toEqual(before);
    // Without lang it is issued in English, not a mix of the Japanese name and English texts.
    const issued = await award(app.baseUrl, ngo, body);
    expect(issued.status).toBe(201);
    expect(achievementOf(issued.body.credential)).toMatchObject({
      name: 'English only',
      inLanguage: 'en',
    });
    // The catalog route shows it the same way: one language under one inLanguage.
    const ja = await request('GET', `${app.baseUrl}/achievements/english-only?lang=ja`);
    expect(ja.body).toMatchObject({ name: 'English only', inLanguage: 'en' });
  });

  it('sets an inline achievement’s inLanguage, which its page marks', async () => {
    const issued = await award(app.baseUrl, ngo, {
      ...sampleAward,
      achievement: {
        name: '表計算の基礎',
        description: '簡単な表を作成し確認できる。',
        criteria: { narrative: '40問の実技試験に合格した。' },
      },
      lang: 'ja',
    });
    expect(issued.status).toBe(201);
    expect(achievementOf(issued.body.credential).inLanguage).toBe('ja');
    await expectVerified(issued.body.credential);
    expect(schemaErrors(issued.body.credential)).toEqual([]);
    const page = await pageOf(issued.body.url, { 'accept-language': 'en' });
    expect(page).toContain('<h1 lang="ja">表計算の基礎</h1>');
    expect(page).toContain('<p class="prose" lang="ja">簡単な表を作成し確認できる。</p>');
    expect(page).toContain('<h2 id="description">Description</h2>');
  });

  it('is left unstated for an inline achievement without lang, and the page claims none', async () => {
    const issued = await award(app.baseUrl, ngo, sampleAward);
    expect(issued.status).toBe(201);
    expect(achievementOf(issued.body.credential)).not.toHaveProperty('inLanguage');
    const page = await pageOf(issued.body.url);
    expect(page).toContain(`<h1>${sampleAward.achievement.name}</h1>`);
    expect(page).toContain(`<p class="prose">${sampleAward.achievement.description}</p>`);
  });
});

describe('the language of a tier', () => {
  it('gives way to the catalog’s first when the tier has no texts in it', () => {
    const tier: CatalogAchievement = {
      key: 'english-tier',
      issuer: 'language-ngo',
      kind: 'tier',
      name: { en: 'English tier', ja: '英語の段階' },
      description: { en: 'In English.' },
      criteria: { en: 'Hold the module.' },
      rule: 'english-only',
    };
    expect(tierLanguage(tier, 'ja', [])).toBe('en');
    expect(
      tierLanguage(
        { ...tier, description: { en: 'x', ja: 'x' }, criteria: { en: 'y', ja: 'y' } },
        'ja',
        [],
      ),
    ).toBe('ja');
    expect(tierLanguage(tier, undefined, [])).toBe('en');
  });

  type Stacked = { achievement: string; credential: AnyJson; url: string };
  const stackedOf = (body: AnyJson, key: string): Stacked | undefined =>
    (body.stacked as Stacked[]).find((s) => s.achievement === key);

  it('is the language of the award that completed it', async () => {
    const email = newLearner();
    const response = await awardModule(app.baseUrl, 'it-passport', email, { lang: 'ja' });
    const tier = stackedOf(response.body, 'dx-passport-1');
    expect(tier, JSON.stringify(response.body.stacked)).toBeDefined();
    expectTexts(tier!.credential, 'dx-passport-1', 'ja');
    await expectVerified(tier!.credential);
    expect(schemaErrors(tier!.credential)).toEqual([]);

    const second = await awardModule(app.baseUrl, 'g-kentei', email, { lang: 'zh-TW' });
    expectTexts(second.body.credential, 'g-kentei', 'zh-TW');
    expectTexts(stackedOf(second.body, 'dx-passport-2')!.credential, 'dx-passport-2', 'zh-TW');
  });

  it('stays the replaced copy’s when the cascade issues the tier again', async () => {
    const email = newLearner();
    const first = await awardModule(app.baseUrl, 'it-passport', email, { lang: 'ja' });
    const firstTier = stackedOf(first.body, 'dx-passport-1')!.credential;
    const second = await awardModule(app.baseUrl, 'g-kentei', email);
    expect(stackedOf(second.body, 'dx-passport-2')!.credential.name).toBe(
      entry('dx-passport-2').name.en,
    );
    // Revoking IT Passport takes both tiers with it; level 1 is still met by G検定 alone.
    expect((await changeStatus(app.baseUrl, first.body.credential.id, 'revoke')).status).toBe(200);
    const held = (await progressOf(app.baseUrl, email))['dx-passport-1']?.held;
    expect(held).toBeDefined();
    expect(held).not.toBe(firstTier.id);
    const copy = await request(
      'GET',
      `${app.baseUrl}/credentials/${held!.replace('urn:uuid:', '')}`,
    );
    expect(copy.status).toBe(200);
    expectTexts(copy.body, 'dx-passport-1', 'ja');
    await expectVerified(copy.body);
  });
});
