// Partner metrics: what this issuer's credentials did over a period, as charts drawn on the
// server with the same numbers in a table beside each, every table downloadable as CSV; and the
// partner groups it belongs to, each partner's numbers side by side.
import type { LocalizedText } from '../../catalog/catalogTypes.js';
import {
  COUNT_NAMES,
  type CountName,
  type Counts,
  type IssuerMetrics,
  type PartnerGroupMetrics,
  type SkillMapCell,
  type TierFunnel,
} from '../../partnerMetrics/metricsModel.js';
import { html, type SafeHtml } from '../html.js';
import type { Language } from '../i18n/languages.js';
import { errorSummary, inputField } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { renderConsolePage, type SignedInFrame } from './layout.js';
import { barChart, lineChart } from './svgCharts.js';
import { tableScroll } from './tableScroll.js';

export interface MetricsPageModel {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  /** The period as asked, to show in the form again. */
  fields: { from: string; to: string };
  fieldErrors: Partial<Record<'from' | 'to', string>>;
  /** Absent when the period asked was refused. */
  metrics?: IssuerMetrics;
  groups: PartnerGroupMetrics[];
}

interface View {
  t: ConsoleTranslate;
  language: Language;
  number: (value: number) => string;
  nameOf: (name: LocalizedText, achievement: string | null) => string;
  csvHref: (part: string) => string;
}

const countLabel = (t: ConsoleTranslate, name: CountName) => t(`count.${name}`);

function countsHead(t: ConsoleTranslate, first: string): SafeHtml {
  return html`<thead>
    <tr>
      <th scope="col">${first}</th>
      ${COUNT_NAMES.map((name) => html`<th scope="col" class="num">${countLabel(t, name)}</th>`)}
    </tr>
  </thead>`;
}

const countCells = (view: View, counts: Counts): SafeHtml =>
  html`${COUNT_NAMES.map((name) => html`<td class="num">${view.number(counts[name])}</td>`)}`;

interface CountsTable {
  /** The data-table name tests and styles find it by. */
  name: string;
  /** Heads the first column: what each row is. */
  rowHead: string;
  rows: readonly { label: string; counts: Counts }[];
  total: { label: string; counts: Counts };
  caption?: string;
}

