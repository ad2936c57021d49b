import type { CheckResult, VerificationReport } from '../verifying/report.js';
import { html, type SafeHtml } from './html.js';
import { formatDate } from './i18n/dates.js';
import { messagesOf, type Language } from './i18n/languages.js';
import { isMessageKey, type Translate } from './i18n/messages.js';
import type { Verdict } from './verdict.js';

const VERDICT_ICONS: Record<Verdict, string> = {
  verified: '✓',
  notVerified: '✗',
  expired: '!',
  revoked: '✗',
  suspended: '!',
};

const CHECK_ICONS: Record<CheckResult['outcome'], string> = {
  success: '✓',
  failure: '✗',
  skipped: '–',
};

/** One sentence under the state line; an expiry names its date. */
export function explainVerdict(
  verdict: Verdict,
  validUntil: string | undefined,
  language: Language,
  t: Translate,
): string {
  if (verdict !== 'expired') return t(`verdict.${verdict}.explain`);
  return t('verdict.expired.explain', {
    date: validUntil ? formatDate(validUntil, language) : t('dates.unknown'),
  });
}

/** The big state line: an icon and a word on a colour, so no one needs to read the colour. */
export function renderVerdict(verdict: Verdict, t: Translate, explanation: string): SafeHtml {
  return html`<section class="verdict verdict--${verdict}" aria-label="${t('verdict.heading')}">
    <p class="verdict-state" data-verdict="${verdict}">
      <span class="verdict-icon" aria-hidden="true">${VERDICT_ICONS[verdict]}</span>
      <span>${t(`verdict.${verdict}`)}</span>
    </p>
    <p>${explanation}</p>
  </section>`;
}

/** A check's name in the visitor's language; checks added later show their id until translated. */
function checkLabel(id: string, language: Language, t: Translate): string {
  const key = `check.${id}`;
  return isMessageKey(messagesOf(language), key) ? t(key) : id;
}

function checkDetail(check: CheckResult): string | undefined {
  if (check.outcome === 'failure') {
    const { title, detail } = check.problem;
    return typeof detail === 'string' && detail !== '' ? `${title}: ${detail}` : title;
  }
  return check.outcome === 'skipped' ? check.reason : undefined;
}

/** Each check with the id the API uses, its outcome in words, and why when it did not pass. */
export function renderChecks(
  report: VerificationReport,
  language: Language,
  t: Translate,
): SafeHtml {
  return html`<ol class="checks">
    ${report.checks.map((check) => {
      const detail = checkDetail(check);
      return html`<li class="check check--${check.outcome}" data-check="${check.id}">
        <span class="check-icon" aria-hidden="true">${CHECK_ICONS[check.outcome]}</span>
        <div>
          <p>
            <strong>${checkLabel(check.id, language, t)}</strong>${t('punctuation.colon')}<span
              class="check-outcome"
              >${t(`check.outcome.${check.outcome}`)}</span
            >
          </p>
          <p class="check-id"><code>${check.id}</code></p>
          ${detail ? html`<p class="check-detail">${detail}</p>` : ''}
        </div>
      </li>`;
    })}
  </ol>`;
}
