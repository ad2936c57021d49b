import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's Chromium: the tests drive it and never download a browser of their own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Fails loudly when Chromium is absent: a browser test must never pass by not running.
 * `extraArgs` are for one test's own browser (a fake camera fed from a file, say).
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}, so the browser tests cannot run. ` +
        'Install it with scripts/install-chromium.sh (apt-get install chromium fonts-noto-cjk).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...ARGS, ...extraArgs],
  });
}

/**
 * Launches Chromium once for a test file. A failed launch is kept and thrown by every test that
 * asks for the browser, so each one counts as failed: a throwing hook would only skip them.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  let launchError: unknown;
  beforeAll(async () => {
    try {
      browser = await launchChromium();
    } catch (error) {
      launchError = error;
    }
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw launchError ?? new Error('Chromium was not launched');
    return browser;
  };
}
