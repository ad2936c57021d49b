import { STACK_CHECK_ID, STRUCTURE_CHECK_ID } from '../verifying/checkIds.js';
import type { CheckResult, VerificationReport } from '../verifying/report.js';
import { html, type SafeHtml } from './html.js';
import { formatDate } from './i18n/dates.js';
import { messagesOf, type Language } from './i18n/languages.js';
import { isMessageKey, type MessageKey, type Translate } from './i18n/messages.js';
import { isUnavailable, type PresentationVerdict, type Verdict } from './verdict.js';

const VERDICT_ICONS: Record<Verdict, string> = {
  verified: '✓',
  notVerified: '✗',
  unchecked: '?',
  expired: '!',
  revoked: '✗',
  suspended: '!',
};

/** How a check line looks: a skipped check that could not run is not "not applicable". */
type CheckState = CheckResult['outcome'] | 'unavailable';

const CHECK_ICONS: Record<CheckState, string> = {
  success: '✓',
  failure: '✗',
  skipped: '–',
  unavailable: '?',
};

const stateOf = (check: CheckResult): CheckState =>
  isUnavailable(check) ? 'unavailable' : check.outcome;

/** What a check that could not run was waiting for, in words a visitor knows. */
type Unreached = 'issuerKey' | 'statusList' | 'holderKey' | 'service' | 'other';

const UNREACHED_BY_CHECK: Record<string, Unreached> = {
  'proof.signature': 'issuerKey',
  'issuer.binding': 'issuerKey',
  'status.revocation': 'statusList',
  'status.suspension': 'statusList',
  'presentation.proof': 'holderKey',
  'presentation.holder': 'holderKey',
  // Only the offline verify page leaves these unchecked: they need this service.
  [STRUCTURE_CHECK_ID]: 'service',
  [STACK_CHECK_ID]: 'service',
};

const UNREACHED_ORDER: readonly Unreached[] = [
  'issuerKey',
  'statusList',
  'holderKey',
  'service',
  'other',
];

/** "A", "A and B", "A, B and C" in the visitor's language. */
function listOf(items: string[], t: Translate): string {
  if (items.length <= 1) return items[0] ?? '';
  const last = items.at(-1) ?? '';
  return t('list.pair', { first: items.slice(0, -1).join(t('list.separator')), last });
}

/** `what` could not be reached, and `where` to try again once it can: built from the checks. */
function unreachedWords(reports: readonly VerificationReport[], t: Translate) {
  const unreached = new Set(
    reports.flatMap((report) =>
      report.checks.filter(isUnavailable).map((check) => UNREACHED_BY_CHECK[check.id] ?? 'other'),
    ),
  );
  const kinds = UNREACHED_ORDER.filter((kind) => unreached.has(kind));
  const holder = unreached.has('holderKey');
  const where: MessageKey =
    holder && kinds.length > 1
      ? 'unavailable.where.both'
      : holder
        ? 'unavailable.where.holder'
        : 'unavailable.where.issuer';
  return {
    what: listOf(
      kinds.map((kind) => t(`unavailable.${kind}`)),
      t,
    ),
    where: t(where),
  };
}

/** One sentence under the state line; an expiry names its date, an unchecked one what it needs. */
export function explainVerdict(
  verdict: Verdict,
  report: VerificationReport,
  validUntil: string | undefined,
  language: Language,
  t: Translate,
): string {
  if (verdict === 'unchecked') {
    const failed = report.checks.some((check) => check.outcome === 'failure');
    return t(
      failed ? 'verdict.unchecked.explainWithFailure' : 'verdict.unchecked.explain',
      unreachedWords([report], t),
    );
  }
  if (verdict !== 'expired') return t(`verdict.${verdict}.explain`);
  return t('verdict.expired.explain', {
    date: validUntil ? formatDate(validUntil, language) : t('dates.unknown'),
  });
}

/** The sentence under a presentation's state line, over the presentation and its credentials. */
export function explainPresentationVerdict(
  verdict: PresentationVerdict,
  reports: readonly VerificationReport[],
  t: Translate,
): string {
  if (verdict === 'unchecked')
    return t('verdict.presentation.unchecked.explain', unreachedWords(reports, t));
  return t(`verdict.presentation.${verdict}.explain`);
}

export interface VerdictOptions {
  /** Names the region when a page has more than one verdict (a presentation's credentials). */
  label?: string;
  /** A smaller state line, for a verdict under the page's own. */
  compact?: boolean;
}

/** The big state line: an icon and a word on a colour, so no one needs to read the colour. */
export function renderVerdict(
  verdict: Verdict,
  t: Translate,
  explanation: string,
  options: VerdictOptions = {},
): SafeHtml {
  return html`<section
    class="verdict verdict--${verdict}${options.compact ? ' verdict--compact' : ''}"
    aria-label="${options.label ?? t('verdict.heading')}"
  >
    <p class="verdict-state" data-verdict="${verdict}">
      <span class="verdict-icon" aria-hidden="true">${VERDICT_ICONS[verdict]}</span>
      <span>${t(`verdict.${verdict}`)}</span>
    </p>
    <p class="verdict-explain">${explanation}</p>
  </section>`;
}

/** A check's name in the visitor's language; checks added later show their id until translated. */
function checkLabel(id: string, language: Language, t: Translate): string {
  const key = `check.${id}`;
  return isMessageKey(messagesOf(language), key) ? t(key) : id;
}

/** Why it failed, why it was skipped or could not run, or what a pass established. */
function checkDetail(check: CheckResult): string | undefined {
  if (check.outcome === 'failure') {
    const { title, detail } = check.problem;
    return typeof detail === 'string' && detail !== '' ? `${title}: ${detail}` : title;
  }
  return check.outcome === 'skipped' ? check.reason : check.detail;
}

/** Each check with the id the API uses, its outcome in words, and the verifier's why. */
export function renderChecks(
  report: VerificationReport,
  language: Language,
  t: Translate,
): SafeHtml {
  return html`<ol class="checks">
    ${report.checks.map((check) => {
      const detail = checkDetail(check);
      const state = stateOf(check);
      return html`<li class="check check--${state}" data-check="${check.id}">
        <span class="check-icon" aria-hidden="true">${CHECK_ICONS[state]}</span>
        <div>
          <p>
            <strong>${checkLabel(check.id, language, t)}</strong>${t('punctuation.colon')}<span
              class="check-outcome"
              >${t(`check.outcome.${state}`)}</span
            >
          </p>
          <p class="check-id"><code>${check.id}</code></p>
          ${detail ? html`<p class="check-detail">${detail}</p>` : ''}
        </div>
      </li>`;
    })}
  </ol>`;
}
