// The period partner metrics cover: whole UTC days, from and to both included.
import { ProblemError, type FieldError } from '../core/problems.js';

export interface Period {
  /** YYYY-MM-DD */
  from: string;
  /** YYYY-MM-DD, on or after from. */
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** With nothing asked: the 30 days up to today. */
const DEFAULT_DAYS = 30;
/** A longer period is refused: the daily series would be longer than a page can show. */
export const MAX_PERIOD_DAYS = 366 * 5;

/** The UTC day an instant falls on. */
export const dayOf = (instant: Date): string => instant.toISOString().slice(0, 10);

/** The first instant of a day and the first of the day after (ISO strings). */
export function periodBounds(period: Period): { start: string; end: string } {
  const start = new Date(`${period.from}T00:00:00.000Z`);
  const end = new Date(Date.parse(`${period.to}T00:00:00.000Z`) + DAY_MS);
  return { start: start.toISOString(), end: end.toISOString() };
}

/** Every day of the period in order. */
export function daysOf(period: Period): string[] {
  const days: string[] = [];
  for (let t = Date.parse(period.from); t <= Date.parse(period.to); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function isRealDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && dayOf(parsed) === value;
}

/** Why a period was refused, for the API's message and the console's own words. */
export type PeriodRefusal =
  | { field: 'from' | 'to'; reason: 'not-a-date' }
  | { field: 'from'; reason: 'after-to'; to: string }
  | { field: 'from'; reason: 'too-long'; maxDays: number };

/**
 * The period `from` and `to` ask for (query values as they came), or why not. A missing `to` is
 * today, a missing `from` 29 days before `to`.
 */
export function readPeriod(
  from: unknown,
  to: unknown,
  today: Date,
): { period: Period } | { refusals: PeriodRefusal[] } {
  const refusals: PeriodRefusal[] = [];
  const read = (field: 'from' | 'to', value: unknown): string | undefined => {
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || !isRealDay(value)) {
      refusals.push({ field, reason: 'not-a-date' });
      return undefined;
    }
    return value;
  };
  const givenFrom = read('from', from);
  const givenTo = read('to', to);
  if (refusals.length > 0) return { refusals };
  const end = givenTo ?? dayOf(today);
  const start = givenFrom ?? dayOf(new Date(Date.parse(end) - (DEFAULT_DAYS - 1) * DAY_MS));
  if (start > end) return { refusals: [{ field: 'from', reason: 'after-to', to: end }] };
  if ((Date.parse(end) - Date.parse(start)) / DAY_MS + 1 > MAX_PERIOD_DAYS) {
    return { refusals: [{ field: 'from', reason: 'too-long', maxDays: MAX_PERIOD_DAYS }] };
  }
  return { period: { from: start, to: end } };
}

const refusalMessage = (refusal: PeriodRefusal): string => {
  switch (refusal.reason) {
    case 'not-a-date':
      return 'must be a date as YYYY-MM-DD';
    case 'after-to':
      return `must not be after to (${refusal.to})`;
    case 'too-long':
      return `the period may be at most ${refusal.maxDays} days long`;
  }
};

/** As readPeriod, a refusal being a 400 invalid-period naming the field. */
export function parsePeriod(from: unknown, to: unknown, today: Date): Period {
  const read = readPeriod(from, to, today);
  if ('period' in read) return read.period;
  const errors: FieldError[] = read.refusals.map((refusal) => ({
    field: refusal.field,
    message: refusalMessage(refusal),
  }));
  const [first] = errors;
  throw new ProblemError('invalid-period', `${first?.field}: ${first?.message}`, { errors });
}
