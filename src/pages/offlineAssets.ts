import { readFileSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';
import type { PageAsset } from './assets.js';
import { script, stylesheet } from './assets.js';
import { LANGUAGES, type Language } from './i18n/languages.js';
import type { Translate } from './i18n/messages.js';
import { contentVersion, type OfflineBundles } from './offlineBundle.js';
import { MANIFEST_PATH } from './offlineScanner.js';

// What makes /verify an installable page that opens offline: its script (the offline
// verifier), the service worker with the list of what it keeps, the web app manifest and icons.

const ICON_SVG = readFileSync(new URL('./assets/verify-icon.svg', import.meta.url), 'utf8');
export const ICON_SVG_PATH = '/assets/verify-icon.svg';
export const ICON_PNG_PATH = '/assets/verify-icon-512.png';
const ICON_PNG_SIDE = 512;

export const iconSvg = (): string => ICON_SVG;

let iconPng: Promise<Buffer> | undefined;
/** Installing asks for a raster icon as well; drawn once from the SVG. */
export function verifyIconPng(): Promise<Buffer> {
  iconPng ??= renderAsync(ICON_SVG, {
    fitTo: { mode: 'width', value: ICON_PNG_SIDE },
    logLevel: 'off',
  }).then((rendered) => rendered.asPng());
  return iconPng;
}

export function offlineScript(bundles: OfflineBundles): PageAsset {
  return {
    path: `/assets/verify-offline.js?v=${contentVersion(bundles.script)}`,
    contentType: 'text/javascript',
    body: bundles.script,
  };
}

/** Everything the page loads, in every language: what the worker keeps for offline use. */
function precacheUrls(bundles: OfflineBundles, basePath: string): string[] {
  return [
    `${basePath}/verify`,
    ...LANGUAGES.map((language) => `${basePath}/verify?lang=${language}`),
    ...LANGUAGES.map((language) => `${basePath}${MANIFEST_PATH}?lang=${language}`),
    ...[
      stylesheet.path,
      script.path,
      offlineScript(bundles).path,
      ICON_SVG_PATH,
      ICON_PNG_PATH,
    ].map((path) => `${basePath}${path}`),
  ];
}

/** The worker bundle, told what to keep; a new bundle or asset makes a new worker (and cache). */
export function serviceWorkerScript(bundles: OfflineBundles, basePath: string): string {
  const urls = precacheUrls(bundles, basePath);
  const precache = {
    version: contentVersion(JSON.stringify(urls) + bundles.worker),
    scope: `${basePath}/verify`,
    urls,
  };
  return `const VERIFY_PRECACHE = ${JSON.stringify(precache)};\n${bundles.worker}`;
}

export function webAppManifest(language: Language, basePath: string, t: Translate): object {
  return {
    name: `${t('verify.pageTitle')} · ${t('site.name')}`,
    short_name: t('verify.pageTitle'),
    description: t('offline.intro'),
    lang: language,
    start_url: `${basePath}/verify?lang=${language}`,
    scope: `${basePath}/verify`,
    display: 'standalone',
    background_color: '#f4f5f7',
    theme_color: '#0b57d0',
    icons: [
      { src: `${basePath}${ICON_SVG_PATH}`, sizes: 'any', type: 'image/svg+xml' },
      {
        src: `${basePath}${ICON_PNG_PATH}`,
        sizes: `${ICON_PNG_SIDE}x${ICON_PNG_SIDE}`,
        type: 'image/png',
      },
    ],
  };
}
