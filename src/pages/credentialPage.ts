import { renderCredentialDetails, dateTime, ownText } from './credentialDetails.js';
import type {
  CredentialPageModel,
  ConstituentLink,
  EndorsementLink,
  StatusSection,
} from './credentialPageModel.js';
import type { Verdict } from './verdict.js';
import { html, type SafeHtml } from './html.js';
import { formatDateTime } from './i18n/dates.js';
import { translate, type Language } from './i18n/languages.js';
import type { Translate } from './i18n/messages.js';
import { renderPage } from './layout.js';
import { explainVerdict, renderChecks, renderVerdict } from './reportView.js';

/** Stands in for markup inside a translated sentence, wherever the language puts it. */
const SLOT = '\u0000';

function withMarkup(sentence: string, markup: SafeHtml): SafeHtml {
  const [before = '', after = ''] = sentence.split(SLOT);
  return html`${before}${markup}${after}`;
}

function statusSection(status: StatusSection, language: Language, t: Translate): SafeHtml {
  return html`<section class="card" aria-labelledby="status">
    <h2 id="status">${t('section.status')}</h2>
    <dl class="facts">
      <dt>${t('status.state')}</dt>
      <dd><span class="pill pill--${status.state}">${t(`status.${status.state}`)}</span></dd>
      ${
        status.reason
          ? html`<dt>${t('status.reason')}</dt>
              <dd>${status.reason}</dd>`
          : ''
      }
      ${
        status.since
          ? html`<dt>${t('status.since')}</dt>
              <dd>${dateTime(status.since, language)}</dd>`
          : ''
      }
    </dl>
  </section>`;
}

function constituentsSection(constituents: ConstituentLink[], t: Translate): SafeHtml {
  return html`<section class="card" aria-labelledby="constituents">
    <h2 id="constituents">${t('section.constituents')}</h2>
    <ul class="constituents">
      ${constituents.map(
        (item) =>
          html`<li>
            <a href="${item.url}">${item.name}</a>
            ${item.issuerName ? html`<span class="hint">${t('constituent.issuedBy', { issuer: item.issuerName })}</span>` : ''}
            ${item.state ? html`<span class="pill pill--${item.state}">${t(`status.${item.state}`)}</span>` : ''}
          </li>`,
      )}
    </ul>
  </section>`;
}

/** The status pill that colours a verdict: green only for verified. */
const VERDICT_PILLS: Record<Verdict, string> = {
  verified: 'active',
  notVerified: 'revoked',
  revoked: 'revoked',
  suspended: 'suspended',
  expired: 'expired',
  unchecked: 'suspended',
};

function endorsementsSection(endorsements: EndorsementLink[], t: Translate): SafeHtml {
  return html`<section class="card" aria-labelledby="endorsements">
    <h2 id="endorsements">${t('section.endorsements')}</h2>
    <ul class="endorsements">
      ${endorsements.map(
        (item) =>
          html`<li class="endorsement" data-verdict="${item.verdict}">
            <strong
              >${t('endorsement.by', {
                endorser: item.endorserName ?? t('endorsement.unnamed'),
              })}</strong
            >
            <span class="hint"
              >${t(
                item.about === 'achievement'
                  ? 'endorsement.aboutAchievement'
                  : 'endorsement.aboutIssuer',
              )}</span
            >
            <span class="pill pill--${VERDICT_PILLS[item.verdict]}"
              >${t(`verdict.${item.verdict}`)}</span
            >
            ${item.comment ? html`<blockquote>${item.comment}</blockquote>` : ''}
            ${item.url ? html`<a href="${item.url}">${t('endorsement.open')}</a>` : ''}
          </li>`,
      )}
    </ul>
  </section>`;
}

function shareSection(model: CredentialPageModel, t: Translate): SafeHtml {
  const { share } = model;
  return html`<section class="card" aria-labelledby="share">
    <h2 id="share">${t('section.share')}</h2>
    <div class="share">
      <figure>
        <img src="${share.qrSvg}" alt="${t('share.qrAlt')}" width="200" height="200" />
        <figcaption>${t('share.qrHelp')}</figcaption>
      </figure>
      <div>
        <p>
          ${t('share.linkLabel')}<br />
          <a id="page-link" class="page-link" href="${share.pageUrl}">${share.pageUrl}</a>
        </p>
        <p class="actions">
          <button
            type="button"
            class="button"
            data-copy="page-link"
            data-status="copy-status"
            data-copied="${t('share.copied')}"
            hidden
          >
            ${t('share.copy')}
          </button>
          <span id="copy-status" class="copy-status" role="status"></span>
        </p>
        ${
          share.linkedIn
            ? html`<p>
                <a class="button button--quiet" href="${share.linkedIn}" rel="noopener noreferrer"
                  >${t('share.linkedIn')}</a
                >
              </p>`
            : ''
        }
      </div>
    </div>
  </section>`;
}

