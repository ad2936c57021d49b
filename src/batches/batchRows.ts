// A batch file's rows: the columns a row may have, reading them from CSV or JSON, turning one
// into the body of an award, and naming a failed field by the column it came from.
import { parse } from 'csv-parse/sync';
import { ValidationError, type FieldError } from '../core/problems.js';
import type { JsonObject } from '../core/json.js';

export const BATCH_COLUMNS = [
  'recipient',
  'achievement',
  'evidence_name',
  'evidence_narrative',
  'evidence_url',
  'result',
  'lang',
  'valid_until',
  'cohort',
  'region',
] as const;

export type BatchColumn = (typeof BATCH_COLUMNS)[number];
/** One row as given: column values as text, an empty cell the same as a missing one. */
export type BatchRow = Partial<Record<BatchColumn, string>>;

const isColumn = (name: string): name is BatchColumn =>
  (BATCH_COLUMNS as readonly string[]).includes(name);

/** Only cells with something in them, so "" and absent mean the same everywhere after this. */
function filled(row: Record<string, unknown>): BatchRow {
  const out: BatchRow = {};
  for (const [name, value] of Object.entries(row)) {
    if (isColumn(name) && typeof value === 'string' && value.trim() !== '')
      out[name] = value.trim();
  }
  return out;
}

/** The header must name known columns, recipient among them (and achievement without an inline one). */
export function checkColumns(names: readonly string[], inlineAchievement: boolean): void {
  const errors: FieldError[] = [];
  for (const name of names) {
    if (!isColumn(name)) {
      errors.push({
        field: `columns.${name}`,
        message: `is not a batch column (use ${BATCH_COLUMNS.join(', ')})`,
      });
    }
  }
  if (!names.includes('recipient'))
    errors.push({ field: 'columns.recipient', message: 'is required' });
  if (!inlineAchievement && !names.includes('achievement')) {
    errors.push({
      field: 'columns.achievement',
      message: 'is required unless the batch has one inline achievement',
    });
  }
  if (inlineAchievement && names.includes('achievement')) {
    errors.push({
      field: 'columns.achievement',
      message: 'must be left out when the batch has an inline achievement',
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

/** CSV with a header row (UTF-8, a byte-order mark allowed, quoted cells as RFC 4180 has them). */
export function parseCsvRows(text: string): BatchRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw new ValidationError([
      { field: 'file', message: `is not CSV this service can read: ${(error as Error).message}` },
    ]);
  }
  const [header, ...data] = records;
  if (!header) throw new ValidationError([{ field: 'file', message: 'has no header row' }]);
  const names = header.map((name) => name.trim().toLowerCase());
  checkColumns(names, false);
  return data.map((cells) => filled(Object.fromEntries(names.map((n, i) => [n, cells[i]]))));
}

/** JSON rows come validated by the request schema; their columns are checked like a header. */
export function jsonRows(rows: ReadonlyArray<Record<string, string>>, inline: boolean): BatchRow[] {
  checkColumns([...new Set(rows.flatMap((row) => Object.keys(row)))], inline);
  return rows.map(filled);
}

/** The field of an award body a problem names, as the column of the row it came from. */
export function columnOf(field: string): string {
  if (field.startsWith('recipient')) return 'recipient';
  if (field.startsWith('achievement')) return 'achievement';
  if (/^evidence\[\d+\]\.(id|url)/.test(field)) return 'evidence_url';
  if (/^evidence\[\d+\]\.narrative/.test(field)) return 'evidence_narrative';
  if (field.startsWith('evidence')) return 'evidence_name';
  if (field.startsWith('result')) return 'result';
  if (field.startsWith('validUntil')) return 'valid_until';
  if (field.startsWith('lang')) return 'lang';
  if (field.startsWith('cohort')) return 'cohort';
  if (field.startsWith('region')) return 'region';
  return field;
}

function recipientOf(value: string | undefined): { recipient: JsonObject } | { error: FieldError } {
  if (value === undefined) {
    return { error: { field: 'recipient', message: 'is required', code: 'required', params: {} } };
  }
  if (value.startsWith('did:')) return { recipient: { did: value } };
  if (value.includes('@')) return { recipient: { email: value } };
  return {
    error: {
      field: 'recipient',
      message: 'must be an e-mail address or a DID',
      code: 'recipient-kind',
      params: {},
    },
  };
}

/** The award-create body a row asks for; field errors for what cannot even be put into one. */
export function awardBodyOf(
  row: BatchRow,
  inlineAchievement: JsonObject | undefined,
): { body: JsonObject } | { errors: FieldError[] } {
  const given = recipientOf(row.recipient);
  if ('error' in given) return { errors: [given.error] };
  const { recipient } = given;
  const achievement = inlineAchievement ?? row.achievement;
  if (achievement === undefined) {
    return {
      errors: [{ field: 'achievement', message: 'is required', code: 'required', params: {} }],
    };
  }
  const evidence: JsonObject = {
    ...(row.evidence_name ? { name: row.evidence_name } : {}),
    ...(row.evidence_narrative ? { narrative: row.evidence_narrative } : {}),
    ...(row.evidence_url ? { id: row.evidence_url } : {}),
  };
  const body: JsonObject = {
    achievement,
    recipient,
    ...(Object.keys(evidence).length > 0 ? { evidence: [evidence] } : {}),
    ...(row.result ? { result: [{ value: row.result }] } : {}),
    ...(row.lang ? { lang: row.lang } : {}),
    ...(row.valid_until ? { validUntil: row.valid_until } : {}),
    ...(row.cohort ? { cohort: row.cohort } : {}),
    ...(row.region ? { region: row.region } : {}),
  };
  return { body };
}

/** Who a row awards what to: two rows with the same answer would award the same thing twice. */
export function recipientKeyOf(row: BatchRow): string | undefined {
  if (!row.recipient) return undefined;
  const recipient = row.recipient.startsWith('did:') ? row.recipient : row.recipient.toLowerCase();
  return `${recipient}\u0000${row.achievement ?? ''}`;
}

/** For each row that repeats an earlier one's recipient and achievement, that earlier row's number. */
export function duplicateRows(rows: readonly BatchRow[]): Map<number, number> {
  const first = new Map<string, number>();
  const duplicates = new Map<number, number>();
  rows.forEach((row, index) => {
    const key = recipientKeyOf(row);
    if (key === undefined) return;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index + 1);
    else duplicates.set(index + 1, earlier);
  });
  return duplicates;
}
