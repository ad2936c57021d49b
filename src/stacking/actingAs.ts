import type { CatalogAchievement } from '../catalog/catalogTypes.js';
import type { ActingAs } from '../core/actingAs.js';

/** An issuer acting for itself re-evaluates only its own tiers; the admin every tier. */
export const awardsTier = (actingAs: ActingAs, tier: CatalogAchievement): boolean =>
  !('actingFor' in actingAs) || tier.issuer === actingAs.actingFor;
