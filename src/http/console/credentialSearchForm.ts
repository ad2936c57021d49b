// The Credentials search as a query string: read, checked field by field, and turned into the
// search the use case takes. The learner's address is only ever turned into its keyed hash.
import { isUuid } from '../../core/ids.js';
import type { Standing } from '../../core/credentialState.js';
import type { CredentialSearch } from '../../published/issuerCredentials.js';
import {
  SEARCH_FIELDS,
  STANDINGS,
  type Choice,
  type SearchFields,
} from '../../pages/console/credentialSearchPage.js';
import type { ConsoleTranslate } from '../../pages/console/i18n/consoleMessages.js';
import type { Services } from '../../services.js';

export interface ReadSearch {
  fields: SearchFields;
  fieldErrors: Partial<Record<keyof SearchFields, string>>;
  search: CredentialSearch;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string): boolean => DAY.test(value) && !Number.isNaN(Date.parse(value));
const isStanding = (value: string): value is Standing =>
  (STANDINGS as readonly string[]).includes(value);

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * The fields as sent (kept for the form), what is wrong with them, and the search made of the
 * right ones. An achievement or batch that is not one of the choices is dropped, as a select
 * offers nothing else.
 */
export function readSearch(
  query: Record<string, unknown>,
  choices: { achievements: readonly Choice[]; batches: readonly Choice[] },
  learnerKeys: Services['learnerKeys'],
  t: ConsoleTranslate,
): ReadSearch {
  const fields = Object.fromEntries(
    SEARCH_FIELDS.map((name) => [name, text(query[name])]),
  ) as unknown as SearchFields;
  const has = (list: readonly Choice[], value: string) => list.some((c) => c.value === value);
  if (!has(choices.achievements, fields.achievement)) fields.achievement = '';
  if (!has(choices.batches, fields.batch)) fields.batch = '';
  if (!isStanding(fields.state)) fields.state = '';
  const fieldErrors: ReadSearch['fieldErrors'] = {};
  if (fields.email !== '' && !EMAIL.test(fields.email)) fieldErrors.email = t('search.badEmail');
  if (fields.from !== '' && !isDay(fields.from)) fieldErrors.from = t('search.badDate');
  if (fields.to !== '' && !isDay(fields.to)) fieldErrors.to = t('search.badDate');
  const after = text(query.after);
  const ok = (name: keyof SearchFields) => fields[name] !== '' && !fieldErrors[name];
  return {
    fields,
    fieldErrors,
    search: {
      ...(ok('email') ? { learnerKey: learnerKeys.forRecipient({ email: fields.email }) } : {}),
      ...(ok('achievement') ? { achievementKey: fields.achievement } : {}),
      ...(ok('batch') ? { batch: fields.batch } : {}),
      ...(isStanding(fields.state) ? { state: fields.state } : {}),
      ...(ok('from') ? { issuedFrom: fields.from } : {}),
      ...(ok('to') ? { issuedTo: fields.to } : {}),
      ...(isUuid(after) ? { after: after.toLowerCase() } : {}),
    },
  };
}
