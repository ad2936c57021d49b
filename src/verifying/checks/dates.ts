import type { Check } from '../check.js';
import { validityOf } from '../presentedCredential.js';
import { failure, skipped, success } from '../report.js';

function dateField(value: unknown): number | undefined {
  return typeof value === 'string' ? Date.parse(value) : undefined;
}

export const validFromCheck: Check = {
  id: 'dates.validFrom',
  async run({ presented, now }) {
    const { validFrom: value } = validityOf(presented.credential);
    const validFrom = dateField(value);
    if (validFrom === undefined) return skipped('the credential has no validFrom');
    if (Number.isNaN(validFrom)) return failure('malformed-credential', 'validFrom is not a date');
    if (validFrom > now.getTime()) {
      return failure('credential-not-yet-valid', `valid from ${String(value)}`);
    }
    return success();
  },
};

export const validUntilCheck: Check = {
  id: 'dates.validUntil',
  async run({ presented, now }) {
    const { validUntil: value } = validityOf(presented.credential);
    const validUntil = dateField(value);
    if (validUntil === undefined) return skipped('the credential has no validUntil');
    if (Number.isNaN(validUntil))
      return failure('malformed-credential', 'validUntil is not a date');
    if (validUntil <= now.getTime()) {
      return failure('credential-expired', `expired ${String(value)}`);
    }
    return success();
  },
};
