import { html, type SafeHtml } from './html.js';
import { translate, type Language } from './i18n/languages.js';
import type { Translate } from './i18n/messages.js';
import { renderPage } from './layout.js';
import { offlineHead, renderScanner, type OfflineVerifier } from './offlineScanner.js';
import { renderResult, type VerifyOutcome } from './verifyResult.js';

export type { VerifyOutcome };

export interface VerifyPageInput {
  language: Language;
  basePath: string;
  outcome?: VerifyOutcome;
  /** What the visitor pasted, kept in the form so a typo can be fixed. */
  pasted?: string;
  /** The in-browser verifier behind the scanner, which also works offline. */
  offline: OfflineVerifier;
}

function form(input: VerifyPageInput, t: Translate): SafeHtml {
  return html`<form
    class="card"
    method="post"
    action="${input.basePath}/verify?lang=${input.language}"
    enctype="multipart/form-data"
  >
    <div class="field">
      <label for="credential">${t('verify.pasteLabel')}</label>
      <p id="credential-hint" class="hint">${t('verify.pasteHint')}</p>
      <textarea
        id="credential"
        name="credential"
        rows="8"
        spellcheck="false"
        autocomplete="off"
        aria-describedby="credential-hint"
      >
${input.pasted ?? ''}</textarea>
    </div>
    <div class="field">
      <label for="file">${t('verify.fileLabel')}</label>
      <p id="file-hint" class="hint">${t('verify.fileHint')}</p>
      <input
        id="file"
        name="file"
        type="file"
        accept=".json,.jwt,.png,.svg,application/json,image/png,image/svg+xml"
        aria-describedby="file-hint"
      />
    </div>
    <button type="submit" class="button">${t('verify.submit')}</button>
  </form>`;
}

/** The verify page: a plain form that works without JavaScript, and the report when one was sent. */
export function renderVerifyPage(input: VerifyPageInput): string {
  const { language } = input;
  const t = translate(language);
  const main = html`<div class="narrow">
    <h1>${t('verify.heading')}</h1>
    ${
      input.outcome
        ? html`${renderResult(input.outcome, language, t)}
            <h2 id="again">${t('verify.again')}</h2>`
        : html`<p>${t('verify.intro')}</p>`
    }
    ${renderScanner(input.offline, input.basePath, t)} ${form(input, t)}
    <section class="card" aria-labelledby="scan">
      <h2 id="scan">${t('verify.scanHeading')}</h2>
      <p>${t('verify.scan')}</p>
    </section>
  </div>`;
  return renderPage({
    language,
    t,
    title: t('verify.pageTitle'),
    basePath: input.basePath,
    languagePath: `${input.basePath}/verify`,
    head: offlineHead(input.offline, input.basePath, language),
    main,
  });
}
