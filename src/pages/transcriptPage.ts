import type { Standing } from '../core/credentialState.js';
import { uuidOfCredentialId } from '../core/ids.js';
import type { JsonObject } from '../core/json.js';
import { presentCredential } from '../verifying/presentedCredential.js';
import type { VerificationReport } from '../verifying/report.js';
import { ownText } from './credentialDetails.js';
import { readCredentialView, type CredentialView } from './credentialView.js';
import { html, type SafeHtml } from './html.js';
import { formatDateTime } from './i18n/dates.js';
import { translate, type Language } from './i18n/languages.js';
import type { Translate } from './i18n/messages.js';
import { renderPage } from './layout.js';
import { explainVerdict, renderChecks, renderVerdict } from './reportView.js';
import { verdictOf, type Verdict } from './verdict.js';

/** One credential a transcript carries, with its own live check. */
export interface CarriedCredential {
  /** As verifiers take it: the JSON (DI) or the compact JWS (JWT). */
  payload: JsonObject | string;
  report: VerificationReport;
}

export interface TranscriptPageInput {
  uuid: string;
  transcript: JsonObject;
  report: VerificationReport;
  /** The transcript's own standing in its issuer's status list. */
  state: Standing;
  carried: CarriedCredential[];
  /** UUIDs of carried credentials that have a page on this service. */
  storedHere: ReadonlySet<string>;
  checkedAt: Date;
  pageUrl: string;
  basePath: string;
}

interface CarriedView {
  view: CredentialView;
  verdict: Verdict;
  report: VerificationReport;
  uuid?: string;
  /** Its page here, when this service stores it. */
  href?: string;
  /** urn:uuid ids of the credentials this one names as constituents (a tier). */
  constituents: string[];
}

/** A tier with the credentials it was built from, or the credentials no stack contains. */
interface Stack {
  tier?: CarriedView;
  members: CarriedView[];
}

/** Evidence naming a credential by urn:uuid and digest: a tier's constituents, as it says itself. */
function constituentIdsOf(credential: JsonObject): string[] {
  return ([] as unknown[]).concat(credential.evidence ?? []).flatMap((item) => {
    const { id, digestMultibase } = (item ?? {}) as JsonObject;
    return typeof id === 'string' && typeof digestMultibase === 'string' ? [id] : [];
  });
}

function carriedView(entry: CarriedCredential, input: TranscriptPageInput): CarriedView {
  const credential = presentCredential(entry.payload).credential;
  const id = typeof credential.id === 'string' ? credential.id : undefined;
  const uuid = id ? uuidOfCredentialId(id) : undefined;
  return {
    view: readCredentialView(credential),
    verdict: verdictOf(entry.report),
    report: entry.report,
    ...(uuid ? { uuid } : {}),
    ...(uuid && input.storedHere.has(uuid) ? { href: `${input.basePath}/c/${uuid}` } : {}),
    constituents: constituentIdsOf(credential),
  };
}

/**
 * Each tier with the carried credentials it names, then every credential no tier carried here
 * names. A module in two tiers (DX Passport 1 and 2) is shown under both.
 */
function stacksOf(views: CarriedView[]): Stack[] {
  const byId = new Map(views.flatMap((v) => (v.view.id ? [[v.view.id, v] as const] : [])));
  const inAStack = new Set<CarriedView>();
  const stacks: Stack[] = [];
  for (const view of views) {
    const members = view.constituents.flatMap((id) => {
      const member = byId.get(id);
      return member ? [member] : [];
    });
    if (view.constituents.length === 0) continue;
    stacks.push({ tier: view, members });
    inAStack.add(view);
    for (const member of members) inAStack.add(member);
  }
  const others = views.filter((view) => !inAStack.has(view));
  return others.length > 0 ? [...stacks, { members: others }] : stacks;
}

