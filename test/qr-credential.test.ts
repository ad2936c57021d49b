import { inflateRawSync } from 'node:zlib';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base45Decode } from '../src/sharing/base45.js';
import { JWT_QR_PREFIX, unpackJwt } from '../src/sharing/jwtQrText.js';
import { awardModule } from './helpers/catalogAwards.js';
import { randomBytes } from 'node:crypto';
import { award, createIssuer, sampleAward, verify, type AnyJson } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

// jsqr is CommonJS whose types declare an ES default export; NodeNext sees it one level down.
const jsQR = jsQRModule.default;

let app: TestApp;
let module: { url: string; credential: AnyJson };
let tier: { url: string; credential: AnyJson };

beforeAll(async () => {
  app = await startTestApp();
  let last: AnyJson = {};
  for (const exam of ['it-passport', 'g-kentei', 'ds-kentei'])
    last = (await awardModule(app.baseUrl, exam, 'qr.learner@example.org')).body;
  module = { url: last.url, credential: last.credential };
  tier = { url: last.stacked[0].url, credential: last.stacked[0].credential };
});
afterAll(async () => app.close());

/** The JWS a credential QR PNG carries, read back as a phone's decoder would. */
async function scanPng(url: string): Promise<{ jws: string; version: number }> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  const image = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  expect(code?.data.startsWith(JWT_QR_PREFIX)).toBe(true);
  const packed = inflateRawSync(base45Decode(code?.data.slice(JWT_QR_PREFIX.length) ?? ''));
  return { jws: unpackJwt(packed), version: Number(response.headers.get('x-qr-version')) };
}

/** Checks the JWS with jose alone: the did:key's public key, EdDSA, nothing of ours. */
async function verifyWithJose(jws: string): Promise<AnyJson> {
  const { kid } = decodeProtectedHeader(jws);
  const fingerprint = String(kid).split('#')[1] ?? '';
  const keyPair = await Ed25519Multikey.from({
    type: 'Multikey',
    controller: String(kid).split('#')[0],
    publicKeyMultibase: fingerprint,
  });
  const jwk = (await Ed25519Multikey.toJwk({ keyPair })) as JWK;
  const { payload } = await compactVerify(jws, await importJWK(jwk, 'EdDSA'));
  return JSON.parse(new TextDecoder().decode(payload)) as AnyJson;
}

describe('credential QR codes carry the signed credential', () => {
  it.each([
    ['a module credential', () => module],
    ['a DX Passport 3 with three constituents', () => tier],
  ])('%s: decoded with jsQR, it verifies through the API and with jose', async (_name, which) => {
    const { url, credential } = which();
    const { jws, version } = await scanPng(`${url}/qr-credential.png`);
    expect(version).toBeGreaterThan(0);
    expect(version).toBeLessThanOrEqual(40);
    const report = (await verify(app.baseUrl, jws)).body;
    expect(report.verified).toBe(true);
    const payload = await verifyWithJose(jws);
    const { proof: _proof, ...withoutProof } = credential;
    expect(payload).toEqual(withoutProof);
  });

  it('draws every exam module at a version jsQR reads (never 23 at L, which it cannot)', async () => {
    for (const exam of ['it-passport', 'g-kentei', 'ds-kentei']) {
      const awarded = await awardModule(app.baseUrl, exam, `jsqr-${exam}@example.org`);
      const { jws, version } = await scanPng(`${awarded.body.url}/qr-credential.png`);
      expect(version).not.toBe(23);
      expect((await verify(app.baseUrl, jws)).body.verdict).toBe('verified');
    }
  });

  it('a tampered credential from the QR fails the signature check', async () => {
    const { jws } = await scanPng(`${module.url}/qr-credential.png`);
    const [header, , signature] = jws.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...module.credential, proof: undefined, name: 'Forged' }),
    ).toString('base64url');
    const report = (await verify(app.baseUrl, `${header}.${forged}.${signature}`)).body;
    expect(report.verified).toBe(false);
    expect(report.checks.find((check: AnyJson) => check.id === 'proof.signature').outcome).toBe(
      'failure',
    );
  });

  it('the SVG draws the same code', async () => {
    const response = await fetch(`${module.url}/qr-credential.svg`);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await response.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('answers 404 for a credential that does not exist', async () => {
    const response = await fetch(
      `${app.baseUrl}/c/6f1c2c8e-5b8a-4b43-9d1e-1a2b3c4d5e6f/qr-credential.png`,
    );
    expect(response.status).toBe(404);
  });

  it('the credential page links to its credential QR', async () => {
    const response = await fetch(`${module.url}?lang=en`, { headers: { Accept: 'text/html' } });
    const page = await response.text();
    const path = new URL(module.url).pathname;
    expect(page).toContain(
      `<a href="${path}/qr-credential.png" download>Credential QR, checks offline (PNG)</a>`,
    );
    expect((await fetch(`${module.url}/qr-credential.png`)).status).toBe(200);
  });

  it('a credential too big for any QR answers 422 naming the URL QR, which still works', async () => {
    const issuer = await createIssuer(app.baseUrl, 'long-texts-ngo');
    // Random text does not deflate: 15,000 characters of it cannot fit in a version 40 code.
    const noise = (length: number): string =>
      randomBytes(length).toString('base64').slice(0, length);
    const awarded = await award(app.baseUrl, issuer, {
      ...sampleAward,
      achievement: {
        ...sampleAward.achievement,
        description: noise(5000),
        criteria: { narrative: noise(10000) },
      },
    });
    expect(awarded.status).toBe(201);
    for (const image of ['qr-credential.png', 'qr-credential.svg']) {
      const response = await fetch(`${awarded.body.url}/${image}`);
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as AnyJson;
      expect(problem.type).toMatch(/\/credential-qr-too-large$/);
      expect(problem.qrUrl).toBe(`${awarded.body.url}/qr.png`);
      expect(problem.detail).toContain('more than a QR code of version 40 holds');
    }
    expect((await fetch(`${awarded.body.url}/qr.png`)).status).toBe(200);
  });
});
