import { systemClock } from '../../core/clock.js';
import type { JsonObject } from '../../core/json.js';
import { presentCredential } from '../../verifying/presentedCredential.js';
import type { VerificationReport } from '../../verifying/report.js';
import { ownText } from '../credentialDetails.js';
import { readCredentialView } from '../credentialView.js';
import { html, type SafeHtml } from '../html.js';
import { formatDateTime } from '../i18n/dates.js';
import { LANGUAGES, translate, type Language } from '../i18n/languages.js';
import { explainVerdict, renderChecks, renderVerdict } from '../reportView.js';
import { verdictOf } from '../verdict.js';
import { renderResult } from '../verifyResult.js';
import { scanWithCamera, type CameraScan } from './camera.js';
import {
  dropQueued,
  keptDidDocument,
  queueForRecheck,
  queuedChecks,
  rememberDidDocument,
  rememberStatusListsSeen,
  statusListsSeen,
} from './deviceMemory.js';
import type { DidWebSource } from './pageKeys.js';
import { checkOnDevice } from './pageVerifier.js';
import { readScanned, type Scanned } from './scannedText.js';
import {
  checkOnService,
  credentialBehind,
  didDocumentFromService,
  ServiceUnreachableError,
} from './serviceChecks.js';
import { statusListsRead } from './statusListsRead.js';

// The verify page's script: the scanner and paste box, a credential QR or JWT checked on this
// device with the server's checks and wording, the service asked whenever there is a
// connection, and credentials checked offline checked again as soon as the page is back online.

const clock = systemClock;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the verify page has no #${id}`);
  return found as T;
}

const scanner = document.getElementById('scanner');
if (scanner) start(scanner);

