import type { VerificationReport } from '../verifying/report.js';
import { ownText, renderCredentialDetails } from './credentialDetails.js';
import type { CredentialView } from './credentialView.js';
import { html, type SafeHtml } from './html.js';
import type { Language } from './i18n/languages.js';
import type { Translate } from './i18n/messages.js';
import type { PresentationView, PresentedCredentialView } from './presentationView.js';
import {
  explainPresentationVerdict,
  explainVerdict,
  renderChecks,
  renderVerdict,
} from './reportView.js';
import type { Verdict } from './verdict.js';

// The report under the verify page's form: the server renders it after a POST, and the offline
// verify page renders the same markup in the browser from its own report or the service's.

export type VerifyOutcome =
  | { kind: 'report'; report: VerificationReport; verdict: Verdict; view: CredentialView }
  /** A Verifiable Presentation: its own checks, then each credential it carries. */
  | ({ kind: 'presentation' } & PresentationView)
  /** The input could not be read as a credential; `detail` says why. */
  | { kind: 'unreadable'; detail: string };

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

export function renderResult(outcome: VerifyOutcome, language: Language, t: Translate): SafeHtml {
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
