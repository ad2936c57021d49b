import { script, stylesheet } from './assets.js';
import { html, type SafeHtml } from './html.js';
import { LANGUAGES, messagesOf, type Language } from './i18n/languages.js';
import type { Translate } from './i18n/messages.js';

export interface PageFrame {
  language: Language;
  t: Translate;
  title: string;
  /** The PUBLIC_URL path prefix ('' at the root): links stay right behind a path-mounted proxy. */
  basePath: string;
  /** Where the language links point (this page, without a query). */
  languagePath: string;
  /** Extra <head> content, e.g. alternate links. */
  head?: SafeHtml;
  main: SafeHtml;
}

/** Links to this page in each language, the current one marked; public pages and the console share it. */
export function languageLinks(label: string, current: Language, path: string): SafeHtml {
  return html`<nav aria-label="${label}">
    <ul class="languages">
      ${LANGUAGES.map(
        (language) =>
          html`<li>
            <a
              href="${path}?lang=${language}"
              hreflang="${language}"
              lang="${language}"
              ${language === current ? html`aria-current="true"` : ''}
              >${messagesOf(language)['language.name']}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

/** The document around every public page: header with language links, main, footer. */
export function renderPage(frame: PageFrame): string {
  const { t, basePath } = frame;
  return `<!doctype html>\n${html`<html lang="${frame.language}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${frame.title}</title>
      <link rel="stylesheet" href="${basePath}${stylesheet.path}" />
      <script src="${basePath}${script.path}" defer></script>
      ${frame.head}
    </head>
    <body>
      <a class="skip" href="#main">${t('site.skipToContent')}</a>
      <header class="site-header">
        <div class="wrap">
          <p class="site-name">${t('site.name')}</p>
          <ul class="site-nav">
            <li><a href="${basePath}/verify?lang=${frame.language}">${t('site.verifyLink')}</a></li>
          </ul>
          ${languageLinks(frame.t('language.switcher'), frame.language, frame.languagePath)}
        </div>
      </header>
      <main id="main" class="wrap">${frame.main}</main>
      <footer class="site-footer">
        <div class="wrap"><p>${t('site.footer')}</p></div>
      </footer>
    </body>
  </html>`.toString()}\n`;
}