function start(scanner: HTMLElement): void {
  const lang = document.documentElement.lang;
  const language: Language = (LANGUAGES as readonly string[]).includes(lang)
    ? (lang as Language)
    : 'en';
  const t = translate(language);
  const basePath = scanner.dataset.basePath ?? '';
  const jwtClockSkewSeconds = Number(scanner.dataset.jwtClockSkew ?? 0);
  const connection = element('connection');
  const result = element('scan-result');
  const rechecked = element('rechecked');
  const recheckedList = element('rechecked-list');
  const time = (date: Date): string => formatDateTime(date.toISOString(), language);
  /** The credential on screen, so a re-check online can replace its offline result. */
  let shown: string | undefined;
  /** How the credential on screen came: a credential QR or a JWT, said again over its re-check. */
  let shownKind: SafeHtml = html``;

  const showConnection = (): void => {
    connection.textContent = t(navigator.onLine ? 'offline.online' : 'offline.offline');
    connection.dataset.online = String(navigator.onLine);
  };

  const reportMarkup = (
    report: VerificationReport,
    credential: JsonObject,
    note: string,
  ): SafeHtml => {
    const view = readCredentialView(credential);
    return html`<p class="result-note">${note}</p>
      ${renderResult({ kind: 'report', report, verdict: verdictOf(report), view }, language, t)}`;
  };

  const show = (kind: SafeHtml, body: SafeHtml | string = ''): void => {
    result.innerHTML = html`<div class="card scan-kind">${kind}</div>
      ${body}`.toString();
  };

  const kindLine = (scanned: Scanned): SafeHtml => {
    const words =
      scanned.kind === 'url'
        ? t('offline.saw.urlQr', { url: scanned.url.href })
        : t(`offline.saw.${scanned.kind}`);
    return html`<p data-kind="${scanned.kind}">${words}</p>`;
  };

  const didWeb: DidWebSource = {
    online: () => navigator.onLine,
    ask: (did) => didDocumentFromService(basePath, did),
    kept: keptDidDocument,
    keep: rememberDidDocument,
    now: clock,
  };

  /**
   * Asks the service; remembers the status lists it read for this check as seen now, when its
   * report arrived (the report carries no time, and offline this device's clock is the one asked).
   */
  async function serviceReport(credential: string | JsonObject, payload: JsonObject) {
    const report = await checkOnService(basePath, credential);
    const checkedAt = clock();
    rememberStatusListsSeen(statusListsRead(report, payload), checkedAt);
    return { report, checkedAt };
  }

  async function checkCredential(scanned: Scanned & { jws: string }): Promise<void> {
    const now = clock();
    const { report, credential } = await checkOnDevice(scanned.jws, {
      now,
      jwtClockSkewSeconds,
      language,
      t,
      statusListsSeen,
      didWeb,
    });
    shown = scanned.jws;
    shownKind = kindLine(scanned);
    const onDevice = reportMarkup(
      report,
      credential,
      t('offline.checkedHere', { time: time(now) }),
    );
    if (!navigator.onLine) {
      queueForRecheck(scanned.jws, now);
      show(
        kindLine(scanned),
        html`<p class="card">${t('offline.queued')}</p>
          ${onDevice}`,
      );
      return;
    }
    show(kindLine(scanned), onDevice);
    try {
      const online = await serviceReport(scanned.jws, credential);
      const note = t('offline.checkedByService', { time: time(online.checkedAt) });
      if (shown === scanned.jws)
        show(kindLine(scanned), reportMarkup(online.report, credential, note));
    } catch (error) {
      if (!(error instanceof ServiceUnreachableError)) throw error;
      queueForRecheck(scanned.jws, now);
      show(
        kindLine(scanned),
        html`<p class="card">${t('offline.serviceFailed', { reason: error.message })}</p>
          ${onDevice}`,
      );
    }
  }

  async function checkLink(scanned: Scanned & { kind: 'url' }): Promise<void> {
    shown = undefined;
    const link = html`<a href="${scanned.url.href}">${scanned.url.href}</a>`;
    if (scanned.url.origin !== location.origin) {
      show(kindLine(scanned), html`<p class="card">${t('offline.urlElsewhere')} ${link}</p>`);
      return;
    }
    if (!navigator.onLine) {
      show(kindLine(scanned), html`<p class="card">${t('offline.urlNeedsConnection')} ${link}</p>`);
      return;
    }
    try {
      const credential = await credentialBehind(scanned.url);
      const payload =
        typeof credential === 'string' ? presentCredential(credential).credential : credential;
      const online = await serviceReport(credential, payload);
      const note = t('offline.checkedByService', { time: time(online.checkedAt) });
      show(kindLine(scanned), reportMarkup(online.report, payload, note));
    } catch (error) {
      show(
        kindLine(scanned),
        html`<p class="card">
          ${t('offline.unreadable', { reason: (error as Error).message })} ${link}
        </p>`,
      );
    }
  }

  async function handle(text: string): Promise<void> {
    let scanned: Scanned;
    try {
      scanned = await readScanned(text);
    } catch (error) {
      shown = undefined;
      show(
        html`<p data-kind="unreadable">
          ${t('offline.unreadable', { reason: (error as Error).message })}
        </p>`,
      );
      return;
    }
    if (scanned.kind === 'unknown') {
      shown = undefined;
      show(kindLine(scanned));
      return;
    }
    if (scanned.kind === 'url') return checkLink(scanned);
    return checkCredential(scanned);
  }

  /** Each credential checked offline, checked again by the service; kept if it cannot be asked. */
  async function recheckQueued(): Promise<void> {
    for (const item of queuedChecks()) {
      if (!navigator.onLine) return;
      const payload = presentCredential(item.jws).credential;
      let online: { report: VerificationReport; checkedAt: Date };
      try {
        online = await serviceReport(item.jws, payload);
      } catch (error) {
        if (error instanceof ServiceUnreachableError) return;
        throw error;
      }
      dropQueued(item.jws);
      const note = t('offline.checkedByService', { time: time(online.checkedAt) });
      const view = readCredentialView(payload);
      const verdict = verdictOf(online.report);
      const name = view.achievement.name ?? t('credential.unnamed');
      const article = document.createElement('article');
      article.className = 'card presented';
      article.dataset.rechecked = 'true';
      article.innerHTML = html`<p class="eyebrow">${note}</p>
        ${ownText('h3', view.achievement.name ? view.achievement.language : undefined, name)}
        ${renderVerdict(verdict, t, explainVerdict(verdict, online.report, view.validUntil, language, t), { label: name, compact: true })}
        ${renderChecks(online.report, language, t)}`.toString();
      recheckedList.prepend(article);
      rechecked.hidden = false;
      if (shown === item.jws) show(shownKind, reportMarkup(online.report, payload, note));
    }
  }

  let camera: CameraScan | undefined;
  const cameraStart = element<HTMLButtonElement>('camera-start');
  const cameraStop = element<HTMLButtonElement>('camera-stop');
  const cameraBox = element('camera');
  const cameraProblem = element('camera-problem');
  /** Counts starts and stops, so a camera that opens after the visitor pressed stop is closed. */
  let cameraTurn = 0;
  const stopCamera = (): void => {
    cameraTurn += 1;
    camera?.stop();
    camera = undefined;
    cameraBox.hidden = true;
    cameraStop.hidden = true;
    cameraStart.hidden = false;
  };
  cameraStart.hidden = !navigator.mediaDevices?.getUserMedia;
  cameraStart.addEventListener('click', async () => {
    cameraProblem.hidden = true;
    cameraBox.hidden = false;
    cameraStart.hidden = true;
    cameraStop.hidden = false;
    const turn = (cameraTurn += 1);
    try {
      const opened = await scanWithCamera(element<HTMLVideoElement>('camera-video'), (text) => {
        stopCamera();
        void handle(text);
      });
      // Stopped while the browser was still asking for the camera: it must not run unseen.
      if (turn === cameraTurn) camera = opened;
      else opened.stop();
    } catch (error) {
      if (turn !== cameraTurn) return;
      stopCamera();
      cameraProblem.textContent = t('offline.cameraRefused', { reason: (error as Error).message });
      cameraProblem.hidden = false;
    }
  });
  cameraStop.addEventListener('click', stopCamera);

  element<HTMLFormElement>('code-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void handle(element<HTMLTextAreaElement>('code').value);
  });

  window.addEventListener('online', () => {
    showConnection();
    void recheckQueued();
  });
  window.addEventListener('offline', showConnection);
  showConnection();
  scanner.hidden = false;
  if (navigator.onLine) void recheckQueued();

  const { worker, scope } = scanner.dataset;
  if (worker && 'serviceWorker' in navigator) {
    // Kept working offline by the worker; a page that cannot register it still verifies.
    navigator.serviceWorker.register(worker, { scope: scope ?? './' }).catch(() => undefined);
  }
}
