// The frame every Settings page shares (owners only): the tabs, a notice after a change, and
// forms that post with the CSRF field.
import { html, type SafeHtml } from '../html.js';
import type { Language } from '../i18n/languages.js';
import { csrfField } from './forms.js';
import { consoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage, type SignedInFrame } from './layout.js';

export type SettingsTab = 'staff' | 'keys' | 'webhooks' | 'email';
const TABS: Array<{ tab: SettingsTab; path: string }> = [
  { tab: 'staff', path: '/console/settings' },
  { tab: 'keys', path: '/console/settings/keys' },
  { tab: 'webhooks', path: '/console/settings/webhooks' },
  { tab: 'email', path: '/console/settings/email' },
];

export interface SettingsFrame {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  /** A notice after a change, already in the page's language. */
  notice?: string;
}

export function settingsPage(
  frame: SettingsFrame,
  tab: SettingsTab,
  title: string,
  main: SafeHtml,
  /** A page under a tab (one webhook's log) has its own path, for the language links. */
  ownPath?: string,
): string {
  const { language, basePath } = frame;
  const t = consoleTranslate(language);
  const path = ownPath ?? TABS.find((one) => one.tab === tab)?.path ?? '/console/settings';
  return renderConsolePage({
    language,
    t,
    basePath,
    title,
    path,
    signedIn: frame.signedIn,
    section: 'settings',
    main: html`<h1>${t('settings.title')}</h1>
      <nav class="console-nav" aria-label="${t('settings.sections')}">
        <ul>
          ${TABS.map(
            (one) =>
              html`<li>
                <a
                  href="${consoleHref(basePath, one.path, language)}"
                  ${one.tab === tab ? html`aria-current="page"` : ''}
                  >${t(`settings.${one.tab}`)}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      ${frame.notice ? html`<p class="card notice" role="status">${frame.notice}</p>` : ''}
      <h2>${title}</h2>
      ${main}`,
  });
}

export function postForm(frame: SettingsFrame, path: string, body: SafeHtml): SafeHtml {
  return html`<form method="post" action="${consoleHref(frame.basePath, path, frame.language)}">
    ${csrfField(frame.signedIn.csrfToken)} ${body}
  </form>`;
}
