// Catalog: what this issuer awards. Each achievement with its criteria, each tier's rule as a
// sentence in the page language, and each one's framework levels and endorsements.
import type { Rule } from '../../catalog/rule.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../i18n/dates.js';
import type { Language } from '../i18n/languages.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { renderConsolePage, type SignedInFrame } from './layout.js';
import { durationText, ruleSentence, type NameOf } from './ruleSentence.js';

export interface CatalogMappingLine {
  framework: string;
  code: string;
  level: string;
  state: 'proposed' | 'approved' | 'rejected' | 'withdrawn';
  registrar: string;
}

export interface CatalogEndorsementLine {
  endorser: string;
  url: string;
  createdAt: string;
  state: 'active' | 'suspended' | 'revoked' | 'expired';
}

export interface CatalogEntry {
  key: string;
  name: string;
  kind: 'module' | 'tier';
  criteria: string;
  rule?: Rule;
  prerequisites?: Rule;
  validFor?: string;
  mappings: CatalogMappingLine[];
  endorsements: CatalogEndorsementLine[];
}

export interface CatalogModel {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  entries: CatalogEntry[];
  nameOf: NameOf;
}

function entry(t: ConsoleTranslate, model: CatalogModel, item: CatalogEntry): SafeHtml {
  const { language, nameOf } = model;
  return html`<article class="card catalog-entry" aria-labelledby="a-${item.key}">
    <h3 id="a-${item.key}">${item.name}</h3>
    <dl class="facts">
      <dt>${t('catalog.key')}</dt>
      <dd><code>${item.key}</code></dd>
      ${
        item.rule !== undefined
          ? html`<dt>${t('catalog.rule')}</dt>
              <dd class="rule-sentence">${ruleSentence(item.rule, t, nameOf)}</dd>`
          : ''
      }
      ${
        item.prerequisites !== undefined
          ? html`<dt>${t('catalog.prerequisites')}</dt>
              <dd>${ruleSentence(item.prerequisites, t, nameOf)}</dd>`
          : ''
      }
      <dt>${t('catalog.criteria')}</dt>
      <dd>${item.criteria}</dd>
      ${
        item.validFor
          ? html`<dt>${t('catalog.validFor')}</dt>
              <dd>${durationText(item.validFor, t)}</dd>`
          : ''
      }
      <dt>${t('catalog.mappings')}</dt>
      <dd>
        ${
          item.mappings.length === 0
            ? t('catalog.noMappings')
            : html`<ul class="plain">
                ${item.mappings.map(
                  (m) =>
                    html`<li>
                      ${t('catalog.mapping', {
                        framework: m.framework,
                        code: m.code,
                        level: m.level,
                        state: t(`mapping.${m.state}`),
                        registrar: m.registrar,
                      })}
                    </li>`,
                )}
              </ul>`
        }
      </dd>
      <dt>${t('catalog.endorsements')}</dt>
      <dd>
        ${
          item.endorsements.length === 0
            ? t('catalog.noEndorsements')
            : html`<ul class="plain">
                ${item.endorsements.map(
                  (e) =>
                    html`<li>
                      <a href="${e.url}?lang=${language}"
                        >${t('catalog.endorsement', {
                          endorser: e.endorser,
                          date: formatDate(e.createdAt, language),
                        })}</a
                      >
                      <span class="pill pill--${e.state}">${t(`state.${e.state}`)}</span>
                    </li>`,
                )}
              </ul>`
        }
      </dd>
    </dl>
  </article>`;
}

export function renderCatalogPage(model: CatalogModel): string {
  const { language, basePath, signedIn } = model;
  const t = consoleTranslate(language);
  const issuer = signedIn.issuerName;
  const modules = model.entries.filter((e) => e.kind === 'module');
  const tiers = model.entries.filter((e) => e.kind === 'tier');
  const group = (title: string, entries: CatalogEntry[]) =>
    entries.length === 0
      ? html``
      : html`<h2>${title}</h2>
          ${entries.map((item) => entry(t, model, item))}`;
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('catalog.title'),
    path: '/console/catalog',
    signedIn,
    section: 'catalog',
    main: html`<h1>${t('catalog.title')}</h1>
      ${
        model.entries.length === 0
          ? html`<p class="card">${t('catalog.none', { issuer })}</p>`
          : html`<p>${t('catalog.intro', { issuer })}</p>
              ${group(t('catalog.modules'), modules)} ${group(t('catalog.tiers'), tiers)}`
      }`,
  });
}
