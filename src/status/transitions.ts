import { ConflictError } from '../core/problems.js';
import type { StatusAction } from '../core/credentialState.js';
import type { CredentialState } from '../core/credentialState.js';

/** What each action does from each state; anything else is a 409. Revocation is final. */
export function nextState(current: CredentialState, action: StatusAction): CredentialState {
  if (current === 'revoked') {
    throw new ConflictError(
      'the credential is revoked, and revocation is final',
      'credential-is-revoked',
    );
  }
  if (action === 'revoke') return 'revoked';
  if (action === 'suspend') {
    if (current === 'suspended')
      throw new ConflictError('the credential is already suspended', 'already-suspended');
    return 'suspended';
  }
  if (current !== 'suspended')
    throw new ConflictError('only a suspended credential can be reinstated', 'not-suspended');
  return 'active';
}
