import type { Check } from '../check.js';
import { failure, skipped, success } from '../report.js';

function dateField(value: unknown): number | undefined {
  return typeof value === 'string' ? Date.parse(value) : undefined;
}

export const validFromCheck: Check = {
  id: 'dates.validFrom',
  async run({ presented, now }) {
    const validFrom = dateField(presented.credential.validFrom);
    if (validFrom === undefined) return skipped('the credential has no validFrom');
    if (Number.isNaN(validFrom))
      return failure('malformed-credential', 'Malformed credential', 'validFrom is not a date');
    if (validFrom > now.getTime()) {
      return failure(
        'credential-not-yet-valid',
        'Credential not yet valid',
        `valid from ${String(presented.credential.validFrom)}`,
      );
    }
    return success();
  },
};

export const validUntilCheck: Check = {
  id: 'dates.validUntil',
  async run({ presented, now }) {
    const validUntil = dateField(presented.credential.validUntil);
    if (validUntil === undefined) return skipped('the credential has no validUntil');
    if (Number.isNaN(validUntil))
      return failure('malformed-credential', 'Malformed credential', 'validUntil is not a date');
    if (validUntil <= now.getTime()) {
      return failure(
        'credential-expired',
        'Credential expired',
        `expired ${String(presented.credential.validUntil)}`,
      );
    }
    return success();
  },
};
