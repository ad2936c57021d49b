// Partner metrics as CSV, one table per file: the counts per achievement (with a total row), the
// daily series, the tier funnels, the skill map, and a partner group side by side.
import { stringify } from 'csv-stringify/sync';
import {
  COUNT_NAMES,
  type Counts,
  type IssuerMetrics,
  type PartnerGroupMetrics,
} from './metricsModel.js';

export const CSV_PARTS = ['counts', 'daily', 'funnel', 'skills'] as const;
export type CsvPart = (typeof CSV_PARTS)[number];
export const isCsvPart = (value: string): value is CsvPart =>
  (CSV_PARTS as readonly string[]).includes(value);

/** emailsDelivered → emails_delivered: CSV headers in the batch files' style. */
const column = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COUNT_COLUMNS = COUNT_NAMES.map(column);
const countCells = (counts: Counts): number[] => COUNT_NAMES.map((name) => counts[name]);

export function issuerMetricsCsv(metrics: IssuerMetrics, part: CsvPart = 'counts'): string {
  const { issuer, period } = metrics;
  const lead = [issuer.slug, period.from, period.to];
  const leadColumns = ['issuer', 'from', 'to'];
  switch (part) {
    case 'counts':
      return stringify(
        [
          ...metrics.achievements.map((row) => [
            ...lead,
            row.achievement ?? '',
            row.name.en,
            ...countCells(row),
          ]),
          [...lead, 'total', '', ...countCells(metrics.totals)],
        ],
        { header: true, columns: [...leadColumns, 'achievement', 'name', ...COUNT_COLUMNS] },
      );
    case 'daily':
      return stringify(
        metrics.daily.map((day) => [
          issuer.slug,
          day.day,
          day.issued,
          day.pageViews,
          day.verifications,
        ]),
        { header: true, columns: ['issuer', 'day', 'issued', 'page_views', 'verifications'] },
      );
    case 'funnel':
      return stringify(
        metrics.funnels.flatMap((funnel) =>
          funnel.steps.map((step) => [
            ...lead,
            funnel.tiers.map((tier) => tier.achievement).join(' '),
            funnel.parts.map((p) => p.achievement).join(' '),
            step.parts,
            step.learners,
          ]),
        ),
        {
          header: true,
          columns: [...leadColumns, 'tiers', 'parts', 'at_least_parts', 'learners'],
        },
      );
    case 'skills':
      return stringify(
        (['cohort', 'region'] as const).flatMap((tag) =>
          metrics.skillMap[tag].map((cell) => [
            ...lead,
            cell.achievement ?? '',
            cell.name.en,
            tag,
            cell.tag,
            cell.learners,
          ]),
        ),
        {
          header: true,
          columns: [...leadColumns, 'achievement', 'name', 'tag', 'value', 'learners'],
        },
      );
  }
}

/** One line per partner and one for the group, the counts side by side. */
export function groupMetricsCsv(metrics: PartnerGroupMetrics): string {
  const { group, period } = metrics;
  return stringify(
    [
      ...metrics.partners.map((partner) => [
        group.id,
        period.from,
        period.to,
        partner.issuer.slug,
        partner.issuer.name,
        ...countCells(partner.totals),
      ]),
      [group.id, period.from, period.to, 'total', group.name, ...countCells(metrics.totals)],
    ],
    {
      header: true,
      columns: ['group', 'from', 'to', 'issuer', 'name', ...COUNT_COLUMNS],
    },
  );
}
