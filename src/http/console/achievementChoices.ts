import type { CatalogAchievement } from '../../catalog/catalogTypes.js';
import type { AchievementChoice } from '../../pages/console/awardPage.js';
import type { Language } from '../../pages/i18n/languages.js';
import type { Services } from '../../services.js';

/** The modules this issuer awards (tiers are issued by the service). */
export async function awardableModules(
  services: Services,
  slug: string,
): Promise<CatalogAchievement[]> {
  return (await services.catalog.list()).filter(
    (achievement) => achievement.issuer === slug && achievement.kind === 'module',
  );
}

/** The modules this issuer awards, named in the page's language. */
export async function achievementChoices(
  services: Services,
  slug: string,
  language: Language,
): Promise<AchievementChoice[]> {
  return (await awardableModules(services, slug)).map((achievement) => ({
    key: achievement.key,
    name: achievement.name[language] ?? achievement.name.en,
  }));
}
