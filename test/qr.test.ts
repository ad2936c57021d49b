import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, createIssuer } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

// jsqr is CommonJS whose types declare an ES default export; NodeNext sees it one level down.
const jsQR = jsQRModule.default;

let app: TestApp;
let pageUrl: string;

beforeAll(async () => {
  app = await startTestApp();
  const issuer = await createIssuer(app.baseUrl, 'code-ngo', 'Code for Communities');
  pageUrl = (await award(app.baseUrl, issuer)).body.url;
});
afterAll(async () => app.close());

async function decodePng(url: string): Promise<{ width: number; text: string | undefined }> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  const image = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  return { width: image.width, text: code?.data };
}

describe('QR codes', () => {
  it('qr.png decodes to the credential page URL and is at least 300 px wide', async () => {
    const { width, text } = await decodePng(`${pageUrl}/qr.png`);
    expect(text).toBe(pageUrl);
    expect(width).toBeGreaterThanOrEqual(300);
  });

  it('the baked badge.png carries the same QR on its face', async () => {
    const { width, text } = await decodePng(`${pageUrl}/badge.png`);
    expect(text).toBe(pageUrl);
    expect(width).toBeGreaterThanOrEqual(300);
  });

  it('qr.svg is an SVG image', async () => {
    const response = await fetch(`${pageUrl}/qr.svg`);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await response.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('answers 404 for a credential that does not exist', async () => {
    const response = await fetch(`${app.baseUrl}/c/6f1c2c8e-5b8a-4b43-9d1e-1a2b3c4d5e6f/qr.png`);
    expect(response.status).toBe(404);
  });
});
