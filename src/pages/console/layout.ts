import { consoleScript, consoleStylesheet, stylesheet } from '../assets.js';
import { html, type SafeHtml } from '../html.js';
import { languageLinks } from '../layout.js';
import type { Language } from '../i18n/languages.js';
import type { ConsoleTranslate } from './i18n/consoleMessages.js';
import type { Role } from '../../core/roles.js';

export type ConsoleSection =
  'home' | 'award' | 'bulk' | 'credentials' | 'learners' | 'catalog' | 'metrics' | 'settings';

/** Who is signed in, as the header shows it. */
export interface SignedInFrame {
  email: string;
  role: Role;
  issuerName: string;
  csrfToken: string;
}

export interface ConsoleFrame {
  language: Language;
  t: ConsoleTranslate;
  title: string;
  /** The PUBLIC_URL path prefix ('' at the root). */
  basePath: string;
  /** This page's path (under basePath, no query), where the language links point. */
  path: string;
  signedIn?: SignedInFrame;
  section?: ConsoleSection;
  /** Extra <head> content, e.g. the progress page's refresh. */
  head?: SafeHtml;
  main: SafeHtml;
}

/** A console path in this page's language: every link and form keeps the language chosen. */
export function consoleHref(basePath: string, path: string, language: Language): string {
  return `${basePath}${path}${path.includes('?') ? '&' : '?'}lang=${language}`;
}

/** A section with `roles` is shown only to those roles (its pages refuse the others anyway). */
const SECTIONS: Array<{ section: ConsoleSection; path: string; roles?: readonly Role[] }> = [
  { section: 'home', path: '/console' },
  { section: 'award', path: '/console/award' },
  { section: 'bulk', path: '/console/bulk' },
  { section: 'credentials', path: '/console/credentials' },
  { section: 'learners', path: '/console/learners' },
  { section: 'catalog', path: '/console/catalog' },
  { section: 'metrics', path: '/console/metrics' },
  { section: 'settings', path: '/console/settings', roles: ['owner'] },
];

function sectionNav(frame: ConsoleFrame): SafeHtml {
  const { t, basePath, language } = frame;
  return html`<nav class="console-nav" aria-label="${t('console.sections')}">
    <ul>
      ${SECTIONS.filter(
        ({ roles }) => !roles || (frame.signedIn && roles.includes(frame.signedIn.role)),
      ).map(
        ({ section, path }) =>
          html`<li>
            <a
              href="${consoleHref(basePath, path, language)}"
              ${section === frame.section ? html`aria-current="page"` : ''}
              >${t(`nav.${section}`)}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

function whoIsSignedIn(frame: ConsoleFrame, signedIn: SignedInFrame): SafeHtml {
  const { t, basePath, language } = frame;
  return html`<div class="signed-in">
    <p>
      ${t('console.signedInAs', {
        email: signedIn.email,
        role: t(`role.${signedIn.role}`),
        issuer: signedIn.issuerName,
      })}
    </p>
    <form method="post" action="${consoleHref(basePath, '/console/sign-out', language)}">
      <input type="hidden" name="csrf" value="${signedIn.csrfToken}" />
      <button class="button button--quiet button--small" type="submit">
        ${t('console.signOut')}
      </button>
    </form>
  </div>`;
}

/** The document around every console page: header, sections when signed in, main. */
export function renderConsolePage(frame: ConsoleFrame): string {
  const { t, basePath } = frame;
  return `<!doctype html>\n${html`<html lang="${frame.language}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>${frame.title} · ${t('console.name')}</title>
      <link rel="stylesheet" href="${basePath}${stylesheet.path}" />
      <link rel="stylesheet" href="${basePath}${consoleStylesheet.path}" />
      <script src="${basePath}${consoleScript.path}" defer></script>
      ${frame.head}
    </head>
    <body class="console">
      <a class="skip" href="#main">${t('console.skip')}</a>
      <header class="site-header">
        <div class="wrap">
          <p class="site-name">${t('console.name')}</p>
          ${languageLinks(frame.t('console.languages'), frame.language, `${frame.basePath}${frame.path}`)}
        </div>
        ${
          frame.signedIn
            ? html`<div class="wrap console-bar">
                ${sectionNav(frame)} ${whoIsSignedIn(frame, frame.signedIn)}
              </div>`
            : ''
        }
      </header>
      <main id="main" class="wrap">${frame.main}</main>
      <footer class="site-footer">
        <div class="wrap"><p>${t('console.footer')}</p></div>
      </footer>
    </body>
  </html>`.toString()}\n`;
}
