import { digestMultibase } from '../../credentials/digest.js';
import type { JsonObject } from '../../core/json.js';
import type { Check } from '../check.js';
import { failure, skipped, success } from '../report.js';

interface NamedConstituent {
  uuid: string;
  digest: string;
}

/** Evidence items that name a credential by urn:uuid and digest: the constituents of a tier. */
function constituentsOf(credential: JsonObject): NamedConstituent[] {
  return ([] as unknown[]).concat(credential.evidence ?? []).flatMap((item) => {
    const { id, digestMultibase: digest } = (item ?? {}) as JsonObject;
    if (typeof id !== 'string' || typeof digest !== 'string' || !id.startsWith('urn:uuid:'))
      return [];
    return [{ uuid: id.slice('urn:uuid:'.length).toLowerCase(), digest }];
  });
}

/** For a tier: every constituent is present, unchanged (digest) and still valid. */
export const stackIntegrityCheck: Check = {
  id: 'stack.constituents',
  async run({ presented, constituents }) {
    const named = constituentsOf(presented.credential);
    if (named.length === 0) return skipped('the credential is not built from other credentials');
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