/** All eight counts, a row per thing and a total row below. */
function countsTable(view: View, table: CountsTable): SafeHtml {
  return html` <table class="console-table" data-table="${table.name}">
    ${
      table.caption === undefined
        ? ''
        : html`<caption class="visually-hidden">
            ${table.caption}
          </caption>`
    }
    ${countsHead(view.t, table.rowHead)}
    <tbody>
      ${table.rows.map(
        (row) =>
          html`<tr>
            <th scope="row">${row.label}</th>
            ${countCells(view, row.counts)}
          </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row">${table.total.label}</th>
        ${countCells(view, table.total.counts)}
      </tr>
    </tfoot>
  </table>`;
}

const csvLink = (view: View, part: string): SafeHtml =>
  html`<p>
    <a class="download" href="${view.csvHref(part)}" download>${view.t('metrics.csv')}</a>
  </p>`;

function totals(view: View, metrics: IssuerMetrics): SafeHtml {
  return html`<section class="card" aria-labelledby="totals">
    <h2 id="totals">${view.t('metrics.totals')}</h2>
    <dl class="metric-totals">
      ${COUNT_NAMES.map(
        (name) =>
          html`<div>
            <dt>${countLabel(view.t, name)}</dt>
            <dd data-count="${name}">${view.number(metrics.totals[name])}</dd>
          </div>`,
      )}
    </dl>
  </section>`;
}

function perAchievement(view: View, metrics: IssuerMetrics): SafeHtml {
  const { t } = view;
  const rows = metrics.achievements.map((row) => ({
    label: view.nameOf(row.name, row.achievement),
    row,
  }));
  return html`<section class="card" aria-labelledby="per-achievement">
    <h2 id="per-achievement">${t('metrics.byAchievement')}</h2>
    ${
      rows.length === 0
        ? html`<p>${t('metrics.nothing')}</p>`
        : html`${barChart({
            id: 'issued-chart',
            title: t('metrics.issuedChart'),
            summary: t('metrics.issuedSummary', {
              total: view.number(metrics.totals.issued),
              count: view.number(rows.length),
            }),
            bars: rows.map(({ label, row }) => ({ label, value: row.issued })),
            format: view.number,
          })}
          ${tableScroll(
            t('metrics.byAchievement'),
            countsTable(view, {
              name: 'counts',
              caption: t('metrics.byAchievement'),
              rowHead: t('metrics.achievement'),
              rows: rows.map(({ label, row }) => ({ label, counts: row })),
              total: { label: t('metrics.totals'), counts: metrics.totals },
            }),
          )}`
    }
    ${csvLink(view, 'counts')}
  </section>`;
}

const DAILY_SERIES = ['issued', 'pageViews', 'verifications'] as const;

function daily(view: View, metrics: IssuerMetrics): SafeHtml {
  const { t } = view;
  const max = Math.max(0, ...metrics.daily.flatMap((day) => DAILY_SERIES.map((name) => day[name])));
  return html`<section class="card" aria-labelledby="daily">
    <h2 id="daily">${t('metrics.daily')}</h2>
    ${lineChart({
      id: 'daily-chart',
      title: t('metrics.dailyChart'),
      summary: t('metrics.dailySummary', {
        days: view.number(metrics.daily.length),
        from: metrics.period.from,
        to: metrics.period.to,
        max: view.number(max),
      }),
      points: metrics.daily.map((day) => day.day),
      series: DAILY_SERIES.map((name) => ({
        name: countLabel(t, name),
        values: metrics.daily.map((day) => day[name]),
      })),
      format: view.number,
    })}
    <details>
      <summary>${t('metrics.dailyTable')}</summary>
      ${tableScroll(
        t('metrics.dailyTable'),
        html` <table class="console-table" data-table="daily">
          <thead>
            <tr>
              <th scope="col">${t('metrics.day')}</th>
              ${DAILY_SERIES.map(
                (name) => html`<th scope="col" class="num">${countLabel(t, name)}</th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${metrics.daily.map(
              (day) =>
                html`<tr>
                  <th scope="row">${day.day}</th>
                  ${DAILY_SERIES.map((name) => html`<td class="num">${view.number(day[name])}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>`,
      )}
    </details>
    ${csvLink(view, 'daily')}
  </section>`;
}

function funnel(view: View, item: TierFunnel, index: number): SafeHtml {
  const { t } = view;
  const tiers = item.tiers.map((tier) => view.nameOf(tier.name, tier.achievement)).join(', ');
  const total = item.parts.length;
  const step = (parts: number) =>
    t('metrics.funnelStep', { parts: view.number(parts), total: view.number(total) });
  return html`<article class="funnel" aria-labelledby="funnel-${index}">
    <h3 id="funnel-${index}">${tiers}</h3>
    <p class="hint">
      ${item.parts.map((part) => view.nameOf(part.name, part.achievement)).join(' · ')}
    </p>
    ${barChart({
      id: `funnel-chart-${index}`,
      title: t('metrics.funnelChart', { tiers }),
      summary: t('metrics.funnelSummary', {
        first: view.number(item.steps[0]?.learners ?? 0),
        last: view.number(item.steps.at(-1)?.learners ?? 0),
        parts: view.number(total),
      }),
      bars: item.steps.map((each) => ({ label: step(each.parts), value: each.learners })),
      format: view.number,
    })}
    ${tableScroll(
      t('metrics.funnelChart', { tiers }),
      html` <table class="console-table" data-table="funnel">
        <thead>
          <tr>
            <th scope="col">${t('metrics.parts')}</th>
            <th scope="col" class="num">${t('metrics.learners')}</th>
          </tr>
        </thead>
        <tbody>
          ${item.steps.map(
            (each) =>
              html`<tr>
                <th scope="row">${step(each.parts)}</th>
                <td class="num">${view.number(each.learners)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}
  </article>`;
}

function funnels(view: View, metrics: IssuerMetrics, issuer: string): SafeHtml {
  const { t } = view;
  const tiers = metrics.funnels
    .flatMap((item) => item.tiers.map((tier) => view.nameOf(tier.name, tier.achievement)))
    .join(', ');
  return html`<section class="card" aria-labelledby="funnels">
    <h2 id="funnels">${t('metrics.funnels')}</h2>
    ${
      metrics.funnels.length === 0
        ? html`<p>${t('metrics.noFunnels', { issuer })}</p>`
        : html`<p>${t('metrics.funnelIntro', { tiers })}</p>
            ${metrics.funnels.map((item, index) => funnel(view, item, index))}
            ${csvLink(view, 'funnel')}`
    }
  </section>`;
}

/** Achievements down, tag values across ('' last, as "not given"). */
function skillTable(view: View, caption: string, cells: readonly SkillMapCell[]): SafeHtml {
  const { t } = view;
  const tags = [...new Set(cells.map((cell) => cell.tag))].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : a.localeCompare(b),
  );
  const rows = new Map<string, { label: string; byTag: Map<string, number> }>();
  for (const cell of cells) {
    const label = view.nameOf(cell.name, cell.achievement);
    const key = cell.achievement ?? `inline:${label}`;
    const row = rows.get(key) ?? { label, byTag: new Map<string, number>() };
    row.byTag.set(cell.tag, (row.byTag.get(cell.tag) ?? 0) + cell.learners);
    rows.set(key, row);
  }
  return html`${tableScroll(
    caption,
    html` <table class="console-table" data-table="skills">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('metrics.achievement')}</th>
          ${tags.map(
            (tag) =>
              html`<th scope="col" class="num">${tag === '' ? t('metrics.untagged') : tag}</th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${[...rows.values()].map(
          (row) =>
            html`<tr>
              <th scope="row">${row.label}</th>
              ${tags.map((tag) => html`<td class="num">${view.number(row.byTag.get(tag) ?? 0)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`,
  )}`;
}

function skillMap(view: View, metrics: IssuerMetrics, issuer: string): SafeHtml {
  const { t } = view;
  const { cohort, region } = metrics.skillMap;
  return html`<section class="card" aria-labelledby="skills">
    <h2 id="skills">${t('metrics.skillMap')}</h2>
    ${
      cohort.length === 0
        ? html`<p>${t('metrics.noSkills', { issuer })}</p>`
        : html`<p>${t('metrics.skillIntro')}</p>
            ${skillTable(view, t('metrics.byCohort'), cohort)}
            ${skillTable(view, t('metrics.byRegion'), region)} ${csvLink(view, 'skills')}`
    }
  </section>`;
}

function group(view: View, item: PartnerGroupMetrics, basePath: string): SafeHtml {
  const { t } = view;
  const id = `group-${item.group.id}`;
  const period = `from=${item.period.from}&to=${item.period.to}`;
  return html`<article aria-labelledby="${id}">
    <h3 id="${id}">${item.group.name}</h3>
    ${barChart({
      id: `${id}-chart`,
      title: t('metrics.groupChart', { group: item.group.name }),
      summary: t('metrics.groupSummary', {
        partners: view.number(item.partners.length),
        total: view.number(item.totals.issued),
      }),
      bars: item.partners.map((partner) => ({
        label: partner.issuer.name,
        value: partner.totals.issued,
      })),
      format: view.number,
    })}
    ${tableScroll(
      item.group.name,
      countsTable(view, {
        name: 'group',
        rowHead: t('metrics.partner'),
        rows: item.partners.map((partner) => ({
          label: partner.issuer.name,
          counts: partner.totals,
        })),
        total: { label: t('metrics.allPartners'), counts: item.totals },
      }),
    )}
    <p>
      <a
        class="download"
        href="${basePath}/console/partner-groups/${item.group.id}/metrics.csv?${period}"
        download
        >${t('metrics.csv')}</a
      >
    </p>
  </article>`;
}

function groups(view: View, model: MetricsPageModel, issuer: string): SafeHtml {
  const { t } = view;
  return html`<section class="card" aria-labelledby="groups">
    <h2 id="groups">${t('metrics.groups')}</h2>
    ${
      model.groups.length === 0
        ? html`<p>${t('metrics.noGroups', { issuer })}</p>`
        : html`<p>${t('metrics.groupIntro', { issuer })}</p>
            ${model.groups.map((item) => group(view, item, model.basePath))}`
    }
  </section>`;
}

export function renderMetricsPage(model: MetricsPageModel): string {
  const { language, basePath, signedIn, metrics } = model;
  const t = consoleTranslate(language);
  const numbers = new Intl.NumberFormat(language);
  const issuer = signedIn.issuerName;
  const view: View = {
    t,
    language,
    number: (value) => numbers.format(value),
    nameOf: (name, achievement) =>
      achievement === null
        ? `${name[language] ?? name.en} (${t('metrics.inline')})`
        : (name[language] ?? name.en),
    csvHref: (part) =>
      `${basePath}/console/metrics.csv?part=${part}&from=${metrics?.period.from ?? ''}&to=${metrics?.period.to ?? ''}`,
  };
  const errors = (['from', 'to'] as const).flatMap((field) => {
    const message = model.fieldErrors[field];
    return message ? [`${t(`metrics.${field}`)}: ${message}`] : [];
  });
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('metrics.title'),
    path: '/console/metrics',
    signedIn,
    section: 'metrics',
    main: html`<h1>${t('metrics.title')}</h1>
      <p>${t('metrics.intro', { issuer })}</p>
      ${errorSummary(t, errors)}
      <form class="card lookup period-form" method="get" action="${basePath}/console/metrics">
        <input type="hidden" name="lang" value="${language}" />
        <div class="field-row">
          ${(['from', 'to'] as const).map((field) => {
            const error = model.fieldErrors[field];
            return inputField({
              id: field,
              label: t(`metrics.${field}`),
              type: 'date',
              value: model.fields[field],
              ...(error ? { error } : {}),
            });
          })}
        </div>
        <p class="hint">${t('metrics.periodHint')}</p>
        <button class="button" type="submit">${t('metrics.show')}</button>
      </form>
      ${
        metrics
          ? html`<p class="period" role="status">
                ${t('metrics.period', { from: metrics.period.from, to: metrics.period.to })}
              </p>
              ${totals(view, metrics)} ${perAchievement(view, metrics)} ${daily(view, metrics)}
              ${funnels(view, metrics, issuer)} ${skillMap(view, metrics, issuer)}
              ${groups(view, model, issuer)}`
          : ''
      }`,
  });
}
