// What a refused console request shows: a page that says what went wrong and where to go,
// never a JSON problem.
import { html } from '../html.js';
import type { Language } from '../i18n/languages.js';
import { consoleTranslate, type ConsoleKey } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage, type SignedInFrame } from './layout.js';

export type ConsoleErrorKind = 'forbidden' | 'csrf' | 'notFound' | 'refused';

export interface ConsoleErrorModel {
  language: Language;
  basePath: string;
  kind: ConsoleErrorKind;
  /** The use case's own explanation (in English), for a refusal that is not one of ours. */
  detail?: string;
  signedIn?: SignedInFrame;
}

const TITLES: Record<ConsoleErrorKind, ConsoleKey> = {
  forbidden: 'error.forbidden.title',
  csrf: 'error.csrf.title',
  notFound: 'error.notFound.title',
  refused: 'error.refused.title',
};

export function renderConsoleErrorPage(model: ConsoleErrorModel): string {
  const { language, basePath, signedIn } = model;
  const t = consoleTranslate(language);
  const explain =
    model.kind === 'forbidden' && signedIn
      ? t('error.forbidden.body', { role: t(`role.${signedIn.role}`), issuer: signedIn.issuerName })
      : model.kind === 'csrf'
        ? t('error.csrf.body')
        : model.kind === 'notFound'
          ? t('error.notFound.body')
          : t('error.refused.body');
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t(TITLES[model.kind]),
    // A refused POST has no page of its own to reload in another language: home has.
    path: '/console',
    ...(signedIn ? { signedIn } : {}),
    main: html`<div class="narrow card problem">
      <h1>${t(TITLES[model.kind])}</h1>
      <p>${explain}</p>
      ${model.detail ? html`<p class="detail">${model.detail}</p>` : ''}
      <p><a href="${consoleHref(basePath, '/console', language)}">${t('error.home')}</a></p>
    </div>`,
  });
}
