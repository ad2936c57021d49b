import { digestMultibase } from '../../credentials/digest.js';
import type { Check } from '../check.js';
import { failure, skipped, success } from '../report.js';
import { STACK_CHECK_ID } from '../checkIds.js';
import { constituentsOf, NOT_A_STACK } from './constituents.js';

/** For a tier: every constituent is present, unchanged (digest) and still valid. */
export const stackIntegrityCheck: Check = {
  id: STACK_CHECK_ID,
  async run({ presented, constituents }) {
    const named = constituentsOf(presented.credential);
    if (named.length === 0) return skipped(NOT_A_STACK);
    for (const { uuid, digest } of named) {
      const known = await constituents.findConstituent(uuid);
      if (!known) {
        return skipped(
          `constituent urn:uuid:${uuid} is not held by this service, so it was not checked here`,
        );
      }
      if (digestMultibase(known.document) !== digest) {
        return failure(
          'constituent-altered',
          `constituent urn:uuid:${uuid} differs from the digest the tier names`,
        );
      }
      if (known.state !== 'active') {
        return failure('constituent-invalid', `constituent urn:uuid:${uuid} is ${known.state}`);
      }
    }
    return success();
  },
};
