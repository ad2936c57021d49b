import extractChunks from 'png-chunks-extract';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bakePng, extractFromPng } from '../src/baking/pngBaking.js';
import { extractFromSvg } from '../src/baking/svgBaking.js';
import {
  award,
  createIssuer,
  failedCheck,
  issueViaApi,
  unsignedOpenBadge,
  verify,
  type Issuer,
  type AnyJson,
} from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let ngo: Issuer;
let awarded: { url: string; credential: AnyJson };

beforeAll(async () => {
  app = await startTestApp();
  ngo = await createIssuer(app.baseUrl, 'code-ngo', 'Code for Communities');
  const response = await award(app.baseUrl, ngo);
  awarded = { url: response.body.url, credential: response.body.credential };
});
afterAll(async () => app.close());

const svgParser = new XMLParser({ ignoreAttributes: false, cdataPropName: '#cdata' });

async function bytes(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function upload(body: Uint8Array | string | FormData, contentType?: string) {
  const response = await fetch(`${app.baseUrl}/credentials/verify`, {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType } : {},
    body: body instanceof Uint8Array ? Uint8Array.from(body) : body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (await response.json()) as AnyJson,
  };
}

/** The iTXt chunks of a PNG, read with the chunk library rather than our own extractor. */
function iTxtChunks(
  png: Uint8Array,
): Array<{ keyword: string; compression: number; text: string }> {
  return extractChunks(png)
    .filter((chunk) => chunk.name === 'iTXt')
    .map((chunk) => {
      const data = Buffer.from(chunk.data);
      const keywordEnd = data.indexOf(0);
      const languageEnd = data.indexOf(0, keywordEnd + 3);
      const translatedEnd = data.indexOf(0, languageEnd + 1);
      return {
        keyword: data.toString('latin1', 0, keywordEnd),
        compression: data[keywordEnd + 1] ?? -1,
        text: data.toString('utf8', translatedEnd + 1),
      };
    });
}

describe('badge.png', () => {
  it('is a PNG with one uncompressed openbadgecredential iTXt chunk holding the compact JSON', async () => {
    const png = await bytes(`${awarded.url}/badge.png`);
    const chunks = iTxtChunks(png).filter((chunk) => chunk.keyword === 'openbadgecredential');
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.compression).toBe(0);
    expect(chunks[0]?.text).toBe(JSON.stringify(awarded.credential));
  });

  it('verifies through POST /credentials/verify: as JSON after extraction, as a raw image, as a form file', async () => {
    const png = await bytes(`${awarded.url}/badge.png`);
    const asJson = await verify(app.baseUrl, JSON.parse(extractFromPng(png)));
    expect(asJson.status).toBe(200);
    expect(asJson.body.verified).toBe(true);

    const raw = await upload(png, 'image/png');
    expect(raw.status).toBe(200);
    expect(raw.body.verified).toBe(true);

    const form = new FormData();
    form.set('file', new Blob([Uint8Array.from(png)], { type: 'image/png' }), 'badge.png');
    const multipart = await upload(form);
    expect(multipart.status).toBe(200);
    expect(multipart.body.verified).toBe(true);
  });

  it('a PNG without a credential is 422, naming the missing chunk', async () => {
    const qr = await bytes(`${awarded.url}/qr.png`);
    const response = await upload(qr, 'image/png');
    expect(response.status).toBe(422);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body.detail).toBe('the PNG carries no openbadgecredential iTXt chunk');
  });

  it('a tampered baked credential fails verification, naming proof.signature', async () => {
    const tampered = structuredClone(awarded.credential);
    tampered.credentialSubject.achievement.name = 'Advanced spreadsheets';
    const png = bakePng(await bytes(`${awarded.url}/qr.png`), JSON.stringify(tampered));
    const response = await upload(png, 'image/png');
    expect(response.status).toBe(422);
    expect(failedCheck(response.body)).toBe('proof.signature');
  });

  it('baking again replaces the credential instead of adding a second one', async () => {
    const png = bakePng(await bytes(`${awarded.url}/badge.png`), '{"replaced":true}');
    expect(iTxtChunks(png).filter((chunk) => chunk.keyword === 'openbadgecredential')).toHaveLength(
      1,
    );
    expect(extractFromPng(png)).toBe('{"replaced":true}');
  });

  it('refuses damaged PNGs with 422, never 500', async () => {
    const png = await bytes(`${awarded.url}/badge.png`);
    const notPng = await upload(Buffer.from('definitely not a png'), 'image/png');
    expect(notPng.status).toBe(422);
    expect(notPng.body.type).toMatch(/image-unreadable$/);

    // A chunk claiming 4 GB must not make the chunk library allocate it.
    const forged = Buffer.from(png);
    forged.writeUInt32BE(0xfffffff0, 8 + 25);
    const forgedResponse = await upload(forged, 'image/png');
    expect(forgedResponse.status).toBe(422);
    expect(forgedResponse.body.detail).toMatch(/cut short/);

    const corrupted = Buffer.from(png);
    corrupted[40] = (corrupted[40] ?? 0) ^ 0xff;
    expect((await upload(corrupted, 'image/png')).status).toBe(422);
  });
});