function credentialItem(item: CarriedView, language: Language, t: Translate): SafeHtml {
  const name = item.view.achievement.name ?? t('credential.unnamed');
  return html`<div class="transcript-credential">
    <p>
      ${
        item.href
          ? html`<a href="${item.href}"
              >${ownText('strong', item.view.achievement.language, name)}</a
            >`
          : ownText('strong', item.view.achievement.language, name)
      }
      ${
        item.view.issuer.name
          ? html`<span class="hint"
              >${t('constituent.issuedBy', { issuer: item.view.issuer.name })}</span
            >`
          : ''
      }
    </p>
    ${renderVerdict(
      item.verdict,
      t,
      explainVerdict(item.verdict, item.report, item.view.validUntil, language, t),
      { compact: true, label: t('transcript.credentialVerdict', { name }) },
    )}
  </div>`;
}

function stackSection(stack: Stack, index: number, language: Language, t: Translate): SafeHtml {
  const headingId = `stack-${index + 1}`;
  if (!stack.tier) {
    return html`<section class="card" aria-labelledby="${headingId}">
      <h2 id="${headingId}">${t('transcript.others')}</h2>
      <ul class="constituents">
        ${stack.members.map((member) => html`<li>${credentialItem(member, language, t)}</li>`)}
      </ul>
    </section>`;
  }
  return html`<section
    class="card"
    aria-labelledby="${headingId}"
    data-stack="${stack.tier.uuid ?? ''}"
  >
    <h2 id="${headingId}">
      ${t('transcript.stack', { name: stack.tier.view.achievement.name ?? t('credential.unnamed') })}
    </h2>
    ${credentialItem(stack.tier, language, t)}
    <h3>${t('section.constituents')}</h3>
    ${
      stack.members.length > 0
        ? html`<ul class="constituents">
            ${stack.members.map((member) => html`<li>${credentialItem(member, language, t)}</li>`)}
          </ul>`
        : html`<p class="hint">${t('transcript.constituentsElsewhere')}</p>`
    }
  </section>`;
}

/** The transcript page: its own check first, then every stack and credential with its own. */
export function renderTranscriptPage(input: TranscriptPageInput, language: Language): string {
  const t = translate(language);
  const { transcript } = input;
  const verdict = verdictOf(input.report, input.state);
  const issuer = readCredentialView(transcript).issuer;
  const name = typeof transcript.name === 'string' ? transcript.name : t('transcript.kind');
  const views = input.carried.map((entry) => carriedView(entry, input));
  const own = `${input.basePath}/t/${input.uuid}`;
  const main = html`<article>
    <header class="card credential-head">
      <div>
        <p class="eyebrow">${t('transcript.kind')}</p>
        <h1>${name}</h1>
        ${issuer.name ? html`<p class="issued-by">${t('credential.issuedBy', { issuer: issuer.name })}</p>` : ''}
        <p>${t('transcript.count', { count: views.length })}</p>
        ${transcript.partial === true ? html`<p class="hint">${t('transcript.partial')}</p>` : ''}
      </div>
    </header>
    ${renderVerdict(verdict, t, explainVerdict(verdict, input.report, undefined, language, t), {
      label: t('transcript.verdict'),
    })}
    ${stacksOf(views).map((stack, index) => stackSection(stack, index, language, t))}
    <section class="card" aria-labelledby="checks">
      <h2 id="checks">${t('transcript.checks')}</h2>
      ${renderChecks(input.report, language, t)}
      <p class="hint">
        ${t('verdict.checkedAt', { time: formatDateTime(input.checkedAt.toISOString(), language) })}
      </p>
      <p>
        ${t('share.linkLabel')}<br />
        <a class="page-link" href="${input.pageUrl}">${input.pageUrl}</a>
      </p>
      <p>
        <a href="${input.basePath}/credentials/${input.uuid}" download
          >${t('transcript.download')}</a
        >
      </p>
    </section>
  </article>`;
  return renderPage({
    language,
    t,
    title: t('transcript.pageTitle', { name }),
    basePath: input.basePath,
    languagePath: own,
    head: html`<link
      rel="alternate"
      type="application/vc"
      href="${input.basePath}/credentials/${input.uuid}"
    />`,
    main,
  });
}
