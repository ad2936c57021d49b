import { issuerIdOf } from '../../credentials/fields.js';
import type { Check } from '../check.js';
import { verificationMethodOf } from '../presentedCredential.js';
import { failure, failureFrom, success } from '../report.js';

/** The key that signed must belong to the issuer the credential names. */
export const issuerBindingCheck: Check = {
  id: 'issuer.binding',
  async run(context) {
    const issuerId = issuerIdOf(context.presented.credential);
    const methodId = verificationMethodOf(context.presented);
    if (!issuerId)
      return failure('issuer-mismatch', 'Issuer binding failed', 'the credential names no issuer');
    if (!methodId)
      return failure('issuer-mismatch', 'Issuer binding failed', 'no verification method is named');
    let controller: unknown;
    try {
      controller = (await context.resolveVerificationMethod(methodId)).controller;
    } catch (error) {
      return failureFrom(
        error,
        'verification-method-unresolvable',
        'Verification method cannot be resolved',
      );
    }
    if (controller !== issuerId || !methodId.startsWith(`${issuerId}#`)) {
      return failure(
        'issuer-mismatch',
        'Issuer binding failed',
        `verification method ${methodId} is controlled by ${String(controller)}, not by the issuer ${issuerId}`,
      );
    }
    return success();
  },
};
