import { findSchemaErrors } from '../../schemas.js';
import type { Check } from '../check.js';
import { failure, success } from '../report.js';

const OPEN_BADGE_TYPES = ['OpenBadgeCredential', 'AchievementCredential'];

/** VC 2.0 rules for every credential, and the OB3 shape for Open Badges. */
export const structureCheck: Check = {
  id: 'structure',
  async run({ presented }) {
    if (presented.format === 'unreadable') {
      return failure('malformed-credential', 'Malformed credential', presented.reason);
    }
    const { credential } = presented;
    const types = Array.isArray(credential.type) ? credential.type : [];
    const isOpenBadge = types.some((type) => OPEN_BADGE_TYPES.includes(String(type)));
    const errors = findSchemaErrors(
      isOpenBadge ? 'issued-open-badge-credential' : 'verifiable-credential',
      credential,
    );
    if (errors.length > 0) {
      const [first] = errors;
      return failure(
        'malformed-credential',
        'Malformed credential',
        `${first?.field}: ${first?.message}`,
        { errors },
      );
    }
    return success();
  },
};
