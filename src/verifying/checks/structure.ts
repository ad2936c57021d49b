import { bundledContexts } from '../../jsonld/contexts.js';
import type { JsonObject } from '../../core/json.js';
import { findSchemaErrors } from '../../schemas.js';
import type { Check } from '../check.js';
import { isVc11 } from '../presentedCredential.js';
import { failure, schemaFailure, success } from '../report.js';
import { STRUCTURE_CHECK_ID } from '../checkIds.js';

const OPEN_BADGE_TYPES = ['OpenBadgeCredential', 'AchievementCredential'];

function schemaFor(credential: JsonObject): string {
  if (isVc11(credential)) return 'verifiable-credential-v1';
  const types = Array.isArray(credential.type) ? credential.type : [];
  const isOpenBadge = types.some((type) => OPEN_BADGE_TYPES.includes(String(type)));
  return isOpenBadge ? 'issued-open-badge-credential' : 'verifiable-credential';
}

/** A context named by URL that is not bundled: refused by name, never fetched. */
function unknownContext(credential: JsonObject): string | undefined {
  return ([] as unknown[])
    .concat(credential['@context'] ?? [])
    .find(
      (context): context is string => typeof context === 'string' && !bundledContexts.has(context),
    );
}

/** VC 2.0 (or 1.1) rules for every credential, and the OB3 shape for Open Badges. */
export const structureCheck: Check = {
  id: STRUCTURE_CHECK_ID,
  async run({ presented }) {
    if (presented.format === 'unreadable') {
      const { slug, detail } = presented.problem;
      return failure(slug, detail);
    }
    const { credential } = presented;
    const errors = findSchemaErrors(schemaFor(credential), credential);
    if (errors.length > 0) return schemaFailure('malformed-credential', errors);
    const context = unknownContext(credential);
    if (context) {
      return failure(
        'unknown-context',
        `the context "${context}" is not bundled with this service, and contexts are never fetched`,
        { url: context },
      );
    }
    return success();
  },
};
