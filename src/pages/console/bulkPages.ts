// Bulk: upload or paste a CSV, see every row's verdict with each bad cell explained, fix and
// check again or confirm, then follow the batch until it is done and download its results.
import { BATCH_COLUMNS, type BatchRow } from '../../batches/batchRows.js';
import type { DryRun } from '../../batches/batchService.js';
import type { BatchView } from '../../batches/batchView.js';
import type { FieldError } from '../../core/problems.js';
import { html, type SafeHtml } from '../html.js';
import { formatDateTime } from '../i18n/dates.js';
import type { Language } from '../i18n/languages.js';
import type { AchievementChoice } from './awardPage.js';
import { columnLabel, csrfField, errorSummary, fieldErrorText } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage, type SignedInFrame } from './layout.js';

interface BulkFrame {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
}

/** The columns the check table shows; an error on any other column is explained in its row. */
const SHOWN_COLUMNS = ['recipient', 'achievement', 'evidence_name', 'result', 'lang'] as const;

function csvForm(frame: BulkFrame, t: ConsoleTranslate, csv: string, heading: string): SafeHtml {
  const { language, basePath, signedIn } = frame;
  return html`<form
    class="card"
    method="post"
    enctype="multipart/form-data"
    action="${consoleHref(basePath, '/console/bulk/check', language)}"
  >
    <h2>${heading}</h2>
    ${csrfField(signedIn.csrfToken)}
    <div class="field">
      <label for="file">${t('bulk.file')}</label>
      <input id="file" name="file" type="file" accept=".csv,text/csv" />
    </div>
    <div class="field">
      <label for="csv">${t('bulk.paste')}</label>
      <p class="hint" id="csv-hint">
        ${t('bulk.pasteHint', { columns: BATCH_COLUMNS.join(', ') })}
      </p>
      <textarea id="csv" name="csv" rows="8" aria-describedby="csv-hint">${csv}</textarea>
    </div>
    <button class="button" type="submit">${t('bulk.check')}</button>
  </form>`;
}

export interface BulkUploadModel extends BulkFrame {
  achievements: AchievementChoice[];
  /** Why the last upload could not be read (no rows, a bad header). */
  problems?: FieldError[];
  csv?: string;
}

