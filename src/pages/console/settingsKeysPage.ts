// Settings → API keys (owners only): the issuer's scoped keys with their state, a form to make
// one (name, scopes, an optional last day) and, once made, the key shown this one time.
import { SCOPES, type Scope } from '../../core/scopes.js';
import type { ScopedKeyView } from '../../issuers/apiKeys.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../i18n/dates.js';
import { errorSummary, inputField, shownOnceField } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref } from './layout.js';
import { postForm, settingsPage, type SettingsFrame } from './settingsFrame.js';

/** What the form was sent with, to show again beside what was wrong with it. */
export interface KeyFormValues {
  name?: string;
  scopes?: readonly string[];
  expires?: string;
}

/** Field by field, already in the page's language. */
export type KeyFormErrors = Partial<Record<'name' | 'scopes' | 'expires', string>>;

export interface KeysPageModel extends SettingsFrame {
  keys: ScopedKeyView[];
  values?: KeyFormValues;
  errors?: KeyFormErrors;
}

const PILL: Record<ScopedKeyView['state'], string> = {
  active: 'active',
  expired: 'expired',
  revoked: 'revoked',
};

/** A key stops at an instant; the day shown is the last it works on (UTC). */
const lastDayOf = (expiresAt: string, language: SettingsFrame['language']): string =>
  formatDate(new Date(Date.parse(expiresAt) - 1).toISOString(), language);

function keyRow(frame: SettingsFrame, t: ConsoleTranslate, key: ScopedKeyView): SafeHtml {
  return html`<tr>
    <th scope="row">${key.name}</th>
    <td>
      <ul class="plain-list">
        ${key.scopes.map((scope) => html`<li><code>${scope}</code></li>`)}
      </ul>
    </td>
    <td>${key.lastFour ? html`<code>…${key.lastFour}</code>` : ''}</td>
    <td>${key.expiresAt ? lastDayOf(key.expiresAt, frame.language) : t('keys.never')}</td>
    <td>${formatDate(key.createdAt, frame.language)}</td>
    <td><span class="pill pill--${PILL[key.state]}">${t(`keys.state.${key.state}`)}</span></td>
    <td>
      ${
        key.state === 'active'
          ? postForm(
              frame,
              `/console/settings/keys/${key.id}/revoke`,
              html`<button
                class="button button--quiet button--small"
                type="submit"
                aria-label="${t('keys.revokeLabel', { name: key.name })}"
              >
                ${t('keys.revoke')}
              </button>`,
            )
          : ''
      }
    </td>
  </tr>`;
}

function scopeChoices(t: ConsoleTranslate, chosen: readonly string[], error?: string): SafeHtml {
  return html`<fieldset ${error ? html`aria-describedby="scopes-error"` : ''}>
    <legend>${t('keys.scopes')}</legend>
    ${error ? html`<p class="field-error" id="scopes-error">${error}</p>` : ''}
    ${SCOPES.map(
      (scope: Scope) =>
        html`<div class="choice">
          <input
            type="checkbox"
            id="scope-${scope.replace(':', '-')}"
            name="scopes"
            value="${scope}"
            ${chosen.includes(scope) ? html`checked` : ''}
          />
          <label for="scope-${scope.replace(':', '-')}">${t(`scope.${scope}`)}</label>
        </div>`,
    )}
  </fieldset>`;
}

export function renderKeysPage(model: KeysPageModel): string {
  const t = consoleTranslate(model.language);
  const values = model.values ?? {};
  const errors = model.errors ?? {};
  return settingsPage(
    model,
    'keys',
    t('settings.keys'),
    html`<p>${t('keys.intro')}</p>
      ${
        model.keys.length === 0
          ? html`<p>${t('keys.none')}</p>`
          : html`<div class="table-scroll">
              <table class="console-table">
                <thead>
                  <tr>
                    <th scope="col">${t('keys.name')}</th>
                    <th scope="col">${t('keys.scopes')}</th>
                    <th scope="col">${t('keys.lastFour')}</th>
                    <th scope="col">${t('keys.expires')}</th>
                    <th scope="col">${t('settings.created')}</th>
                    <th scope="col">${t('settings.state')}</th>
                    <th scope="col">${t('settings.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${model.keys.map((key) => keyRow(model, t, key))}
                </tbody>
              </table>
            </div>`
      }
      <section class="card narrow" aria-labelledby="make-key">
        <h2 id="make-key">${t('keys.create')}</h2>
        ${errorSummary(t, Object.values(errors))}
        ${postForm(
          model,
          '/console/settings/keys',
          html`${inputField({
              id: 'name',
              label: t('keys.name'),
              value: values.name ?? '',
              hint: t('keys.nameHint'),
              error: errors.name,
              required: true,
              autocomplete: 'off',
            })}
            ${scopeChoices(t, values.scopes ?? [], errors.scopes)}
            ${inputField({
              id: 'expires',
              label: t('keys.expires'),
              type: 'date',
              value: values.expires ?? '',
              hint: t('keys.expiresHint'),
              error: errors.expires,
            })} <button class="button" type="submit">${t('keys.submit')}</button>`,
        )}
      </section>`,
  );
}

/** The key, this once: only its hash is kept, so the page says to copy it now. */
export function renderKeyMadePage(
  frame: SettingsFrame & { key: ScopedKeyView; apiKey: string },
): string {
  const t = consoleTranslate(frame.language);
  return settingsPage(
    frame,
    'keys',
    t('keys.made.title', { name: frame.key.name }),
    html`<div class="card narrow">
      <p><strong>${t('keys.made.once')}</strong></p>
      ${shownOnceField('made-key', t('keys.made.key'), frame.apiKey)}
      <p>${t('keys.scopes')}: ${frame.key.scopes.join(', ')}</p>
      <p>
        <a href="${consoleHref(frame.basePath, '/console/settings/keys', frame.language)}"
          >${t('keys.back')}</a
        >
      </p>
    </div>`,
  );
}
