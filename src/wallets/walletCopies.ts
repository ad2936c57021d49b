import type { Standing } from '../core/credentialState.js';
import { changeQuietly } from '../stacking/systemChange.js';
import type { StatusService, StatusView } from '../status/statusService.js';
import type { CredentialRecord, CredentialStore, WalletStore } from '../store/port.js';

/**
 * A copy claimed into a wallet stands or falls with its original: revoking the original revokes
 * every copy, a suspension suspends those that carry a suspension entry (the others are revoked,
 * as a copy must never stay valid while its original is not), and reinstating brings them back.
 */
export class WalletCopies {
  constructor(
    private readonly store: Pick<WalletStore, 'listWalletClaimsOfOriginal'> &
      Pick<CredentialStore, 'findCredential'>,
    private readonly status: StatusService,
  ) {}

  /** Runs after every status change (StatusService calls it, see services.ts). */
  async follow(original: CredentialRecord, view: StatusView): Promise<void> {
    const reason = `its original urn:uuid:${original.id} was ${view.state}`;
    for (const claim of await this.store.listWalletClaimsOfOriginal(original.id)) {
      const copy = await this.store.findCredential(claim.copyId);
      if (copy) await this.#mirror(copy, view.state, reason);
    }
  }

  async #mirror(copy: CredentialRecord, state: Standing, reason: string): Promise<void> {
    const current = (await this.status.stateOf(copy)).state;
    if (state === 'revoked' && current !== 'revoked') {
      await changeQuietly(this.status, copy, 'revoke', reason);
    } else if (state === 'suspended' && current === 'active') {
      const action = this.status.offersSuspension(copy) ? 'suspend' : 'revoke';
      await changeQuietly(this.status, copy, action, reason);
    } else if (state === 'active' && current === 'suspended') {
      await changeQuietly(this.status, copy, 'reinstate', reason);
    }
  }
}
