// Credentials: search this issuer's credentials (a plain GET form), a page of results, and for
// staff who may change status, one action with a reason on the ones they tick (a POST form).
import type { Standing, StatusAction } from '../../core/credentialState.js';
import type { CredentialPage, IssuerCredentialItem } from '../../published/issuerCredentials.js';
import { html, type SafeHtml } from '../html.js';
import type { Language } from '../i18n/languages.js';
import { credentialTable } from './credentialTable.js';
import { csrfField, errorSummary } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage, type SignedInFrame } from './layout.js';

export const STANDINGS: readonly Standing[] = ['active', 'suspended', 'revoked', 'expired'];
export const SELECTION_ACTIONS: readonly StatusAction[] = ['revoke', 'suspend', 'reinstate'];

/** The search as the form sent it: every field as typed, '' when left empty. */
export interface SearchFields {
  email: string;
  achievement: string;
  batch: string;
  state: string;
  from: string;
  to: string;
}

export const SEARCH_FIELDS = ['email', 'achievement', 'batch', 'state', 'from', 'to'] as const;

/** The search as a query string, empty fields left out (for links and the selection form). */
export function searchQuery(fields: SearchFields, more: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of SEARCH_FIELDS) if (fields[name] !== '') params.set(name, fields[name]);
  for (const [name, value] of Object.entries(more)) params.set(name, value);
  return params.toString();
}

export interface Choice {
  value: string;
  label: string;
}

export interface CredentialSearchModel {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  fields: SearchFields;
  /** Field name → what is wrong with it. */
  fieldErrors: Partial<Record<keyof SearchFields, string>>;
  achievements: Choice[];
  batches: Choice[];
  page: CredentialPage;
  /** Whether this page follows another (a link back to the first is shown). */
  later: boolean;
  /** Whether this staff member may change status (ticks and the action form are shown). */
  mayChange: boolean;
  /** A refused selection form: what was wrong, and the reason as typed. */
  selectionProblems?: string[];
  reason?: string;
  changed?: IssuerCredentialItem;
  done?: { action: StatusAction; changed: number; refused: number };
}

