import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCredentialPageModel } from '../src/pages/credentialPageModel.js';
import { renderCredentialPage } from '../src/pages/credentialPage.js';
import { html } from '../src/pages/html.js';
import { en } from '../src/pages/i18n/en.js';
import { LANGUAGES, messagesOf } from '../src/pages/i18n/languages.js';
import {
  award,
  createIssuer,
  issueViaApi,
  request,
  sampleAward,
  unsignedOpenBadge,
  type Issuer,
  type AnyJson,
} from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let ngo: Issuer;
let awarded: { url: string; credential: Record<string, unknown> };

beforeAll(async () => {
  app = await startTestApp();
  ngo = await createIssuer(app.baseUrl, 'code-ngo', 'Code for Communities');
  const response = await award(app.baseUrl, ngo);
  awarded = { url: response.body.url, credential: response.body.credential };
});
afterAll(async () => app.close());

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

async function page(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(url, { headers: { accept: BROWSER_ACCEPT, ...headers } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Text of the first element matching a simple class selector, tags stripped. */
function verdictOf(markup: string): string | undefined {
  const match = /<p class="verdict-state"[^>]*>([\s\S]*?)<\/p>/.exec(markup);
  return match?.[1]
    ?.replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace('✓', '')
    .replace('✗', '')
    .replace('!', '')
    .trim();
}

async function issue(credential: Record<string, unknown>, format: 'di' | 'jwt' = 'di') {
  const response = await issueViaApi(app.baseUrl, ngo, credential, format);
  expect(response.status).toBe(201);
  return response.body.verifiableCredential as Record<string, unknown> | string;
}

describe('the public credential page', () => {
  it('is what awards link to: /c/<uuid>', () => {
    expect(awarded.url).toMatch(new RegExp(`^${app.baseUrl}/c/[0-9a-f-]{36}$`));
  });

  it('serves server-rendered HTML that reads "Verified" with the API check ids', async () => {
    const { status, headers, text } = await page(awarded.url);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(text).toMatch(/^<!doctype html>/);
    expect(text).toContain('<html lang="en">');
    expect(text).toContain('<h1>Spreadsheet basics</h1>');
    expect(verdictOf(text)).toBe('Verified');
    for (const id of ['structure', 'proof.signature', 'issuer.binding', 'dates.validFrom']) {
      expect(text).toContain(`data-check="${id}"`);
    }
    expect(text).toContain('Builds and checks simple spreadsheets.');
    expect(text).toContain('Passed the 40-question practical exam.');
    expect(text).toContain('Code for Communities');
    expect(text).toContain(ngo.id);
    expect(text).toContain('Scored 36 of 40.');
  });

  it('shows an e-mail recipient only as "e-mail address (hashed)", never the hash or address', async () => {
    const { text } = await page(awarded.url);
    expect(text).toContain('e-mail address (hashed)');
    expect(text).not.toContain('ana.perez');
    expect(text).not.toMatch(/sha256\$[0-9a-f]{64}/);
  });

  it('shows a DID recipient as the DID', async () => {
    const response = await award(app.baseUrl, ngo, {
      ...sampleAward,
      recipient: { did: 'did:example:learner-7' },
    });
    const { text } = await page(response.body.url);
    expect(text).toContain('<code>did:example:learner-7</code>');
  });

  it('is small, self-contained and locked down', async () => {
    const { headers, text } = await page(awarded.url);
    expect(Buffer.byteLength(text)).toBeLessThan(100 * 1024);
    const loaded = [...text.matchAll(/<(?:link|script|img)\b[^>]*\b(?:href|src)="([^"]+)"/g)].map(
      (match) => match[1] ?? '',
    );
    expect(loaded.length).toBeGreaterThan(2);
    for (const source of loaded) expect(source, source).toMatch(/^\/(?!\/)/);
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves its stylesheet and script from this service', async () => {
    const { text } = await page(awarded.url);
    const css = /href="(\/assets\/pages\.css\?v=[0-9a-f]+)"/.exec(text)?.[1];
    const js = /src="(\/assets\/pages\.js\?v=[0-9a-f]+)"/.exec(text)?.[1];
    const cssResponse = await fetch(`${app.baseUrl}${css}`);
    expect(cssResponse.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await cssResponse.text()).toContain(':focus-visible');
    const jsResponse = await fetch(`${app.baseUrl}${js}`);
    expect(jsResponse.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 problem+json for an unknown or malformed id', async () => {
    for (const id of ['6f1c2c8e-5b8a-4b43-9d1e-1a2b3c4d5e6f', 'not-a-uuid']) {
      const response = await fetch(`${app.baseUrl}/c/${id}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('content negotiation on /c/<uuid>', () => {
  it.each(['application/json', 'application/vc', 'application/vc+ld+json'])(
    'returns the signed credential for Accept: %s',
    async (accept) => {
      const response = await fetch(awarded.url, { headers: { accept } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')?.split(';')[0]).toBe(accept);
      expect(response.headers.get('vary')).toContain('Accept');
      expect(await response.json()).toEqual(awarded.credential);
    },
  );

  it('returns the signed credential to a client that takes anything (a wallet), the page to a browser', async () => {
    const response = await fetch(awarded.url, { headers: { accept: '*/*' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/vc/);
    expect(await response.json()).toEqual(awarded.credential);
    expect((await page(awarded.url)).headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('returns a JWT-format credential as application/vc+jwt', async () => {
    const jws = await issue(unsignedOpenBadge(ngo), 'jwt');
    expect(typeof jws).toBe('string');
    const uuid = JSON.parse(
      Buffer.from(String(jws).split('.')[1] ?? '', 'base64url').toString(),
    ).id.replace('urn:uuid:', '');
    const response = await fetch(`${app.baseUrl}/c/${uuid}`, {
      headers: { accept: 'application/json' },
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/vc\+jwt/);
    expect(await response.text()).toBe(jws);
    const { text } = await page(`${app.baseUrl}/c/${uuid}`);
    expect(verdictOf(text)).toBe('Verified');
    expect(text).toContain(`/c/${uuid}/credential.jwt`);
  });
});

describe('languages', () => {
  it('every language translates every key of the English set', () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(messagesOf(language)).sort(), language).toEqual(Object.keys(en).sort());
    }
  });

  it('takes ?lang= first', async () => {
    const { headers, text } = await page(`${awarded.url}?lang=ja`, {
      'accept-language': 'zh-TW',
    });
    expect(text).toContain('<html lang="ja">');
    expect(headers.get('content-language')).toBe('ja');
    expect(verdictOf(text)).toBe('検証済み');
    expect(text).toContain('メールアドレス（ハッシュ化）');
  });

  it('then Accept-Language, in its order of preference', async () => {
    const { text } = await page(awarded.url, {
      'accept-language': 'fr;q=1, zh-TW;q=0.8, ja;q=0.5',
    });
    expect(text).toContain('<html lang="zh-TW">');
    expect(verdictOf(text)).toBe('已驗證');
    const japanese = await page(awarded.url, { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.5' });
    expect(verdictOf(japanese.text)).toBe('検証済み');
  });

  it('ignores a language it does not have, and defaults to English', async () => {
    expect(
      verdictOf((await page(`${awarded.url}?lang=fr`, { 'accept-language': 'ja' })).text),
    ).toBe('検証済み');
    expect(verdictOf((await page(awarded.url, { 'accept-language': 'de-DE' })).text)).toBe(
      'Verified',
    );
  });

  it('links every language from the page, marking the current one', async () => {
    const { text } = await page(`${awarded.url}?lang=zh-TW`);
    const path = new URL(awarded.url).pathname;
    for (const language of ['en', 'zh-TW', 'ja']) {
      expect(text).toContain(`href="${path}?lang=${language}"`);
    }
    expect(text).toMatch(/hreflang="zh-TW"\s+lang="zh-TW"\s+aria-current="true"/);
  });
});

describe('sharing', () => {
  it('offers an Add to LinkedIn link with name, organisation, issue date, URL and id', async () => {
    const { text } = await page(awarded.url);
    const href = /href="(https:\/\/www\.linkedin\.com\/profile\/add\?[^"]+)"/.exec(text)?.[1];
    expect(href).toBeDefined();
    const url = new URL((href ?? '').replaceAll('&amp;', '&'));
    const issued = new Date(String(awarded.credential.validFrom));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Spreadsheet basics',
      organizationName: 'Code for Communities',
      issueYear: String(issued.getUTCFullYear()),
      issueMonth: String(issued.getUTCMonth() + 1),
      certUrl: awarded.url,
      certId: awarded.credential.id,
    });
  });

  it('shows the QR code, the link as text and a copy button for scripts to reveal', async () => {
    const { text } = await page(awarded.url);
    expect(text).toContain(`src="${new URL(awarded.url).pathname}/qr.svg"`);
    expect(text).toContain(`>${awarded.url}</a>`);
    expect(text).toMatch(/<button[^>]*data-copy="page-link"[^>]*hidden/);
  });

  it('downloads the signed JSON as an attachment', async () => {
    const response = await fetch(`${awarded.url}/credential.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="credential-/,
    );
    expect(await response.json()).toEqual(awarded.credential);
  });
});

describe('the verdict', () => {
  it('reads "Expired" when only dates.validUntil failed with credential-expired', async () => {
    const credential = await issue(
      unsignedOpenBadge(ngo, {
        validFrom: '2020-01-01T00:00:00Z',
        validUntil: '2021-01-01T00:00:00Z',
      }),
    );
    const uuid = String((credential as Record<string, unknown>).id).replace('urn:uuid:', '');
    const { text } = await page(`${app.baseUrl}/c/${uuid}`);
    expect(verdictOf(text)).toBe('Expired');
    expect(text).toMatch(/check--failure" data-check="dates\.validUntil"/);
    expect(text).toContain('January 1, 2021');
  });
});

describe('hostile content', () => {
  const SCRIPT = '<script>alert(1)</script>';

  it('escapes every value it renders', async () => {
    const hostile = await createIssuer(app.baseUrl, 'hostile', `"><img src=x onerror=alert(2)>`);
    const response = await award(app.baseUrl, hostile, {
      achievement: {
        name: SCRIPT,
        description: `</p><script>alert(3)</script> & "quotes" 'too'`,
        criteria: { narrative: '<iframe src="https://evil.example"></iframe>' },
      },
      recipient: { did: 'did:example:<b>bold</b>' },
      evidence: [
        { id: 'javascript:alert(4)', name: '<a href="javascript:alert(5)">click</a>' },
        { name: 'ok', narrative: ']]><script>alert(6)</script>' },
      ],
    });
    expect(response.status).toBe(201);
    const { text } = await page(response.body.url);
    expect(text).not.toMatch(/<script>alert/);
    expect(text).not.toMatch(/<img src=x/);
    expect(text).not.toMatch(/<iframe/);
    expect(text).not.toMatch(/href="javascript:/i);
    expect(text).not.toContain('<b>bold</b>');
    expect(text).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(text).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(text).toContain('&amp; &quot;quotes&quot; &#39;too&#39;');
    // The only scripts are the page's own.
    expect([...text.matchAll(/<script\b/g)]).toHaveLength(1);
  });

  it('the html tag escapes interpolations and keeps nested html', () => {
    const inner = html`<em>${'<b>'}</em>`;
    expect(
      html`<p title="${'"x"'}">${inner}${[1, '&', undefined, false, null]}</p>`.toString(),
    ).toBe('<p title="&quot;x&quot;"><em>&lt;b&gt;</em>1&amp;</p>');
  });
});

describe('the page model', () => {
  const report = {
    verified: true,
    verdict: 'verified' as const,
    checks: [{ id: 'structure', outcome: 'success' as const }],
    warnings: [],
    errors: [],
  };
  const input = {
    uuid: '6f1c2c8e-5b8a-4b43-9d1e-1a2b3c4d5e6f',
    format: 'di' as const,
    credential: { name: 'Tier', validFrom: '2026-01-01T00:00:00Z' },
    report,
    checkedAt: new Date('2026-02-01T00:00:00Z'),
    pageUrl: 'https://badges.example/c/6f1c2c8e-5b8a-4b43-9d1e-1a2b3c4d5e6f',
    basePath: '',
  };

  it('renders no status or constituents section unless given', () => {
    const markup = renderCredentialPage(buildCredentialPageModel(input), 'en', '');
    expect(markup).not.toContain('id="status"');
    expect(markup).not.toContain('id="constituents"');
  });

  it('renders status and constituents when the status and stacking modules give them', () => {
    const model = buildCredentialPageModel({
      ...input,
      extras: {
        status: {
          state: 'revoked',
          reason: 'exam result withdrawn',
          since: '2026-03-01T10:00:00Z',
        },
        constituents: [{ name: 'IT Passport', url: '/c/aaaa', issuerName: 'IPA' }],
      },
    });
    const markup = renderCredentialPage(model, 'en', '');
    expect(verdictOf(markup)).toBe('Revoked');
    expect(markup).toContain('exam result withdrawn');
    expect(markup).toContain('<a href="/c/aaaa">IT Passport</a>');
  });
});

describe('the verify page', () => {
  it('is a plain form: multipart POST to /verify, every input labelled', async () => {
    const { text } = await page(`${app.baseUrl}/verify`);
    expect(text).toMatch(
      /<form[^>]*method="post"[^>]*action="\/verify\?lang=en"[^>]*enctype="multipart\/form-data"/,
    );
    for (const id of ['credential', 'file']) {
      expect(text).toContain(`<label for="${id}">`);
      expect(text).toContain(`id="${id}"`);
    }
    expect(text).toContain('camera');
  });

  it('verifies pasted JSON and shows the check-by-check report', async () => {
    const form = new FormData();
    form.set('credential', JSON.stringify(awarded.credential));
    const response = await fetch(`${app.baseUrl}/verify?lang=en`, { method: 'POST', body: form });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(verdictOf(text)).toBe('Verified');
    expect(text).toContain('data-check="proof.signature"');
    expect(text).toContain('Spreadsheet basics');
  });

  it('names the failed check for a tampered credential', async () => {
    const tampered = structuredClone(awarded.credential) as AnyJson;
    tampered.credentialSubject.achievement.name = 'Advanced spreadsheets';
    const form = new FormData();
    form.set('credential', JSON.stringify(tampered));
    const text = await (
      await fetch(`${app.baseUrl}/verify`, { method: 'POST', body: form })
    ).text();
    expect(verdictOf(text)).toBe('Not verified');
    expect(text).toMatch(/check--failure" data-check="proof\.signature"/);
  });

  it('says what went wrong with unreadable or missing input, as a page', async () => {
    const garbage = new FormData();
    garbage.set('credential', 'hello');
    const response = await fetch(`${app.baseUrl}/verify?lang=ja`, {
      method: 'POST',
      body: garbage,
    });
    expect(response.status).toBe(422);
    const text = await response.text();
    expect(text).toContain('証明書を読み取れませんでした');
    expect(text).toContain('neither a JSON credential nor a compact JWS');
    const empty = await fetch(`${app.baseUrl}/verify`, { method: 'POST', body: new FormData() });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Paste a credential or choose a file');
  });
});

describe('OpenAPI', () => {
  it('lists the page, sharing and verify routes', async () => {
    const document = (await request('GET', `${app.baseUrl}/openapi.json`)).body;
    for (const path of [
      '/c/{uuid}',
      '/c/{uuid}/qr.svg',
      '/c/{uuid}/qr.png',
      '/c/{uuid}/badge.png',
      '/c/{uuid}/badge.svg',
      '/c/{uuid}/credential.json',
      '/verify',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
    const credentialPage = document.paths['/c/{uuid}'].get.responses['200'];
    expect(credentialPage.content['application/vc'].schema.$ref).toBe(
      '#/components/schemas/IssuedOpenBadgeCredential',
    );
    expect(credentialPage.description).toContain('text/html');
    const verifyBody = document.paths['/credentials/verify'].post.requestBody.content;
    expect(Object.keys(verifyBody)).toEqual([
      'application/json',
      'image/png',
      'image/svg+xml',
      'multipart/form-data',
    ]);
    expect(verifyBody['multipart/form-data'].schema.$ref).toBe(
      '#/components/schemas/CredentialUpload',
    );
  });
});
