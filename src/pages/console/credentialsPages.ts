// The form that revokes, suspends or reinstates one credential with a reason, and what may be
// done from each state.
import type { Standing, StatusAction } from '../../core/credentialState.js';
import type { IssuerCredentialItem } from '../../published/issuerCredentials.js';
import { html } from '../html.js';
import { formatDate } from '../i18n/dates.js';
import type { Language } from '../i18n/languages.js';
import { csrfField, errorSummary } from './forms.js';
import { consoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage, type SignedInFrame } from './layout.js';

/** What may be done from a state: revocation is final, suspension only if it was signed in. */
export function actionsFrom(state: Standing, suspendable: boolean): StatusAction[] {
  if (state === 'active') return suspendable ? ['revoke', 'suspend'] : ['revoke'];
  if (state === 'suspended') return ['reinstate', 'revoke'];
  return [];
}

export interface StatusFormModel {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  item: IssuerCredentialItem;
  problems?: string[];
  reason?: string;
}

export function renderStatusForm(model: StatusFormModel): string {
  const { language, basePath, signedIn, item } = model;
  const t = consoleTranslate(language);
  const path = `/console/credentials/${item.id}/status`;
  const actions = actionsFrom(item.state, item.suspendable);
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('status.title', { name: item.name }),
    path,
    signedIn,
    section: 'credentials',
    main: html`<div class="narrow">
      <h1>${t('status.title', { name: item.name })}</h1>
      ${errorSummary(t, model.problems ?? [])}
      <dl class="card facts">
        <dt>${t('credentials.issued')}</dt>
        <dd>${formatDate(item.issuedAt, language)}</dd>
        <dt>${t('credentials.state')}</dt>
        <dd><span class="pill pill--${item.state}">${t(`state.${item.state}`)}</span></dd>
        <dt>${t('status.page')}</dt>
        <dd><a href="${item.url}?lang=${language}">${item.url}</a></dd>
      </dl>
      ${
        actions.length === 0
          ? html`<p class="card">${t('status.final')}</p>`
          : html`<form class="card" method="post" action="${consoleHref(basePath, path, language)}">
              ${csrfField(signedIn.csrfToken)}
              <fieldset>
                <legend>${t('status.action')}</legend>
                ${actions.map(
                  (action, index) =>
                    html`<div class="choice">
                      <input
                        type="radio"
                        id="action-${action}"
                        name="action"
                        value="${action}"
                        ${index === 0 ? html`checked` : ''}
                      />
                      <label for="action-${action}">${t(`status.${action}`)}</label>
                      <p class="hint">${t(`status.${action}.explain`)}</p>
                    </div>`,
                )}
              </fieldset>
              <div class="field">
                <label for="reason">${t('status.reason')}</label>
                <p class="hint" id="reason-hint">${t('status.reasonHint')}</p>
                <input
                  id="reason"
                  name="reason"
                  type="text"
                  required
                  maxlength="500"
                  value="${model.reason ?? ''}"
                  aria-describedby="reason-hint"
                />
              </div>
              <button class="button" type="submit">${t('status.submit')}</button>
            </form>`
      }
    </div>`,
  });
}