function select(
  id: string,
  label: string,
  choices: readonly Choice[],
  chosen: string,
  anyLabel?: string,
): SafeHtml {
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${id}">
      ${anyLabel !== undefined ? html`<option value="">${anyLabel}</option>` : ''}
      ${choices.map(
        (choice) =>
          html`<option value="${choice.value}" ${choice.value === chosen ? html`selected` : ''}>
            ${choice.label}
          </option>`,
      )}
    </select>
  </div>`;
}

function field(
  id: keyof SearchFields,
  label: string,
  type: 'email' | 'date',
  model: CredentialSearchModel,
  hint?: string,
): SafeHtml {
  const error = model.fieldErrors[id];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return html`<div class="field">
    <label for="${id}">${label}</label>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
    ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
    <input
      id="${id}"
      name="${id}"
      type="${type}"
      value="${model.fields[id]}"
      ${type === 'email' ? html`autocomplete="off"` : ''}
      ${described.length > 0 ? html`aria-describedby="${described.join(' ')}"` : ''}
      ${error ? html`aria-invalid="true"` : ''}
    />
  </div>`;
}

function searchForm(t: ConsoleTranslate, model: CredentialSearchModel): SafeHtml {
  const { basePath, language } = model;
  const states = STANDINGS.map((state) => ({ value: state, label: t(`state.${state}`) }));
  return html`<form
    class="card search-form"
    method="get"
    action="${basePath}/console/credentials"
    role="search"
    aria-labelledby="search-title"
  >
    <h2 id="search-title">${t('search.title')}</h2>
    <input type="hidden" name="lang" value="${language}" />
    ${field('email', t('search.email'), 'email', model, t('search.emailHint'))}
    <div class="field-row">
      ${select('achievement', t('search.achievement'), model.achievements, model.fields.achievement, t('search.any'))}
      ${select('batch', t('search.batch'), model.batches, model.fields.batch, t('search.any'))}
      ${select('state', t('search.state'), states, model.fields.state, t('search.any'))}
    </div>
    <div class="field-row">
      ${field('from', t('search.issuedFrom'), 'date', model)}
      ${field('to', t('search.issuedTo'), 'date', model)}
    </div>
    <p class="actions">
      <button class="button" type="submit">${t('search.submit')}</button>
      <a href="${consoleHref(basePath, '/console/credentials', language)}">${t('search.clear')}</a>
    </p>
  </form>`;
}

function selectionControls(t: ConsoleTranslate, model: CredentialSearchModel): SafeHtml {
  return html`<fieldset class="selection">
    <legend>${t('selection.legend')}</legend>
    <div class="field-row">
      ${select(
        'action',
        t('selection.action'),
        SELECTION_ACTIONS.map((action) => ({ value: action, label: t(`status.${action}`) })),
        'revoke',
      )}
      <div class="field">
        <label for="reason">${t('status.reason')}</label>
        <p class="hint" id="reason-hint">${t('status.reasonHint')}</p>
        <input
          id="reason"
          name="reason"
          type="text"
          required
          maxlength="1000"
          value="${model.reason ?? ''}"
          aria-describedby="reason-hint"
        />
      </div>
    </div>
    <button class="button" type="submit">${t('selection.submit')}</button>
  </fieldset>`;
}

function pager(t: ConsoleTranslate, model: CredentialSearchModel): SafeHtml {
  const { basePath, language, page, later } = model;
  const first = `/console/credentials?${searchQuery(model.fields)}`;
  const next = page.next
    ? `/console/credentials?${searchQuery(model.fields, { after: page.next })}`
    : undefined;
  if (!later && !next) return html``;
  return html`<nav class="pager" aria-label="${t('search.results')}">
    ${later ? html`<a href="${consoleHref(basePath, first, language)}">${t('search.first')}</a>` : ''}
    ${next ? html`<a href="${consoleHref(basePath, next, language)}" rel="next">${t('search.next')}</a>` : ''}
  </nav>`;
}

function results(t: ConsoleTranslate, model: CredentialSearchModel): SafeHtml {
  const { basePath, language, signedIn, page } = model;
  if (page.items.length === 0) return html`<p class="card">${t('search.none')}</p>`;
  const shown = html`<p>${t('search.shown', { count: page.items.length })}</p>`;
  if (!model.mayChange)
    return html`${shown}
    ${credentialTable(t, model.language, model.basePath, model.page.items, { selectable: model.mayChange })}
    ${pager(t, model)}`;
  return html`${shown}
    <form
      method="post"
      action="${consoleHref(basePath, '/console/credentials/selection', language)}"
    >
      ${csrfField(signedIn.csrfToken)}
      <input type="hidden" name="search" value="${searchQuery(model.fields)}" />
      ${errorSummary(t, model.selectionProblems ?? [])}
      ${credentialTable(t, model.language, model.basePath, model.page.items, { selectable: model.mayChange })}
      ${selectionControls(t, model)}
    </form>
    ${pager(t, model)}`;
}

export function renderCredentialSearchPage(model: CredentialSearchModel): string {
  const { language, basePath, signedIn, changed, done } = model;
  const t = consoleTranslate(language);
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('nav.credentials'),
    path: '/console/credentials',
    signedIn,
    section: 'credentials',
    main: html`<h1>${t('nav.credentials')}</h1>
      ${
        changed
          ? html`<p class="card notice" role="status">
              ${t('credentials.changed', { name: changed.name, state: t(`state.${changed.state}`) })}
            </p>`
          : ''
      }
      ${
        done
          ? html`<p class="card notice" role="status">
              ${t('selection.done', {
                action: t(`status.${done.action}`),
                changed: done.changed,
                refused: done.refused,
              })}
            </p>`
          : ''
      }
      ${searchForm(t, model)}
      <h2>${t('search.results')}</h2>
      ${results(t, model)}`,
  });
}
