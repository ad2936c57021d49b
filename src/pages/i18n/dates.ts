import type { Language } from './languages.js';

function parsed(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A date as people of the language write it, in UTC (the zone credentials state dates in). */
export function formatDate(iso: string, language: Language): string {
  const date = parsed(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function formatDateTime(iso: string, language: Language): string {
  const date = parsed(iso);
  if (!date) return iso;
  const text = new Intl.DateTimeFormat(language, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
  return `${text} UTC`;
}