function downloadsSection(model: CredentialPageModel, t: Translate): SafeHtml {
  const { share } = model;
  const links: Array<[string, string]> = [
    [share.download.url, t(share.download.format === 'jwt' ? 'download.jwt' : 'download.json')],
    [share.badgePng, t('download.badgePng')],
    [share.badgeSvg, t('download.badgeSvg')],
    [share.qrPng, t('download.qrPng')],
    [share.qrSvg, t('download.qrSvg')],
    ...(share.credentialQr
      ? ([
          [share.credentialQr.png, t('download.credentialQrPng')],
          [share.credentialQr.svg, t('download.credentialQrSvg')],
        ] as Array<[string, string]>)
      : []),
  ];
  return html`<section class="card" aria-labelledby="downloads">
    <h2 id="downloads">${t('section.downloads')}</h2>
    <ul class="downloads">
      ${links.map(([href, label]) => html`<li><a href="${href}" download>${label}</a></li>`)}
    </ul>
  </section>`;
}

/** "Written in Japanese" when the credential's language is not the page's, in the page's words. */
function writtenIn(tag: string | undefined, language: Language, t: Translate): SafeHtml | '' {
  if (!tag || tag === language) return '';
  let name = tag;
  try {
    name = new Intl.DisplayNames([language], { type: 'language' }).of(tag) ?? tag;
  } catch {
    // A tag ICU cannot name is shown as written.
  }
  return html`<p class="hint credential-language">
    ${t('credential.language', { language: name })}
  </p>`;
}

/** The public page of one credential: what it says, whether it holds, and how to pass it on. */
export function renderCredentialPage(
  model: CredentialPageModel,
  language: Language,
  basePath: string,
): string {
  const t = translate(language);
  const { view } = model;
  const name = view.achievement.name ?? t('credential.unnamed');
  const image = view.achievement.image?.src ?? model.share.badgeSvg;
  const main = html`<article>
    <header class="card credential-head">
      <img src="${image}" alt="" width="128" height="128" referrerpolicy="no-referrer" />
      <div>
        <p class="eyebrow">${t('credential.kind')}</p>
        ${ownText('h1', view.achievement.name ? view.achievement.language : undefined, name)}
        ${writtenIn(view.achievement.language, language, t)}
        ${
          view.issuer.name
            ? html`<p class="issued-by">
                ${
                  view.issuer.url
                    ? withMarkup(
                        t('credential.issuedBy', { issuer: SLOT }),
                        html`<a href="${view.issuer.url}" rel="noopener noreferrer"
                          >${view.issuer.name}</a
                        >`,
                      )
                    : t('credential.issuedBy', { issuer: view.issuer.name })
                }
              </p>`
            : ''
        }
      </div>
    </header>
    ${renderVerdict(
      model.verdict,
      t,
      explainVerdict(model.verdict, model.report, view.validUntil, language, t),
    )}
    <div class="columns">
      <div>
        ${model.status ? statusSection(model.status, language, t) : ''}
        ${model.constituents ? constituentsSection(model.constituents, t) : ''}
        ${model.endorsements ? endorsementsSection(model.endorsements, t) : ''}
        ${renderCredentialDetails(view, { language, t, headingLevel: 2 })}
      </div>
      <div>
        <section class="card" aria-labelledby="checks">
          <h2 id="checks">${t('section.checks')}</h2>
          ${renderChecks(model.report, language, t)}
          <p class="hint">
            ${t('verdict.checkedAt', { time: formatDateTime(model.checkedAt, language) })}
          </p>
        </section>
        ${shareSection(model, t)} ${downloadsSection(model, t)}
      </div>
    </div>
  </article>`;
  return renderPage({
    language,
    t,
    title: t('credential.pageTitle', { name }),
    basePath,
    languagePath: model.share.pagePath,
    head: html`<link rel="alternate" type="application/vc" href="${model.share.download.url}" />`,
    main,
  });
}
