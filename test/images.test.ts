// Images in credentials: every issuer profile and catalog achievement names an image the service
// serves (its own badge art, or an issuer's upload), through the real app.
import { createHash, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayloadTooLargeError } from '../src/core/problems.js';
import { migrate } from '../src/migrate/migrate.js';
import { awardModule } from './helpers/catalogAwards.js';
import { createIssuer, request, verify, type AnyJson, type Issuer } from './helpers/http.js';
import { mongoTarget, openTestMongoStore } from './helpers/mongoTarget.js';
import { ADMIN_KEY, ENCRYPTION_SECRET, startTestApp, type TestApp } from './helpers/testApp.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SVG_NS = 'xmlns="http://www.w3.org/2000/svg"';

/** A real PNG of one colour, `side` pixels square. */
function solidPng(side: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width: side, height: side });
  for (let i = 0; i < side * side; i += 1) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

interface Fetched {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const response = await fetch(url, { headers });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

async function upload(
  baseUrl: string,
  slug: string,
  bytes: Buffer | string,
  contentType: string,
  key: string | undefined,
): Promise<{ status: number; contentType: string; body: AnyJson }> {
  const response = await fetch(`${baseUrl}/issuers/${slug}/image`, {
    method: 'PUT',
    headers: {
      'content-type': contentType,
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: text ? (JSON.parse(text) as AnyJson) : {},
  };
}

/** A served image: 200, the type asked, cacheable, and (for PNG) an image that decodes. */
async function expectServedPng(url: string): Promise<Fetched> {
  const fetched = await get(url);
  expect(fetched.status, url).toBe(200);
  expect(fetched.headers.get('content-type')).toBe('image/png');
  expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');
  expect(fetched.headers.get('cache-control')).toBe('public, max-age=3600');
  expect(fetched.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
  expect(fetched.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const decoded = PNG.sync.read(fetched.bytes);
  expect(decoded.width).toBeGreaterThan(0);
  return fetched;
}

const imageOf = (value: AnyJson | undefined) => value?.image as { id: string; type: string };

let app: TestApp;
let ngo: Issuer;
let other: Issuer;

beforeAll(async () => {
  app = await startTestApp();
  ngo = await createIssuer(app.baseUrl, 'images-ngo', 'Code for Communities');
  other = await createIssuer(app.baseUrl, 'images-other');
  const put = await request(
    'PUT',
    `${app.baseUrl}/achievements/ngo-first-aid`,
    {
      key: 'ngo-first-aid',
      issuer: ngo.slug,
      kind: 'module',
      achievementType: 'Badge',
      name: { en: 'First aid at work' },
      description: { en: 'Gives first aid until help arrives.' },
      criteria: { en: 'Passed the practical assessment.' },
    },
    { key: ADMIN_KEY },
  );
  expect(put.status).toBe(200);
});
afterAll(async () => app.close());

async function awardFirstAid(email = 'ana@example.org'): Promise<AnyJson> {
  const awarded = await request(
    'POST',
    `${app.baseUrl}/issuers/${ngo.slug}/awards`,
    { achievement: 'ngo-first-aid', recipient: { email } },
    { key: ngo.apiKey },
  );
  expect(awarded.status, JSON.stringify(awarded.body)).toBe(201);
  return awarded.body.credential as AnyJson;
}

describe('default images', () => {
  it('a catalog award and an award by an issuer without an image name images the app serves', async () => {
    const module = await awardModule(app.baseUrl, 'it-passport', 'ben@example.org');
    expect(module.status).toBe(201);
    const firstAid = await awardFirstAid();
    const tier = (module.body.stacked as AnyJson[])[0]?.credential as AnyJson;
    const expected = [
      [module.body.credential, 'achievements/it-passport', 'issuers/ipa'],
      [firstAid, 'achievements/ngo-first-aid', `issuers/${ngo.slug}`],
      [tier, 'achievements/dx-passport-1', 'issuers/di-lite'],
    ] as const;
    for (const [credential, achievement, issuer] of expected) {
      expect(imageOf(credential.credentialSubject.achievement)).toEqual({
        id: `${app.baseUrl}/${achievement}/image.png`,
        type: 'Image',
      });
      expect(imageOf(credential.issuer)).toEqual({
        id: `${app.baseUrl}/${issuer}/image.png`,
        type: 'Image',
      });
      await expectServedPng(imageOf(credential.credentialSubject.achievement).id);
      const issuerImage = await expectServedPng(imageOf(credential.issuer).id);
      expect(PNG.sync.read(issuerImage.bytes).width).toBe(600);
      const report = await verify(app.baseUrl, credential);
      expect(report.body.verdict, JSON.stringify(report.body)).toBe('verified');
    }
  });

  it("an inline achievement without an image shows its issuer's, and one with an image keeps it", async () => {
    const inline = (image?: string) =>
      request(
        'POST',
        `${app.baseUrl}/issuers/${ngo.slug}/awards`,
        {
          achievement: {
            name: 'Community cooking',
            description: 'Cooks for a community kitchen.',
            criteria: { narrative: 'Cooked for fifty people.' },
            ...(image ? { image } : {}),
          },
          recipient: { email: 'cook@example.org' },
        },
        { key: ngo.apiKey },
      );
    const plain = (await inline()).body.credential as AnyJson;
    expect(imageOf(plain.credentialSubject.achievement)).toEqual(imageOf(plain.issuer));
    await expectServedPng(imageOf(plain.credentialSubject.achievement).id);
    expect((await verify(app.baseUrl, plain)).body.verdict).toBe('verified');
    const own = (await inline('https://ngo.example/cooking.png')).body.credential as AnyJson;
    expect(imageOf(own.credentialSubject.achievement).id).toBe('https://ngo.example/cooking.png');
  });

  it('names the same images in the catalog and the profile as in credentials', async () => {
    const achievement = await request('GET', `${app.baseUrl}/achievements/it-passport`);
    expect(imageOf(achievement.body).id).toBe(`${app.baseUrl}/achievements/it-passport/image.png`);
    const listed = await request('GET', `${app.baseUrl}/achievements?lang=ja`);
    for (const entry of listed.body.achievements as AnyJson[]) {
      expect(imageOf(entry)).toEqual({ id: `${entry.id}/image.png`, type: 'Image' });
    }
    const profile = await request('GET', `${app.baseUrl}/issuers/${ngo.slug}`);
    expect(imageOf(profile.body).id).toBe(`${app.baseUrl}/issuers/${ngo.slug}/image.png`);
  });

  it('serves the art as SVG too, script-proof, and answers a revalidation with 304', async () => {
    const svg = await get(`${app.baseUrl}/achievements/ngo-first-aid/image.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
    const text = svg.bytes.toString('utf8');
    expect(text).toContain('First aid at work');
    expect(text).toContain('Code for Communities');
    expect(text).not.toContain('<script');

    const url = `${app.baseUrl}/achievements/ngo-first-aid/image.png`;
    const first = await expectServedPng(url);
    // As a cache revalidates (fetch itself would add no-cache to a conditional request).
    const again = await get(url, {
      'if-none-match': first.headers.get('etag') ?? '',
      'cache-control': 'max-age=0',
    });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
  });

  it('draws each achievement its own art, and says 404 for one that does not exist', async () => {
    const a = await get(`${app.baseUrl}/achievements/it-passport/image.png`);
    const b = await get(`${app.baseUrl}/achievements/g-kentei/image.png`);
    expect(a.bytes.equals(b.bytes)).toBe(false);
    const missing = await request('GET', `${app.baseUrl}/achievements/no-such-thing/image.png`);
    expect(missing.status).toBe(404);
    expect(missing.contentType).toContain('application/problem+json');
    const noIssuer = await request('GET', `${app.baseUrl}/issuers/no-such-issuer/image.png`);
    expect(noIssuer.status).toBe(404);
  });

  it('keeps an image URL the catalog or the issuer gives, and refuses an upload that would not show', async () => {
    const created = await request(
      'POST',
      `${app.baseUrl}/issuers`,
      { slug: 'images-hosted', name: 'Hosted', image: 'https://hosted.example/logo.png' },
      { key: ADMIN_KEY },
    );
    expect(created.status).toBe(201);
    expect(imageOf(created.body.profile).id).toBe('https://hosted.example/logo.png');
    const put = await request(
      'PUT',
      `${app.baseUrl}/achievements/hosted-badge`,
      {
        key: 'hosted-badge',
        issuer: 'images-hosted',
        kind: 'module',
        name: { en: 'Hosted badge' },
        description: { en: 'Has its own art.' },
        criteria: { en: 'Exists.' },
        image: 'https://hosted.example/badge.png',
      },
      { key: ADMIN_KEY },
    );
    expect(put.status).toBe(200);
    const awarded = await request(
      'POST',
      `${app.baseUrl}/issuers/images-hosted/awards`,
      { achievement: 'hosted-badge', recipient: { email: 'cy@example.org' } },
      { key: created.body.apiKey },
    );
    expect(awarded.status).toBe(201);
    const credential = awarded.body.credential as AnyJson;
    expect(imageOf(credential.issuer).id).toBe('https://hosted.example/logo.png');
    expect(imageOf(credential.credentialSubject.achievement).id).toBe(
      'https://hosted.example/badge.png',
    );
    const refused = await upload(
      app.baseUrl,
      'images-hosted',
      solidPng(8, [1, 2, 3]),
      'image/png',
      ADMIN_KEY,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/\/issuer-image-external$/);
  });
});

describe('uploading an issuer image', () => {
  const logo = solidPng(64, [200, 30, 60]);
  const imageUrl = () => `${app.baseUrl}/issuers/${ngo.slug}/image.png`;

  it('serves the uploaded PNG byte for byte at the URL credentials named before and name after', async () => {
    const before = await awardFirstAid('dee@example.org');
    const art = await expectServedPng(imageUrl());

    const stored = await upload(app.baseUrl, ngo.slug, logo, 'image/png', ngo.apiKey);
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(stored.body).toEqual({
      slug: ngo.slug,
      image: { id: imageUrl(), type: 'Image' },
      mediaType: 'image/png',
      uploadedAs: 'image/png',
      width: 64,
      height: 64,
      bytes: logo.length,
      digest: createHash('sha256').update(logo).digest('hex'),
    });

    const served = await expectServedPng(imageUrl());
    expect(served.bytes.equals(logo)).toBe(true);
    expect(served.headers.get('etag')).not.toBe(art.headers.get('etag'));

    const after = await awardFirstAid('eve@example.org');
    expect(imageOf(before.issuer).id).toBe(imageUrl());
    expect(imageOf(after.issuer).id).toBe(imageUrl());
    expect((await verify(app.baseUrl, after)).body.verdict).toBe('verified');
  });

  describe('refusals leave the stored image as it was', () => {
    const expectUnchanged = async () => {
      const served = await get(imageUrl());
      expect(served.bytes.equals(logo)).toBe(true);
    };
    beforeAll(async () => {
      expect((await upload(app.baseUrl, ngo.slug, logo, 'image/png', ngo.apiKey)).status).toBe(200);
    });

    it('an oversize upload: 413 before anything is read, and the use case checks it too', async () => {
      const big = Buffer.concat([logo, Buffer.alloc(256 * 1024)]);
      const refused = await upload(app.baseUrl, ngo.slug, big, 'image/png', ngo.apiKey);
      expect(refused.status).toBe(413);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.body.type).toMatch(/\/payload-too-large$/);
      await expect(
        app.services.issuerImages.upload(ngo.slug, { contentType: 'image/png', bytes: big }),
      ).rejects.toBeInstanceOf(PayloadTooLargeError);
      await expectUnchanged();
    });

    it.each([
      ['a script', `<svg ${SVG_NS}><script>alert(document.cookie)</script></svg>`, /script/],
      ['an event handler', `<svg ${SVG_NS} onload="alert(1)"><rect/></svg>`, /onload/],
      [
        'an external reference',
        `<svg ${SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/x.svg#a"/></svg>`,
        /external references/,
      ],
      [
        'a foreign object',
        `<svg ${SVG_NS}><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject></svg>`,
        /foreign objects/,
      ],
      [
        'an external style',
        `<svg ${SVG_NS}><style>@import url(https://e.example/a.css);</style></svg>`,
        /url|import/,
      ],
      ['an entity', `<!DOCTYPE svg [<!ENTITY x "x">]><svg ${SVG_NS}>&x;</svg>`, /entities/],
    ])('an SVG with %s: 422 image-unsafe, naming it', async (_what, svg, detail) => {
      const refused = await upload(app.baseUrl, ngo.slug, svg, 'image/svg+xml', ngo.apiKey);
      expect(refused.status).toBe(422);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.body.type).toMatch(/\/image-unsafe$/);
      expect(refused.body.detail).toMatch(detail);
      await expectUnchanged();
    });

    it('bytes that are not the image their type says: 422 image-unreadable', async () => {
      const cases: Array<[Buffer | string, string, RegExp]> = [
        [`<svg ${SVG_NS}/>`, 'image/png', /not a PNG/],
        [logo, 'image/svg+xml', /is a PNG/],
        [logo.subarray(0, logo.length - 20), 'image/png', /does not decode/],
        ['<html><body>hello</body></html>', 'image/svg+xml', /root element is <html>/],
        ['hello, world', 'image/svg+xml', /well-formed XML|root element/],
      ];
      for (const [bytes, type, detail] of cases) {
        const refused = await upload(app.baseUrl, ngo.slug, bytes, type, ngo.apiKey);
        expect(refused.status, `${type}: ${JSON.stringify(refused.body)}`).toBe(422);
        expect(refused.body.type).toMatch(/\/image-unreadable$/);
        expect(refused.body.detail).toMatch(detail);
      }
      await expectUnchanged();
    });

    it('a PNG larger than 2048 px a side is refused before it is decompressed', async () => {
      const huge = Buffer.from(logo);
      huge.writeUInt32BE(50_000, 16);
      const refused = await upload(app.baseUrl, ngo.slug, huge, 'image/png', ngo.apiKey);
      expect(refused.status).toBe(422);
      expect(refused.body.type).toMatch(/\/image-dimensions-too-large$/);
      await expectUnchanged();
    });

    it('a type that is no image: 415', async () => {
      const refused = await upload(app.baseUrl, ngo.slug, 'hello', 'text/plain', ngo.apiKey);
      expect(refused.status).toBe(415);
      expect(refused.body.type).toMatch(/\/unsupported-media-type$/);
      await expectUnchanged();
    });

    it("another issuer's key: 403; no key: 401", async () => {
      const forbidden = await upload(app.baseUrl, ngo.slug, logo, 'image/png', other.apiKey);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.type).toMatch(/\/forbidden$/);
      const anonymous = await upload(app.baseUrl, ngo.slug, logo, 'image/png', undefined);
      expect(anonymous.status).toBe(401);
      await expectUnchanged();
    });
  });

  it('draws an SVG of shapes and text to PNG, which is what is served', async () => {
    const svg = `<?xml version="1.0"?><svg ${SVG_NS} viewBox="0 0 200 100" width="200" height="100"><defs><linearGradient id="g"><stop offset="0" stop-color="#14532d"/><stop offset="1" stop-color="#c9a227"/></linearGradient></defs><rect width="200" height="100" fill="url(#g)"/><text x="100" y="60" text-anchor="middle" font-size="30">NGO</text></svg>`;
    const stored = await upload(app.baseUrl, other.slug, svg, 'image/svg+xml', ADMIN_KEY);
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(stored.body).toMatchObject({ uploadedAs: 'image/svg+xml', width: 512, height: 256 });
    const served = await expectServedPng(`${app.baseUrl}/issuers/${other.slug}/image.png`);
    expect(createHash('sha256').update(served.bytes).digest('hex')).toBe(stored.body.digest);
    const pixels = PNG.sync.read(served.bytes);
    // The gradient's left end, drawn: green, opaque.
    expect([...pixels.data.subarray(0, 4)]).toEqual([0x14, 0x53, 0x2d, 255]);
  });

  it('is in the OpenAPI document with its media types, and the image routes too', async () => {
    const document = (await request('GET', `${app.baseUrl}/openapi.json`)).body;
    const put = document.paths['/issuers/{slug}/image'].put;
    expect(Object.keys(put.requestBody.content)).toEqual(['image/png', 'image/svg+xml']);
    expect(put.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/IssuerImage',
    );
    expect(Object.keys(put.responses)).toEqual(
      expect.arrayContaining(['401', '403', '404', '409', '413', '415', '422']),
    );
    expect(
      Object.keys(document.paths['/issuers/{slug}/image.png'].get.responses['200'].content),
    ).toEqual(['image/png']);
    expect(document.paths['/achievements/{key}/image.png'].get.security).toEqual([]);
    expect(document.paths['/achievements/{key}/image.svg'].get).toBeDefined();
  });
});

const mongo = mongoTarget();

describe.skipIf(mongo.uri === undefined)('an uploaded image moves with npm run migrate', () => {
  let source: TestApp;
  let moved: TestApp | undefined;
  const database = `test-images-${randomUUID().slice(0, 8)}`;
  const logo = solidPng(32, [10, 120, 200]);

  beforeAll(async () => {
    source = await startTestApp();
    const issuer = await createIssuer(source.baseUrl, 'moving-ngo');
    expect(
      (await upload(source.baseUrl, issuer.slug, logo, 'image/png', issuer.apiKey)).status,
    ).toBe(200);
    await source.stop();
  });

  afterAll(async () => {
    await moved?.close();
    if (!moved) {
      rmSync(source.dataDir, { recursive: true, force: true });
      const { store, drop } = await openTestMongoStore('images', database);
      await store.close();
      await drop();
    }
  });

  it('is copied to MongoDB and served from there, byte for byte', async () => {
    const result = await migrate(
      { from: source.dataDir, to: `${mongo.uri}${database}`, publicUrl: source.baseUrl },
      { KEY_ENCRYPTION_SECRET: ENCRYPTION_SECRET, LOG_LEVEL: 'silent' },
      () => {},
    );
    expect(result.copied.issuer_images).toEqual({ inserted: 1, present: 0 });
    moved = await startTestApp({
      store: 'mongo',
      mongoDatabase: database,
      dataDir: source.dataDir,
      port: source.port,
    });
    const served = await expectServedPng(`${moved.baseUrl}/issuers/moving-ngo/image.png`);
    expect(served.bytes.equals(logo)).toBe(true);
  });
});
