// Before a session: the sign-in form, the invitation form, and the page a sign-in limit shows.
import { MIN_PASSWORD_LENGTH } from '../../accounts/passwords.js';
import type { Role } from '../../core/roles.js';
import { html, type SafeHtml } from '../html.js';
import type { Language } from '../i18n/languages.js';
import { formatDateTime } from '../i18n/dates.js';
import { csrfField, errorSummary, inputField, passkeyForm } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage } from './layout.js';

export type SignInNotice =
  'wrong' | 'passkeyFailed' | 'signedOut' | 'signedOutEverywhere' | 'sessionEnded';

export interface SignInModel {
  language: Language;
  basePath: string;
  formToken: string;
  email?: string;
  notice?: SignInNotice;
  /** The bundled passkey script's path (content-versioned). */
  passkeyScriptPath: string;
}

/** Shown only where the passkey script runs: the browser offers this console's passkeys. */
function passkeySignIn(model: SignInModel, t: ConsoleTranslate): SafeHtml {
  const { basePath, language } = model;
  return passkeyForm({
    mode: 'sign-in',
    action: consoleHref(basePath, '/console/sign-in/passkey', language),
    optionsUrl: consoleHref(basePath, '/console/sign-in/passkey-options', language),
    cancelled: t('signIn.passkey.cancelled'),
    failed: t('signIn.passkey.failed'),
    csrfToken: model.formToken,
    content: html`<h2 id="passkey-heading">${t('signIn.passkey.heading')}</h2>
      <p>${t('signIn.passkey.hint')}</p>`,
    submitLabel: t('signIn.passkey.submit'),
    submitClass: 'button button--quiet',
    className: 'card',
    labelledBy: 'passkey-heading',
  });
}

export function renderSignInPage(model: SignInModel): string {
  const { language, basePath } = model;
  const t = consoleTranslate(language);
  const wrong = model.notice === 'wrong' || model.notice === 'passkeyFailed';
  const notice =
    model.notice && !wrong
      ? html`<p class="card notice" role="status">${t(`signIn.${model.notice}`)}</p>`
      : '';
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('signIn.title'),
    path: '/console/sign-in',
    head: html`<script type="module" src="${basePath}${model.passkeyScriptPath}"></script>`,
    main: html`<div class="narrow">
      <h1>${t('signIn.title')}</h1>
      ${notice}
      ${wrong ? errorSummary(t, [t(model.notice === 'wrong' ? 'signIn.wrong' : 'signIn.passkeyFailed')]) : ''}
      <p>${t('signIn.intro')}</p>
      <form
        class="card"
        method="post"
        action="${consoleHref(basePath, '/console/sign-in', language)}"
      >
        ${csrfField(model.formToken)}
        ${inputField({
          id: 'email',
          label: t('field.email'),
          type: 'email',
          value: model.email,
          required: true,
          autocomplete: 'username',
        })}
        ${inputField({
          id: 'password',
          label: t('field.password'),
          type: 'password',
          required: true,
          autocomplete: 'current-password',
        })}
        <button class="button" type="submit">${t('signIn.submit')}</button>
      </form>
      ${passkeySignIn(model, t)}
    </div>`,
  });
}

export interface InvitationModel {
  language: Language;
  basePath: string;
  token: string;
  formToken: string;
  issuerName: string;
  email: string;
  role: Role;
  expiresAt: string;
  /** Why the last attempt was refused. */
  problems?: string[];
}

export function renderInvitationPage(model: InvitationModel): string {
  const { language, basePath } = model;
  const t = consoleTranslate(language);
  const path = `/console/invitations/${encodeURIComponent(model.token)}`;
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('invitation.title', { issuer: model.issuerName }),
    path,
    main: html`<div class="narrow">
      <h1>${t('invitation.title', { issuer: model.issuerName })}</h1>
      ${errorSummary(t, model.problems ?? [])}
      <p>
        ${t('invitation.intro', {
          email: model.email,
          role: t(`role.${model.role}`),
          issuer: model.issuerName,
        })}
      </p>
      <p class="hint">${t(`role.${model.role}.explain`)}</p>
      <p class="hint">
        ${t('invitation.expires', { date: formatDateTime(model.expiresAt, language) })}
      </p>
      <form class="card" method="post" action="${consoleHref(basePath, path, language)}">
        ${csrfField(model.formToken)}
        <input type="hidden" name="username" value="${model.email}" autocomplete="username" />
        ${inputField({
          id: 'password',
          label: t('field.newPassword'),
          type: 'password',
          hint: t('invitation.passwordHint', { min: MIN_PASSWORD_LENGTH }),
          required: true,
          autocomplete: 'new-password',
        })}
        ${inputField({
          id: 'confirm',
          label: t('field.confirmPassword'),
          type: 'password',
          required: true,
          autocomplete: 'new-password',
        })}
        <button class="button" type="submit">${t('invitation.submit')}</button>
      </form>
    </div>`,
  });
}

export interface LimitedModel {
  language: Language;
  basePath: string;
  retryAfterSeconds: number;
  retryAt: string;
}

export function renderSignInLimitedPage(model: LimitedModel): string {
  const { language, basePath } = model;
  const t = consoleTranslate(language);
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('limited.title'),
    path: '/console/sign-in',
    main: html`<div class="narrow card problem">
      <h1>${t('limited.title')}</h1>
      <p>
        ${t('limited.body', {
          minutes: Math.max(1, Math.ceil(model.retryAfterSeconds / 60)),
          time: formatDateTime(model.retryAt, language),
        })}
      </p>
      <p>${t('limited.why')}</p>
    </div>`,
  });
}
