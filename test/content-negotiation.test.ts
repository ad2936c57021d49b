import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  award,
  createIssuer,
  issueViaApi,
  unsignedOpenBadge,
  type AnyJson,
  type Issuer,
} from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let ngo: Issuer;
/** A Data Integrity credential: its uuid, the signed JSON, and one of its status lists. */
let di: { uuid: string; credential: AnyJson; statusList: string };
/** A JWT-format credential: its uuid and the compact JWS. */
let jwt: { uuid: string; jws: string };

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

beforeAll(async () => {
  app = await startTestApp();
  ngo = await createIssuer(app.baseUrl, 'code-ngo', 'Code for Communities');
  const awarded = (await award(app.baseUrl, ngo)).body;
  di = {
    uuid: String(awarded.credential.id).replace('urn:uuid:', ''),
    credential: awarded.credential,
    statusList: awarded.credential.credentialStatus.statusListCredential,
  };
  const jws = String(
    (await issueViaApi(app.baseUrl, ngo, unsignedOpenBadge(ngo), 'jwt')).body.verifiableCredential,
  );
  const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString());
  jwt = { uuid: String(payload.id).replace('urn:uuid:', ''), jws };
});
afterAll(async () => app.close());

interface Answer {
  status: number;
  /** The media type without parameters. */
  type: string;
  vary: string;
  etag: string;
  text: string;
}

/**
 * GET with exactly the Accept given, or none at all: node:http sends no Accept of its own
 * (fetch would add * / *), which is how "no Accept" differs from "anything".
 */
function get(url: string, accept?: string, extra: Record<string, string> = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...extra };
  if (accept !== undefined) headers.accept = accept;
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? '').split(';')[0] ?? '',
          vary: String(res.headers.vary ?? ''),
          etag: String(res.headers.etag ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const NONE = undefined;

describe('GET /c/<uuid>: the credential for machines, the page for browsers', () => {
  it.each([
    ['*/*', 'application/vc'],
    ['no Accept', 'application/vc'],
    ['application/json', 'application/json'],
    ['application/vc', 'application/vc'],
    ['application/vc+ld+json', 'application/vc+ld+json'],
    // A Data Integrity credential has no JWT form; it is served as what it is.
    ['application/vc+jwt', 'application/vc'],
    ['application/json;q=0.9, text/html;q=0.5', 'application/json'],
  ])('a Data Integrity credential for %s is the signed JSON as %s', async (accept, type) => {
    const answer = await get(`${app.baseUrl}/c/${di.uuid}`, accept === 'no Accept' ? NONE : accept);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe(type);
    expect(answer.vary).toContain('Accept');
    expect(JSON.parse(answer.text)).toEqual(di.credential);
  });

  it.each([['text/html'], [BROWSER_ACCEPT], ['text/html, */*'], ['text/*']])(
    'is the HTML page for %s',
    async (accept) => {
      const answer = await get(`${app.baseUrl}/c/${di.uuid}`, accept);
      expect(answer.status).toBe(200);
      expect(answer.type).toBe('text/html');
      expect(answer.vary).toContain('Accept');
      expect(answer.text).toContain('<html');
      expect(answer.text).toContain('Spreadsheet basics');
    },
  );

  it.each([['*/*'], ['no Accept'], ['application/json'], ['application/vc+jwt']])(
    'a JWT-format credential for %s is its compact JWS as application/vc+jwt',
    async (accept) => {
      const answer = await get(
        `${app.baseUrl}/c/${jwt.uuid}`,
        accept === 'no Accept' ? NONE : accept,
      );
      expect(answer.type).toBe('application/vc+jwt');
      expect(answer.text).toBe(jwt.jws);
    },
  );

  it('a JWT-format credential is the page for a browser', async () => {
    const answer = await get(`${app.baseUrl}/c/${jwt.uuid}`, BROWSER_ACCEPT);
    expect(answer.type).toBe('text/html');
    expect(answer.text).toContain(`/c/${jwt.uuid}/credential.jwt`);
  });
});

describe('GET /credentials/<uuid>', () => {
  it.each([
    ['no Accept', 'application/vc'],
    ['*/*', 'application/vc'],
    ['application/json', 'application/json'],
    ['application/vc', 'application/vc'],
    ['application/ld+json', 'application/ld+json'],
    // Nothing here is HTML, and a DI credential has no JWT form: the default, as before.
    ['text/html', 'application/vc'],
    ['application/vc+jwt', 'application/vc'],
  ])('a Data Integrity credential for %s is served as %s', async (accept, type) => {
    const answer = await get(
      `${app.baseUrl}/credentials/${di.uuid}`,
      accept === 'no Accept' ? NONE : accept,
    );
    expect(answer.status).toBe(200);
    expect(answer.type).toBe(type);
    expect(answer.vary).toContain('Accept');
    expect(JSON.parse(answer.text)).toEqual(di.credential);
  });

  it('serves the same bytes whatever the type, so digests of it hold', async () => {
    const texts = await Promise.all(
      ['application/vc', 'application/json', '*/*'].map(
        async (accept) => (await get(`${app.baseUrl}/credentials/${di.uuid}`, accept)).text,
      ),
    );
    expect(new Set(texts).size).toBe(1);
  });

  it.each([['no Accept'], ['application/vc+jwt'], ['application/json'], ['*/*']])(
    'a JWT-format credential for %s is its compact JWS as application/vc+jwt',
    async (accept) => {
      const answer = await get(
        `${app.baseUrl}/credentials/${jwt.uuid}`,
        accept === 'no Accept' ? NONE : accept,
      );
      expect(answer.type).toBe('application/vc+jwt');
      expect(answer.text).toBe(jwt.jws);
    },
  );
});

describe('GET /status/<issuer>/<list>', () => {
  it.each([
    ['no Accept', 'application/vc'],
    ['*/*', 'application/vc'],
    ['application/json', 'application/json'],
    ['application/vc', 'application/vc'],
    // Status lists are signed as Data Integrity only.
    ['application/vc+jwt', 'application/vc'],
    ['text/html', 'application/vc'],
  ])('for %s is the signed list as %s', async (accept, type) => {
    const answer = await get(di.statusList, accept === 'no Accept' ? NONE : accept);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe(type);
    expect(answer.vary).toContain('Accept');
    const list = JSON.parse(answer.text) as AnyJson;
    expect(list.type).toContain('BitstringStatusListCredential');
    expect(list.id).toBe(di.statusList);
    expect(list.proof).toBeDefined();
  });

  it('gives each media type its own ETag, and answers 304 only for the one asked for', async () => {
    const vc = await get(di.statusList, 'application/vc');
    const json = await get(di.statusList, 'application/json');
    expect(vc.etag).not.toBe('');
    expect(json.etag).not.toBe(vc.etag);
    expect(
      (await get(di.statusList, 'application/json', { 'if-none-match': json.etag })).status,
    ).toBe(304);
    expect(
      (await get(di.statusList, 'application/json', { 'if-none-match': vc.etag })).status,
    ).toBe(200);
  });
});
