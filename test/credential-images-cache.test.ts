// Credential images and downloads never change once issued: served with a strong ETag and a year's
// immutable caching, answered 304 for a copy the client holds, the same bytes every time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, createIssuer, type Issuer } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let ngo: Issuer;
let uuid: string;

beforeAll(async () => {
  app = await startTestApp({ background: false });
  ngo = await createIssuer(app.baseUrl, 'images-cache-ngo');
  const issued = await award(app.baseUrl, ngo);
  uuid = String(issued.body.credential.id).replace('urn:uuid:', '');
});
afterAll(async () => app.close());

const FILES = [
  'qr.png',
  'qr.svg',
  'badge.png',
  'badge.svg',
  'qr-credential.png',
  'qr-credential.svg',
  'credential.json',
];

describe.each(FILES)('/c/{uuid}/%s', (file) => {
  const url = () => `${app.baseUrl}/c/${uuid}/${file}`;

  it('is the same bytes under the same strong ETag each time, cached for a year as immutable', async () => {
    const first = await fetch(url());
    const second = await fetch(url());
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(second.headers.get('etag')).toBe(etag);
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await second.arrayBuffer())).toEqual(Buffer.from(await first.arrayBuffer()));
  });

  it('answers 304 with no body for the copy a client holds, and 200 for another', async () => {
    const etag = (await fetch(url())).headers.get('etag') ?? '';
    const held = await fetch(url(), { headers: { 'if-none-match': `W/"other", ${etag}` } });
    expect(held.status).toBe(304);
    expect(await held.text()).toBe('');
    expect(held.headers.get('etag')).toBe(etag);
    const other = await fetch(url(), { headers: { 'if-none-match': '"something-else"' } });
    expect(other.status).toBe(200);
  });
});

describe('an image of another credential', () => {
  it('has its own bytes and ETag: nothing kept for one credential is served for another', async () => {
    const second = await award(app.baseUrl, ngo);
    const other = String(second.body.credential.id).replace('urn:uuid:', '');
    const [mine, theirs] = await Promise.all(
      [uuid, other].map((id) => fetch(`${app.baseUrl}/c/${id}/badge.png`)),
    );
    expect(mine?.headers.get('etag')).not.toBe(theirs?.headers.get('etag'));
  });
});
