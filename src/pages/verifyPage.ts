import type { VerificationReport } from '../verifying/report.js';
import { ownText, renderCredentialDetails } from './credentialDetails.js';
import type { CredentialView } from './credentialView.js';
import { html, type SafeHtml } from './html.js';
import { translate, type Language } from './i18n/languages.js';
import type { Translate } from './i18n/messages.js';
import { renderPage } from './layout.js';
import type { PresentationView, PresentedCredentialView } from './presentationView.js';
import {
  explainPresentationVerdict,
  explainVerdict,
  renderChecks,
  renderVerdict,
} from './reportView.js';
import type { Verdict } from './verdict.js';

export type VerifyOutcome =
  | { kind: 'report'; report: VerificationReport; verdict: Verdict; view: CredentialView }
  /** A Verifiable Presentation: its own checks, then each credential it carries. */
  | ({ kind: 'presentation' } & PresentationView)
  /** The input could not be read as a credential; `detail` says why. */
  | { kind: 'unreadable'; detail: string };

export interface VerifyPageInput {
  language: Language;
  basePath: string;
  outcome?: VerifyOutcome;
  /** What the visitor pasted, kept in the form so a typo can be fixed. */
  pasted?: string;
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

/** The credential's language for its own name; none when the page's "unnamed" stands in. */
const nameLanguage = (view: CredentialView): string | undefined =>
  view.achievement.name ? view.achievement.language : undefined;

/** One credential of a presentation: who issued what, its own verdict and checks, then details. */
function presentedCredential(
  item: PresentedCredentialView,
  index: number,
  total: number,
  language: Language,
  t: Translate,
): SafeHtml {
  const { view, verdict, report } = item;
  const number = index + 1;
  const id = `credential-${number}`;
  return html`<article class="card presented" aria-labelledby="${id}">
    <p class="eyebrow">${t('verify.credentialPosition', { number, total })}</p>
    ${ownText('h3', nameLanguage(view), view.achievement.name ?? t('credential.unnamed'), { id })}
    ${view.issuer.name ? html`<p class="issued-by">${t('credential.issuedBy', { issuer: view.issuer.name })}</p>` : ''}
    ${renderVerdict(verdict, t, explainVerdict(verdict, report, view.validUntil, language, t), {
      label: t('verify.credentialVerdict', { number }),
      compact: true,
    })}
    ${renderChecks(report, language, t)}
    <details class="presented-details">
      <summary>${t('verify.summaryHeading')}</summary>
      ${renderCredentialDetails(view, { language, t, headingLevel: 4, idPrefix: `${id}-` })}
    </details>
  </article>`;
}

function presentationResult(outcome: PresentationView, language: Language, t: Translate): SafeHtml {
  const { credentials } = outcome;
  const reports = [outcome.report, ...credentials.map((item) => item.report)];
  // A presentation that cannot be read has its credentials left unchecked, not absent.
  const unread = outcome.report.checks.some(
    (check) => check.id === 'presentation.structure' && check.outcome === 'failure',
  );
  return html`<section aria-labelledby="result">
      <h2 id="result">${t('verify.resultHeading')}</h2>
      ${renderVerdict(outcome.verdict, t, explainPresentationVerdict(outcome.verdict, reports, t))}
      <section class="card" aria-labelledby="presentation">
        <h3 id="presentation">${t('verify.presentationHeading')}</h3>
        <p class="hint">${t('verify.presentationHint')}</p>
        ${renderChecks(outcome.report, language, t)}
      </section>
    </section>
    <section aria-labelledby="presented">
      <h2 id="presented">${t('verify.credentialsHeading')}</h2>
      ${
        credentials.length > 0
          ? credentials.map((item, index) =>
              presentedCredential(item, index, credentials.length, language, t),
            )
          : html`<p class="card">
              ${t(unread ? 'verify.presentationUnread' : 'verify.presentationEmpty')}
            </p>`
      }
    </section>`;
}

function result(outcome: VerifyOutcome, language: Language, t: Translate): SafeHtml {
  if (outcome.kind === 'unreadable') {
    return html`<section class="card problem" role="alert" aria-labelledby="result">
      <h2 id="result">${t('verify.errorHeading')}</h2>
      <p>${outcome.detail}</p>
    </section>`;
  }
  if (outcome.kind === 'presentation') return presentationResult(outcome, language, t);
  const { view } = outcome;
  return html`<section aria-labelledby="result">
      <h2 id="result">${t('verify.resultHeading')}</h2>
      ${renderVerdict(
        outcome.verdict,
        t,
        explainVerdict(outcome.verdict, outcome.report, view.validUntil, language, t),
      )}
      <div class="card">${renderChecks(outcome.report, language, t)}</div>
    </section>
    <section aria-labelledby="summary">
      <h2 id="summary">${t('verify.summaryHeading')}</h2>
      <div class="card">
        <p class="eyebrow">${t('credential.kind')}</p>
        <p>
          ${ownText('strong', nameLanguage(view), view.achievement.name ?? t('credential.unnamed'))}
        </p>
        ${view.issuer.name ? html`<p>${t('credential.issuedBy', { issuer: view.issuer.name })}</p>` : ''}
      </div>
      ${renderCredentialDetails(view, { language, t, headingLevel: 3 })}
    </section>`;
}

/** The verify page: a plain form that works without JavaScript, and the report when one was sent. */
export function renderVerifyPage(input: VerifyPageInput): string {
  const { language } = input;
  const t = translate(language);
  const main = html`<div class="narrow">
    <h1>${t('verify.heading')}</h1>
    ${
      input.outcome
        ? html`${result(input.outcome, language, t)}
            <h2 id="again">${t('verify.again')}</h2>`
        : html`<p>${t('verify.intro')}</p>`
    }
    ${form(input, t)}
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
    main,
  });
}
