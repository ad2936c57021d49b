// Your passkeys: the signed-in member's passkeys (name, when added, when last used), a form to
// add one and a button to remove each. Adding needs the browser's passkey dialog, so that form
// shows only where the passkey script runs; without it the page says so and lists what is there.
import type { PasskeyEntry } from '../../accounts/consolePasskeys.js';
import { html, type SafeHtml } from '../html.js';
import { formatDateTime } from '../i18n/dates.js';
import type { Language } from '../i18n/languages.js';
import { csrfField, errorSummary, inputField, passkeyForm } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage, type SignedInFrame } from './layout.js';

export type PasskeysNotice = 'added' | 'removed';

/** Field by field, already in the page's language. */
export type PasskeyFormErrors = Partial<Record<'name' | 'response', string>>;

export interface PasskeysPageModel {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  passkeys: PasskeyEntry[];
  /** The bundled passkey script's path (content-versioned). */
  scriptPath: string;
  notice?: PasskeysNotice;
  name?: string;
  errors?: PasskeyFormErrors;
}

function passkeyRow(model: PasskeysPageModel, t: ConsoleTranslate, passkey: PasskeyEntry) {
  const { basePath, language } = model;
  return html`<tr>
    <th scope="row">${passkey.name}</th>
    <td>${formatDateTime(passkey.createdAt, language)}</td>
    <td>
      ${passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt, language) : t('passkeys.notUsed')}
    </td>
    <td>
      <form
        method="post"
        action="${consoleHref(
          basePath,
          `/console/passkeys/${encodeURIComponent(passkey.id)}/remove`,
          language,
        )}"
      >
        ${csrfField(model.signedIn.csrfToken)}
        <button
          class="button button--quiet button--small"
          type="submit"
          aria-label="${t('passkeys.removeLabel', { name: passkey.name })}"
        >
          ${t('passkeys.remove')}
        </button>
      </form>
    </td>
  </tr>`;
}

function passkeyTable(model: PasskeysPageModel, t: ConsoleTranslate): SafeHtml {
  if (model.passkeys.length === 0) return html`<p>${t('passkeys.none')}</p>`;
  return html`<div class="table-scroll">
    <table class="console-table">
      <thead>
        <tr>
          <th scope="col">${t('passkeys.name')}</th>
          <th scope="col">${t('passkeys.added')}</th>
          <th scope="col">${t('passkeys.lastUsed')}</th>
          <th scope="col">${t('settings.actions')}</th>
        </tr>
      </thead>
      <tbody>
        ${model.passkeys.map((passkey) => passkeyRow(model, t, passkey))}
      </tbody>
    </table>
  </div>`;
}

function addForm(model: PasskeysPageModel, t: ConsoleTranslate): SafeHtml {
  const { basePath, language } = model;
  const errors = model.errors ?? {};
  return html`<section class="card narrow" aria-labelledby="add-passkey">
    <h2 id="add-passkey">${t('passkeys.add')}</h2>
    ${errorSummary(t, Object.values(errors))}
    <p data-passkey-unsupported>${t('passkeys.unsupported')}</p>
    ${passkeyForm({
      mode: 'register',
      action: consoleHref(basePath, '/console/passkeys', language),
      optionsUrl: consoleHref(basePath, '/console/passkeys/options', language),
      cancelled: t('passkeys.cancelled'),
      failed: t('passkeys.failed'),
      csrfToken: model.signedIn.csrfToken,
      content: inputField({
        id: 'name',
        label: t('passkeys.name'),
        value: model.name ?? '',
        hint: t('passkeys.nameHint'),
        error: errors.name,
        required: true,
        autocomplete: 'off',
      }),
      submitLabel: t('passkeys.submit'),
      submitClass: 'button',
    })}
  </section>`;
}

export function renderPasskeysPage(model: PasskeysPageModel): string {
  const t = consoleTranslate(model.language);
  const { basePath, language } = model;
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('passkeys.title'),
    path: '/console/passkeys',
    signedIn: model.signedIn,
    head: html`<script type="module" src="${basePath}${model.scriptPath}"></script>`,
    main: html`<h1>${t('passkeys.title')}</h1>
      ${
        model.notice
          ? html`<p class="card notice" role="status">${t(`passkeys.notice.${model.notice}`)}</p>`
          : ''
      }
      <p>${t('passkeys.intro')}</p>
      ${passkeyTable(model, t)} ${addForm(model, t)}`,
  });
}
