import { basePathOf } from '../../core/publicUrl.js';
import { chooseLanguage, translate } from '../../pages/i18n/languages.js';
import {
  ICON_PNG_PATH,
  ICON_SVG_PATH,
  iconSvg,
  offlineScript,
  serviceWorkerScript,
  verifyIconPng,
  webAppManifest,
} from '../../pages/offlineAssets.js';
import { offlineBundles } from '../../pages/offlineBundle.js';
import { MANIFEST_PATH, SERVICE_WORKER_PATH } from '../../pages/offlineScanner.js';
import { defineRoute } from '../route.js';

// Linked with a content hash (or drawn from a file that ships with the code), so kept for long.
const IMMUTABLE = { 'Cache-Control': 'public, max-age=31536000, immutable' };

export const offlineVerifyRoutes = [
  defineRoute({
    method: 'get',
    path: '/assets/verify-offline.js',
    operationId: 'getOfflineVerifierScript',
    summary:
      "The verify page's offline verifier (built with esbuild from src/pages/offline): the QR scanner, the vc+jwt checks run in the browser, and the re-check once online",
    tag: 'Pages',
    access: 'public',
    responses: { 200: { description: 'The script', contentType: 'text/javascript' } },
    async handle() {
      const asset = offlineScript(await offlineBundles());
      return { status: 200, body: asset.body, contentType: asset.contentType, headers: IMMUTABLE };
    },
  }),
  defineRoute({
    method: 'get',
    path: SERVICE_WORKER_PATH,
    operationId: 'getVerifyServiceWorker',
    summary:
      'The service worker of /verify (scope /verify): keeps the page, its script, styles and manifest so it works offline after one visit',
    tag: 'Pages',
    access: 'public',
    responses: { 200: { description: 'The worker script', contentType: 'text/javascript' } },
    async handle(_request, { config }) {
      const body = serviceWorkerScript(await offlineBundles(), basePathOf(config.publicUrl));
      // Browsers check a worker for updates on each visit; it must never be served stale.
      return {
        status: 200,
        body,
        contentType: 'text/javascript',
        headers: { 'Cache-Control': 'no-cache' },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: MANIFEST_PATH,
    operationId: 'getVerifyManifest',
    summary: 'The web app manifest that makes /verify installable (`?lang=` en, zh-TW or ja)',
    tag: 'Pages',
    access: 'public',
    responses: {
      200: { description: 'The manifest', contentType: 'application/manifest+json' },
    },
    async handle({ query, headers }, { config }) {
      const language = chooseLanguage(query.lang, headers['accept-language']);
      const manifest = webAppManifest(language, basePathOf(config.publicUrl), translate(language));
      return {
        status: 200,
        body: JSON.stringify(manifest),
        contentType: 'application/manifest+json',
        headers: { 'Cache-Control': 'no-cache', 'Content-Language': language },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: ICON_SVG_PATH,
    operationId: 'getVerifyIconSvg',
    summary: 'The icon of the installed verify page (SVG)',
    tag: 'Pages',
    access: 'public',
    responses: { 200: { description: 'The icon', contentType: 'image/svg+xml' } },
    async handle() {
      return { status: 200, body: iconSvg(), contentType: 'image/svg+xml', headers: IMMUTABLE };
    },
  }),
  defineRoute({
    method: 'get',
    path: ICON_PNG_PATH,
    operationId: 'getVerifyIconPng',
    summary: 'The icon of the installed verify page (PNG, 512 px)',
    tag: 'Pages',
    access: 'public',
    responses: { 200: { description: 'The icon', contentType: 'image/png' } },
    async handle() {
      return {
        status: 200,
        body: await verifyIconPng(),
        contentType: 'image/png',
        headers: IMMUTABLE,
      };
    },
  }),
];
