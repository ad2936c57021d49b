// The verify page's camera, in Chromium through the real app: Chromium's fake capture device
// plays a credential's QR PNG (as YUV4MPEG2 frames) and the page, after its camera button,
// reads it from getUserMedia frames. A credential QR is checked on the device (here offline,
// then again once online); a link QR is followed and checked by the service.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, createIssuer, type Issuer } from '../helpers/http.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { launchChromium } from './chromium.js';
import { fakeCameraArgs, writeY4m } from './fakeCamera.js';

const SHOTS = '/tmp/offline-camera-shots';
const dir = mkdtempSync(path.join(tmpdir(), 'fake-camera-'));
let app: TestApp;
let issuer: Issuer;

beforeAll(async () => {
  app = await startTestApp();
  issuer = await createIssuer(app.baseUrl, 'camera-ngo');
});
afterAll(async () => app?.close());

/** A credential's page URL, /c/<uuid>. */
async function awardedUrl(): Promise<string> {
  const awarded = await award(app.baseUrl, issuer);
  expect(awarded.status).toBe(201);
  return awarded.body.url as string;
}

async function pngAt(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.headers.get('content-type')).toBe('image/png');
  return Buffer.from(await response.arrayBuffer());
}

/** Chromium whose camera shows the PNG; closed after `use`. */
async function withCameraShowing(png: Buffer, use: (browser: Browser) => Promise<void>) {
  const file = path.join(dir, `${crypto.randomUUID()}.y4m`);
  writeY4m(file, png);
  const browser = await launchChromium(fakeCameraArgs(file));
  try {
    await use(browser);
  } finally {
    await browser.close();
  }
}

async function scan(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Scan with the camera' }).click();
}

/** Waits until the page has read a code, or says why the camera could not be opened. */
async function seen(page: Page): Promise<void> {
  const outcome = page.locator('#scan-result [data-kind], #camera-problem:not([hidden])').first();
  // Each camera frame is decoded on the page's main thread; on a busy machine a dense credential
  // QR takes a while, so this waits longer than playwright's default.
  await outcome.waitFor({ timeout: 90_000 });
  await expect(page.locator('#camera-problem').isHidden()).resolves.toBe(true);
}

const checkLine = (page: Page, id: string) => page.locator(`#scan-result li[data-check="${id}"]`);

describe('the verify page scanning with the camera', () => {
  // Each test launches its own Chromium (its camera shows its own file), inside the test.
  it(
    'reads a credential QR from the camera and checks it on the device, offline',
    { timeout: 150_000 },
    async () => {
      const url = await awardedUrl();
      await withCameraShowing(await pngAt(`${url}/qr-credential.png`), async (browser) => {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
        const page = await context.newPage();
        await page.goto(`${app.baseUrl}/verify?lang=en`);
        await page.evaluate(async () => {
          await navigator.serviceWorker.ready;
        });
        await context.setOffline(true);
        await scan(page);
        const kind = page.locator('#scan-result [data-kind="credentialQr"]');
        await seen(page);
        await expect(kind.innerText()).resolves.toBe(
          'Seen: a credential QR, carrying the signed credential.',
        );
        await expect(checkLine(page, 'proof.signature').innerText()).resolves.toContain(
          'Signature: Passed',
        );
        await expect(checkLine(page, 'issuer.binding').innerText()).resolves.toContain('Passed');
        await expect(page.locator('#scan-result .verdict-state').innerText()).resolves.toContain(
          'Could not be checked',
        );
        // The camera is off once a code is read.
        await expect(page.locator('#camera').isHidden()).resolves.toBe(true);
        await expect(
          page.getByRole('button', { name: 'Scan with the camera' }).isVisible(),
        ).resolves.toBe(true);
        await page.screenshot({ path: `${SHOTS}/credential-qr-phone.png`, fullPage: true });

        await context.setOffline(false);
        const rechecked = page.locator('#rechecked article[data-rechecked]');
        await rechecked.waitFor();
        await expect(rechecked.locator('.verdict-state').innerText()).resolves.toContain(
          'Verified',
        );
        await context.close();
      });
    },
  );

  it(
    'reads a link QR from the camera and has the service check the credential behind it',
    { timeout: 150_000 },
    async () => {
      const url = await awardedUrl();
      await withCameraShowing(await pngAt(`${url}/qr.png`), async (browser) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${app.baseUrl}/verify?lang=en`);
        await scan(page);
        const kind = page.locator('#scan-result [data-kind="url"]');
        await seen(page);
        await expect(kind.innerText()).resolves.toBe(`Seen: a QR code with a link, ${url}`);
        await page.locator('.result-note', { hasText: 'Checked by the service' }).waitFor();
        await expect(page.locator('#scan-result .verdict-state').innerText()).resolves.toContain(
          'Verified',
        );
        await expect(checkLine(page, 'status.revocation').innerText()).resolves.toContain('Passed');
        await page.screenshot({ path: `${SHOTS}/link-qr-desktop.png`, fullPage: true });
        await context.close();
      });
    },
  );

  it(
    'shows the camera inside the page and stops it when asked, before any code is seen',
    { timeout: 150_000 },
    async () => {
      const blank = new PNG({ width: 320, height: 240 });
      blank.data.fill(255);
      await withCameraShowing(PNG.sync.write(blank), async (browser) => {
        const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
        await page.goto(`${app.baseUrl}/verify?lang=en`);
        await scan(page);
        await page.waitForFunction(
          () => (document.getElementById('camera-video') as HTMLVideoElement).videoWidth > 0,
        );
        await expect(page.locator('#camera').isVisible()).resolves.toBe(true);
        // A 1280-wide picture fits a phone's page: none of it is off the screen.
        const box = await page.locator('#camera-video').boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(390);
        await page.screenshot({ path: `${SHOTS}/camera-running-phone.png` });
        await page.getByRole('button', { name: 'Stop the camera' }).click();
        await expect(page.locator('#camera').isHidden()).resolves.toBe(true);
        await expect(
          page.evaluate(
            () => (document.getElementById('camera-video') as HTMLVideoElement).srcObject,
          ),
        ).resolves.toBeNull();
        await expect(page.locator('#scan-result').innerText()).resolves.toBe('');
      });
    },
  );
});
