import type { CredentialView, EvidenceView, RecipientView, ResultView } from './credentialView.js';
import { html, type HtmlValue, type SafeHtml } from './html.js';
import { formatDateTime } from './i18n/dates.js';
import { messagesOf, type Language } from './i18n/languages.js';
import { isMessageKey, type Translate } from './i18n/messages.js';

export interface DetailsContext {
  language: Language;
  t: Translate;
  /**
   * 2 on the credential page, 3 under the verify page's own section headings, 4 under a
   * presentation's credential.
   */
  headingLevel: 2 | 3 | 4;
  /** Keeps section ids unique when a page shows several credentials (a presentation). */
  idPrefix?: string;
}

export function heading(level: 2 | 3 | 4, id: string, text: string): SafeHtml {
  if (level === 2) return html`<h2 id="${id}">${text}</h2>`;
  return level === 3 ? html`<h3 id="${id}">${text}</h3>` : html`<h4 id="${id}">${text}</h4>`;
}

function section(context: DetailsContext, name: string, title: string, body: SafeHtml): SafeHtml {
  const id = `${context.idPrefix ?? ''}${name}`;
  return html`<section class="card" aria-labelledby="${id}">
    ${heading(context.headingLevel, id, title)} ${body}
  </section>`;
}

type TextElement = 'h1' | 'h3' | 'p' | 'strong' | 'dd';

/**
 * An element holding text the credential states in its own language (its inLanguage), which may
 * differ from the page's: it carries lang="…" when the credential says which.
 */
export function ownText(
  element: TextElement,
  lang: string | undefined,
  content: HtmlValue,
  attributes: Record<string, string> = {},
): SafeHtml {
  const all = { ...attributes, ...(lang ? { lang } : {}) };
  const markup = Object.entries(all).map(([name, value]) => html` ${name}="${value}"`);
  return html`<${element}${markup}>${content}</${element}>`;
}

/** A vocabulary term (a result status or type) in the page's language; unknown terms as given. */
function term(context: DetailsContext, prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  return isMessageKey(messagesOf(context.language), key) ? context.t(key) : value;
}

function resultItem(
  item: ResultView,
  index: number,
  context: DetailsContext,
  lang: string | undefined,
): SafeHtml {
  const { t } = context;
  return html`<li>
    <p>
      ${item.name ? ownText('strong', lang, item.name) : html`<strong>${t('result.untitled', { number: index + 1 })}</strong>`}
      ${item.resultType ? html`<span class="hint">(${term(context, 'result.type.', item.resultType)})</span>` : ''}
    </p>
    <dl class="facts">
      ${
        item.value
          ? html`<dt>${t('result.value')}</dt>
              <dd class="result-value">${item.value}</dd>`
          : ''
      }
      ${
        item.status
          ? html`<dt>${t('result.status')}</dt>
              <dd>${term(context, 'result.status.', item.status)}</dd>`
          : ''
      }
      ${
        item.level
          ? html`<dt>${t('result.level')}</dt>
              ${ownText('dd', lang, item.level)}`
          : ''
      }
    </dl>
  </li>`;
}

export function dateTime(iso: string, language: Language): SafeHtml {
  return html`<time datetime="${iso}">${formatDateTime(iso, language)}</time>`;
}

function recipient(view: RecipientView, t: Translate): SafeHtml {
  switch (view.kind) {
    case 'did':
      return html`<p>${t('recipient.did')} <code>${view.did}</code></p>`;
    case 'identifier':
      if (!view.hashed) {
        return html`<p>${t('recipient.identifier', { type: view.identityType })} ${view.value}</p>`;
      }
      return view.identityType === 'emailAddress'
        ? html`<p><strong>${t('recipient.hashedEmail')}</strong></p>
            <p class="hint">${t('recipient.hashedEmail.note')}</p>`
        : html`<p>${t('recipient.hashedIdentifier', { type: view.identityType })}</p>`;
    case 'unnamed':
      return html`<p>${t('recipient.unnamed')}</p>`;
  }
}

function evidenceItem(item: EvidenceView, index: number, t: Translate): SafeHtml {
  const title = item.name ?? t('evidence.untitled', { number: index + 1 });
  return html`<li>
    <p>
      ${item.url ? html`<a href="${item.url}" rel="noopener noreferrer">${title}</a>` : html`<strong>${title}</strong>`}
      ${item.genre ? html`<span class="hint">(${item.genre})</span>` : ''}
    </p>
    ${item.description ? html`<p class="prose">${item.description}</p>` : ''}
    ${item.narrative ? html`<p class="prose">${item.narrative}</p>` : ''}
  </li>`;
}

/** Description, criteria, recipient, validity, issuer and evidence, as the credential states them. */
export function renderCredentialDetails(view: CredentialView, context: DetailsContext): SafeHtml {
  const { t, language } = context;
  const { achievement, issuer } = view;
  const lang = achievement.language;
  return html`${
    achievement.description
      ? section(
          context,
          'description',
          t('section.description'),
          ownText('p', lang, achievement.description, { class: 'prose' }),
        )
      : ''
  }
  ${
    achievement.criteria || achievement.criteriaUrl
      ? section(
          context,
          'criteria',
          t('section.criteria'),
          html`${achievement.criteria ? ownText('p', lang, achievement.criteria, { class: 'prose' }) : ''}
          ${
            achievement.criteriaUrl
              ? html`<p>
                  <a href="${achievement.criteriaUrl}" rel="noopener noreferrer"
                    >${t('criteria.link')}</a
                  >
                </p>`
              : ''
          }`,
        )
      : ''
  }
  ${
    view.results.length > 0
      ? section(
          context,
          'results',
          t('section.results'),
          html`<ul class="results">
            ${view.results.map((item, index) =>
              resultItem(item, index, context, achievement.language),
            )}
          </ul>`,
        )
      : ''
  }
  ${section(context, 'recipient', t('section.recipient'), recipient(view.recipient, t))}
  ${section(
    context,
    'validity',
    t('section.dates'),
    html`<dl class="facts">
      <dt>${t('dates.validFrom')}</dt>
      <dd>${view.validFrom ? dateTime(view.validFrom, language) : t('dates.unknown')}</dd>
      <dt>${t('dates.validUntil')}</dt>
      <dd>${view.validUntil ? dateTime(view.validUntil, language) : t('dates.noEnd')}</dd>
    </dl>`,
  )}
  ${section(
    context,
    'issuer',
    t('section.issuer'),
    html`<dl class="facts">
      ${
        issuer.name
          ? html`<dt>${t('issuer.name')}</dt>
              <dd>${issuer.name}</dd>`
          : ''
      }
      ${
        issuer.url
          ? html`<dt>${t('issuer.website')}</dt>
              <dd><a href="${issuer.url}" rel="noopener noreferrer">${issuer.url}</a></dd>`
          : ''
      }
      ${
        issuer.id
          ? html`<dt>${t('issuer.identifier')}</dt>
              <dd><code>${issuer.id}</code></dd>`
          : ''
      }
    </dl>`,
  )}
  ${section(
    context,
    'evidence',
    t('section.evidence'),
    view.evidence.length > 0
      ? html`<ul class="evidence">
          ${view.evidence.map((item, index) => evidenceItem(item, index, t))}
        </ul>`
      : html`<p>${t('evidence.none')}</p>`,
  )}`;
}