export function renderBulkUploadPage(model: BulkUploadModel, status = 200) {
  const t = consoleTranslate(model.language);
  const { language, basePath } = model;
  const body = renderConsolePage({
    language,
    t,
    basePath,
    title: t('nav.bulk'),
    path: '/console/bulk',
    signedIn: model.signedIn,
    section: 'bulk',
    main: html`<h1>${t('nav.bulk')}</h1>
      ${errorSummary(
        t,
        (model.problems ?? []).map((error) => fieldErrorText(t, error)),
      )}
      <p>${t('bulk.intro')}</p>
      <p>
        <a href="${consoleHref(basePath, '/console/bulk/template.csv', language)}" download
          >${t('bulk.template')}</a
        >
      </p>
      ${csvForm(model, t, model.csv ?? '', t('bulk.upload'))}
      <section class="card" aria-labelledby="keys">
        <h2 id="keys">${t('bulk.keys')}</h2>
        <div class="table-scroll">
          <table class="console-table">
            <thead>
              <tr>
                <th scope="col">${t('bulk.key')}</th>
                <th scope="col">${t('credentials.name')}</th>
              </tr>
            </thead>
            <tbody>
              ${model.achievements.map(
                (a) =>
                  html`<tr>
                    <td><code>${a.key}</code></td>
                    <td>${a.name}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>`,
  });
  return { body, status };
}

export interface BulkCheckModel extends BulkFrame {
  csv: string;
  rows: BatchRow[];
  dryRun: DryRun;
  /** Sent back with the confirmation, so a second click returns the same batch. */
  submission: string;
}

function rowLine(
  t: ConsoleTranslate,
  row: BatchRow,
  number: number,
  errors: readonly FieldError[],
): SafeHtml {
  const bad = new Set(errors.map((error) => error.field));
  return html`<tr class="${errors.length > 0 ? 'row--bad' : 'row--ok'}">
    <th scope="row">${number}</th>
    ${SHOWN_COLUMNS.map(
      (column) =>
        html`<td class="${bad.has(column) ? 'cell--bad' : ''}">
          ${row[column] ?? ''}${
            bad.has(column)
              ? html`<span class="visually-hidden"> (${t('bulk.badCell')})</span>`
              : ''
          }
        </td>`,
    )}
    <td>
      ${
        errors.length === 0
          ? html`<span class="pill pill--active">${t('bulk.ready')}</span>`
          : html`<ul class="cell-errors">
              ${errors.map((error) => html`<li>${fieldErrorText(t, error)}</li>`)}
            </ul>`
      }
    </td>
  </tr>`;
}

export function renderBulkCheckPage(model: BulkCheckModel): string {
  const t = consoleTranslate(model.language);
  const { language, basePath, dryRun, signedIn } = model;
  const errorsOf = new Map(dryRun.rows.map((row) => [row.row, row.errors ?? []]));
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('bulk.checked'),
    path: '/console/bulk',
    signedIn,
    section: 'bulk',
    main: html`<h1>${t('bulk.checked')}</h1>
      <p class="card ${dryRun.invalid > 0 ? 'problem' : 'notice'}" role="status">
        ${t('bulk.summary', { valid: dryRun.valid, total: dryRun.total, invalid: dryRun.invalid })}
      </p>
      <div class="table-scroll">
        <table class="console-table">
          <caption class="visually-hidden">
            ${t('bulk.checked')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${columnLabel(t, 'row')}</th>
              ${SHOWN_COLUMNS.map((column) => html`<th scope="col">${columnLabel(t, column)}</th>`)}
              <th scope="col">${t('bulk.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            ${model.rows.map((row, index) => rowLine(t, row, index + 1, errorsOf.get(index + 1) ?? []))}
          </tbody>
        </table>
      </div>
      ${
        dryRun.valid > 0
          ? html`<form
              class="card"
              method="post"
              action="${consoleHref(basePath, '/console/bulk/confirm', language)}"
            >
              ${csrfField(signedIn.csrfToken)}
              <input type="hidden" name="submission" value="${model.submission}" />
              <input type="hidden" name="csv" value="${model.csv}" />
              <p>
                ${
                  dryRun.invalid > 0
                    ? t('bulk.confirmWithBad', { valid: dryRun.valid, invalid: dryRun.invalid })
                    : t('bulk.confirmAll', { valid: dryRun.valid })
                }
              </p>
              <button class="button" type="submit">
                ${t('bulk.confirm', { valid: dryRun.valid })}
              </button>
            </form>`
          : ''
      }
      ${csvForm(model, t, model.csv, t('bulk.fix'))}`,
  });
}

export interface BulkProgressModel extends BulkFrame {
  batch: BatchView;
}

/** Seconds between refreshes while a batch runs. */
export const PROGRESS_REFRESH_SECONDS = 2;

export function renderBulkProgressPage(model: BulkProgressModel): string {
  const t = consoleTranslate(model.language);
  const { language, basePath, batch, signedIn } = model;
  const finished = batch.done + batch.failed;
  const percent = batch.total === 0 ? 100 : Math.floor((finished / batch.total) * 100);
  const running = batch.state === 'running';
  const path = `/console/bulk/${batch.id}`;
  return renderConsolePage({
    language,
    t,
    basePath,
    title: running ? t('bulk.running') : t('bulk.completed'),
    path,
    signedIn,
    section: 'bulk',
    // Without JavaScript the page reloads itself until the batch is done.
    head: running
      ? html`<meta http-equiv="refresh" content="${PROGRESS_REFRESH_SECONDS}" />`
      : html``,
    main: html`<h1>${running ? t('bulk.running') : t('bulk.completed')}</h1>
      <div class="card" role="status">
        <p>${t('bulk.started', { date: formatDateTime(batch.createdAt, language) })}</p>
        <label for="progress">${t('bulk.percent', { percent })}</label>
        <progress id="progress" max="${batch.total}" value="${finished}">${percent} %</progress>
        <p>${t('bulk.counts', { done: batch.done, failed: batch.failed, total: batch.total })}</p>
        ${
          running
            ? html`<p class="hint">${t('bulk.refreshing')}</p>`
            : html`<p>
                <a
                  class="button"
                  href="${consoleHref(basePath, `${path}/results.csv`, language)}"
                  download
                  >${t('bulk.results')}</a
                >
              </p>`
        }
      </div>
      <div class="table-scroll">
        <table class="console-table">
          <thead>
            <tr>
              <th scope="col">${columnLabel(t, 'row')}</th>
              <th scope="col">${columnLabel(t, 'recipient')}</th>
              <th scope="col">${columnLabel(t, 'achievement')}</th>
              <th scope="col">${t('bulk.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            ${batch.rows.map(
              (row) =>
                html`<tr>
                  <th scope="row">${row.row}</th>
                  <td>${row.recipient ?? ''}</td>
                  <td>${row.achievement ?? ''}</td>
                  <td>
                    ${
                      row.url
                        ? html`<a href="${row.url}?lang=${language}">${t('bulk.row.issued')}</a>`
                        : row.errors
                          ? html`${t('bulk.row.failed')}:
                            ${row.errors.map((error) => fieldErrorText(t, error)).join('; ')}`
                          : t(`bulk.row.${row.state}`)
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  });
}
