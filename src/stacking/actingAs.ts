import type { CatalogAchievement } from '../catalog/catalogTypes.js';

/**
 * On whose behalf a use case runs: an issuer (its own tiers, learners it has issued to) or the
 * admin (everything). A plain value, so use cases never see HTTP types.
 */
export type ActingAs = { actingFor: string } | { admin: true };

export const awardsTier = (actingAs: ActingAs, tier: CatalogAchievement): boolean =>
  !('actingFor' in actingAs) || tier.issuer === actingAs.actingFor;
