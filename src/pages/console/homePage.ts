// Home: this week's numbers and what failed and needs a person, what this issuer issued lately
// and the batches still running.
import type { BatchView } from '../../batches/batchView.js';
import { COUNT_NAMES, type CountName, type Counts } from '../../partnerMetrics/metricsModel.js';
import type { Period } from '../../partnerMetrics/period.js';
import type { IssuerCredentialItem } from '../../published/issuerCredentials.js';
import { html, type SafeHtml } from '../html.js';
import { formatDateTime } from '../i18n/dates.js';
import type { Language } from '../i18n/languages.js';
import { credentialTable } from './credentialTable.js';
import { csrfField } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage, type SignedInFrame } from './layout.js';

export type BatchSummary = Omit<BatchView, 'rows'>;

/** The partner metrics of the last seven UTC days, today included. */
export interface HomeWeek {
  period: Period;
  totals: Counts;
}

/** A learner e-mail the outbox gave up on. */
export interface FailedEmail {
  /** The credential's UUID. */
  credential: string;
  /** The credential's name, when it is still found. */
  name?: string;
  attempts: number;
  lastError?: string;
}

/** A webhook endpoint with failed deliveries among its latest ones. */
export interface FailingWebhook {
  id: string;
  url: string;
  failed: number;
}

export interface HomeAttention {
  /** Learner e-mails created this week that failed, and the newest few of them. */
  failedEmails: { count: number; shown: FailedEmail[] };
  /** Only for owners (webhooks are theirs to manage): the endpoints with failed deliveries. */
  failingWebhooks?: FailingWebhook[];
}

export interface HomeModel {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  credentials: IssuerCredentialItem[];
  /** Newest first; the viewer role has no batches scope, so sees none. */
  batches?: BatchSummary[];
  week: HomeWeek;
  attention: HomeAttention;
}

/** The week's tiles, in the Metrics page's order: what a week shows, without expiries and renewals. */
const WEEK_COUNTS: readonly CountName[] = COUNT_NAMES.filter(
  (name) => name !== 'expired' && name !== 'renewed',
);

interface View {
  t: ConsoleTranslate;
  language: Language;
  basePath: string;
  number: (value: number) => string;
}

function thisWeek(view: View, week: HomeWeek): SafeHtml {
  const { t, basePath, language } = view;
  const { from, to } = week.period;
  return html`<section class="card" aria-labelledby="week">
    <h2 id="week">${t('home.week')}</h2>
    <p>${t('home.weekPeriod', { from, to })}</p>
    <dl class="metric-totals">
      ${WEEK_COUNTS.map(
        (name) =>
          html`<div>
            <dt>${t(`count.${name}`)}</dt>
            <dd data-count="${name}">${view.number(week.totals[name])}</dd>
          </div>`,
      )}
    </dl>
    <p>
      <a href="${consoleHref(basePath, `/console/metrics?from=${from}&to=${to}`, language)}"
        >${t('home.allMetrics')}</a
      >
    </p>
  </section>`;
}

function failedEmails(view: View, failed: HomeAttention['failedEmails']): SafeHtml {
  const { t, basePath, language } = view;
  return html`<h3 id="failed-emails">${t('home.failedEmails')}</h3>
    <p>${t('home.failedEmailsCount', { count: view.number(failed.count) })}</p>
    <ul class="plain">
      ${failed.shown.map(
        (email) =>
          html`<li>
            <a href="${consoleHref(basePath, `/console/credentials/${email.credential}`, language)}"
              >${email.name ?? email.credential}</a
            >
            — ${t('home.attempts', { attempts: view.number(email.attempts) })}
            ${
              email.lastError === undefined
                ? ''
                : html`<br />${t('home.lastError')} <span class="detail">${email.lastError}</span>`
            }
          </li>`,
      )}
    </ul>
    ${
      failed.count > failed.shown.length
        ? html`<p class="hint">
            ${t('home.failedEmailsMore', { shown: view.number(failed.shown.length) })}
          </p>`
        : ''
    }`;
}

function failingWebhooks(view: View, webhooks: readonly FailingWebhook[]): SafeHtml {
  const { t, basePath, language } = view;
  return html`<h3 id="failing-webhooks">${t('home.failingWebhooks')}</h3>
    <ul class="plain">
      ${webhooks.map(
        (webhook) =>
          html`<li>
            <a
              class="detail"
              href="${consoleHref(basePath, `/console/settings/webhooks/${webhook.id}`, language)}"
              >${webhook.url}</a
            >
            — ${t('home.failedDeliveries', { failed: view.number(webhook.failed) })}
          </li>`,
      )}
    </ul>`;
}

function needsAttention(view: View, attention: HomeAttention): SafeHtml {
  const { t } = view;
  const webhooks = attention.failingWebhooks ?? [];
  const emails = attention.failedEmails.count > 0;
  return html`<section class="card" aria-labelledby="attention">
    <h2 id="attention">${t('home.attention')}</h2>
    ${
      !emails && webhooks.length === 0
        ? html`<p>${t(attention.failingWebhooks ? 'home.nothingFailed' : 'home.noEmailFailed')}</p>`
        : html`${emails ? failedEmails(view, attention.failedEmails) : ''}
          ${webhooks.length > 0 ? failingWebhooks(view, webhooks) : ''}`
    }
  </section>`;
}

export function renderHomePage(model: HomeModel): string {
  const { language, basePath, signedIn } = model;
  const t = consoleTranslate(language);
  const numbers = new Intl.NumberFormat(language);
  const view: View = { t, language, basePath, number: (value) => numbers.format(value) };
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
      ${thisWeek(view, model.week)} ${needsAttention(view, model.attention)}
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
        <p>
          <a href="${consoleHref(basePath, '/console/passkeys', language)}"
            >${t('home.passkeys')}</a
          >
        </p>
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
