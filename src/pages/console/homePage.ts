// Home: what this issuer issued lately and the batches still running.
import type { BatchView } from '../../batches/batchView.js';
import type { IssuerCredentialItem } from '../../published/issuerCredentials.js';
import { html } from '../html.js';
import { formatDateTime } from '../i18n/dates.js';
import type { Language } from '../i18n/languages.js';
import { credentialTable } from './credentialTable.js';
import { csrfField } from './forms.js';
import { consoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage, type SignedInFrame } from './layout.js';

export type BatchSummary = Omit<BatchView, 'rows'>;

export interface HomeModel {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  credentials: IssuerCredentialItem[];
  /** Newest first; the viewer role has no batches scope, so sees none. */
  batches?: BatchSummary[];
}

export function renderHomePage(model: HomeModel): string {
  const { language, basePath, signedIn } = model;
  const t = consoleTranslate(language);
  const running = (model.batches ?? []).filter((batch) => batch.state === 'running');
  const finished = (model.batches ?? []).filter((batch) => batch.state === 'completed').slice(0, 5);
  const batchItem = (batch: BatchSummary) =>
    html`<li>
      <a href="${consoleHref(basePath, `/console/bulk/${batch.id}`, language)}"
        >${t('home.batch', { date: formatDateTime(batch.createdAt, language) })}</a
      >
      — ${t('bulk.counts', { done: batch.done, failed: batch.failed, total: batch.total })}
    </li>`;
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('nav.home'),
    path: '/console',
    signedIn,
    section: 'home',
    main: html`<h1>${signedIn.issuerName}</h1>
      ${
        model.batches
          ? html`<section class="card" aria-labelledby="running">
              <h2 id="running">${t('home.running')}</h2>
              ${
                running.length > 0
                  ? html`<ul>
                      ${running.map(batchItem)}
                    </ul>`
                  : html`<p>${t('home.noneRunning')}</p>`
              }
              ${
                finished.length > 0
                  ? html`<h3>${t('home.finished')}</h3>
                      <ul>
                        ${finished.map(batchItem)}
                      </ul>`
                  : ''
              }
            </section>`
          : ''
      }
      <section class="card" aria-labelledby="recent">
        <h2 id="recent">${t('home.recent')}</h2>
        ${
          model.credentials.length > 0
            ? credentialTable(t, language, basePath, model.credentials, { selectable: false })
            : html`<p>${t('home.noCredentials')}</p>`
        }
        <p>
          <a href="${consoleHref(basePath, '/console/credentials', language)}"
            >${t('home.allCredentials')}</a
          >
        </p>
      </section>
      <section class="card" aria-labelledby="account">
        <h2 id="account">${t('home.account')}</h2>
        <p>${t('home.everywhereHint')}</p>
        <form
          method="post"
          action="${consoleHref(basePath, '/console/sign-out-everywhere', language)}"
        >
          ${csrfField(signedIn.csrfToken)}
          <button class="button button--quiet" type="submit">${t('home.everywhere')}</button>
        </form>
      </section>`,
  });
}
