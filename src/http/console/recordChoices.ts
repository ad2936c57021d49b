// What the Credentials search offers to choose from: this issuer's achievements and batches,
// named in the page's language.
import type { Choice } from '../../pages/console/credentialSearchPage.js';
import type { ConsoleTranslate } from '../../pages/console/i18n/consoleMessages.js';
import { formatDateTime } from '../../pages/i18n/dates.js';
import type { Language } from '../../pages/i18n/languages.js';
import type { Services } from '../../services.js';

/** How many of the latest batches the search offers. */
const BATCHES_OFFERED = 50;

/** Every achievement key of the catalog, named in the language (for rules naming others'). */
export async function achievementNames(
  services: Services,
  language: Language,
): Promise<Map<string, string>> {
  return new Map(
    (await services.catalog.list()).map((a) => [a.key, a.name[language] ?? a.name.en]),
  );
}

export async function searchChoices(
  services: Services,
  slug: string,
  language: Language,
  t: ConsoleTranslate,
): Promise<{ achievements: Choice[]; batches: Choice[] }> {
  const achievements = (await services.catalog.list())
    .filter((achievement) => achievement.issuer === slug)
    .map((achievement) => ({
      value: achievement.key,
      label: achievement.name[language] ?? achievement.name.en,
    }));
  const batches = (await services.batches.list(slug, BATCHES_OFFERED)).map((batch) => ({
    value: batch.id,
    label: t('home.batch', { date: formatDateTime(batch.createdAt, language) }),
  }));
  return { achievements, batches };
}