describe('badge.svg', () => {
  it('is an SVG with the Open Badges namespace and an openbadges:credential element in CDATA', async () => {
    const svg = (await bytes(`${awarded.url}/badge.svg`)).toString('utf8');
    const root = svgParser.parse(svg).svg;
    expect(root['@_xmlns:openbadges']).toBe('https://purl.imsglobal.org/ob/v3p0');
    expect(JSON.parse(root['openbadges:credential']['#cdata'])).toEqual(awarded.credential);
    expect(svg.indexOf('<openbadges:credential>')).toBeLessThan(svg.indexOf('<circle'));
  });

  it('verifies through POST /credentials/verify: as JSON after extraction and as a raw image', async () => {
    const svg = await bytes(`${awarded.url}/badge.svg`);
    const asJson = await verify(app.baseUrl, JSON.parse(extractFromSvg(svg.toString('utf8'))));
    expect(asJson.body.verified).toBe(true);
    const raw = await upload(svg, 'image/svg+xml');
    expect(raw.status).toBe(200);
    expect(raw.body.verified).toBe(true);
  });

  it('keeps a credential intact whose text contains "]]>" and markup', async () => {
    const response = await award(app.baseUrl, ngo, {
      achievement: {
        name: 'Tricky ]]> <script>alert(1)</script>',
        description: 'Ends a CDATA section ]]> early & more',
        criteria: { narrative: 'x' },
      },
      recipient: { did: 'did:example:learner-9' },
    });
    const svg = (await bytes(`${response.body.url}/badge.svg`)).toString('utf8');
    expect(JSON.parse(extractFromSvg(svg))).toEqual(response.body.credential);
    // Markup in the name is escaped in the picture; inside CDATA it is only text.
    expect(svg.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toMatch(/<script/);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((await upload(Buffer.from(svg), 'image/svg+xml')).body.verified).toBe(true);
  });

  it('an SVG without a credential or not well-formed is 422', async () => {
    const qr = await bytes(`${awarded.url}/qr.svg`);
    const missing = await upload(qr, 'image/svg+xml');
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toMatch(/no openbadges:credential element/);
    const broken = await upload('<svg><openbadges:credential>', 'image/svg+xml');
    expect(broken.status).toBe(422);
    expect(broken.body.type).toMatch(/image-unreadable$/);
  });
});

describe('a JWT-format credential', () => {
  it('bakes the compact JWS (PNG text, SVG verify attribute) and verifies from both', async () => {
    const issued = await issueViaApi(app.baseUrl, ngo, unsignedOpenBadge(ngo), 'jwt');
    expect(issued.status).toBe(201);
    const jws = issued.body.verifiableCredential as string;
    const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString());
    const page = `${app.baseUrl}/c/${String(payload.id).replace('urn:uuid:', '')}`;

    const png = await bytes(`${page}/badge.png`);
    expect(extractFromPng(png)).toBe(jws);
    expect((await upload(png, 'image/png')).body.verified).toBe(true);

    const svg = (await bytes(`${page}/badge.svg`)).toString('utf8');
    expect(svgParser.parse(svg).svg['openbadges:credential']['@_verify']).toBe(jws);
    expect(extractFromSvg(svg)).toBe(jws);
    expect((await upload(svg, 'image/svg+xml')).body.verified).toBe(true);

    const download = await fetch(`${page}/credential.jwt`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await download.text()).toBe(jws);
  });
});

describe('upload limits and forms', () => {
  it('refuses an upload over 2 MB with 413 problem+json', async () => {
    const response = await upload(Buffer.alloc(2 * 1024 * 1024 + 1), 'image/png');
    expect(response.status).toBe(413);
    expect(response.contentType).toContain('application/problem+json');
  });

  it('a form without a file is 422 naming the field', async () => {
    const form = new FormData();
    form.set('note', 'nothing here');
    const response = await upload(form);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: 'file', message: 'is required' }]);
  });

  it('reads a .json or .jwt file from a form', async () => {
    const form = new FormData();
    form.set('file', new Blob([JSON.stringify(awarded.credential)]), 'credential.json');
    expect((await upload(form)).body.verified).toBe(true);
  });

  it('any other media type is 415', async () => {
    const response = await upload('hello', 'text/plain');
    expect(response.status).toBe(415);
    expect(response.body.detail).toContain('image/png');
  });
});
