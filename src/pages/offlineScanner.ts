import { html, type SafeHtml } from './html.js';
import type { Language } from './i18n/languages.js';
import type { Translate } from './i18n/messages.js';

// The verify page's scanner: hidden until the offline verifier script (src/pages/offline) shows
// it, so without JavaScript the page is the plain form it always was.

export interface OfflineVerifier {
  /** The bundle's path under the service root, with its content hash. */
  scriptPath: string;
  jwtClockSkewSeconds: number;
}

export const SERVICE_WORKER_PATH = '/verify-sw.js';
export const MANIFEST_PATH = '/verify.webmanifest';

/** The manifest and the script, for the page's <head>. */
export function offlineHead(
  offline: OfflineVerifier,
  basePath: string,
  language: Language,
): SafeHtml {
  return html`<link rel="manifest" href="${basePath}${MANIFEST_PATH}?lang=${language}" />
    <meta name="theme-color" content="#0b57d0" />
    <script type="module" src="${basePath}${offline.scriptPath}"></script>`;
}

export function renderScanner(offline: OfflineVerifier, basePath: string, t: Translate): SafeHtml {
  return html`<section
      id="scanner"
      class="card scanner"
      aria-labelledby="scanner-heading"
      data-base-path="${basePath}"
      data-worker="${basePath}${SERVICE_WORKER_PATH}"
      data-scope="${basePath}/verify"
      data-jwt-clock-skew="${offline.jwtClockSkewSeconds}"
      hidden
    >
      <h2 id="scanner-heading">${t('offline.heading')}</h2>
      <p>${t('offline.intro')}</p>
      <p id="connection" class="connection" role="status"></p>
      <p class="actions">
        <button type="button" class="button" id="camera-start">${t('offline.camera')}</button>
        <button type="button" class="button button--quiet" id="camera-stop" hidden>
          ${t('offline.stopCamera')}
        </button>
      </p>
      <div id="camera" class="camera" hidden>
        <video id="camera-video" muted playsinline></video>
        <p class="hint">${t('offline.cameraHint')}</p>
      </div>
      <p id="camera-problem" class="hint" role="status" hidden></p>
      <form id="code-form">
        <div class="field">
          <label for="code">${t('offline.pasteLabel')}</label>
          <p id="code-hint" class="hint">${t('offline.pasteHint')}</p>
          <textarea
            id="code"
            rows="4"
            spellcheck="false"
            autocomplete="off"
            aria-describedby="code-hint"
          ></textarea>
        </div>
        <button type="submit" class="button">${t('offline.check')}</button>
      </form>
    </section>
    <div id="scan-result" class="scan-result" aria-live="polite"></div>
    <section id="rechecked" aria-labelledby="rechecked-heading" hidden>
      <h2 id="rechecked-heading">${t('offline.recheckHeading')}</h2>
      <div id="rechecked-list"></div>
    </section>`;
}
