import { ConflictError } from '../core/problems.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type { IssuingService } from '../issuing/issuingService.js';
import type { StatusService } from '../status/statusService.js';
import { DuplicateKeyError, type CredentialRecord, type WalletStore } from '../store/port.js';
import { walletCopyOf } from './walletCopy.js';
import type { OpenedOffer } from './walletOffers.js';

/** Thrown when the offer's one claim was taken first, by either protocol. */
export class OfferClaimedError extends ConflictError {
  constructor() {
    super('this offer was claimed already; ask the issuer for a new one', 'offer-claimed');
  }
}

/**
 * The one claim of an offer, whichever protocol proved the holder (VC-API or OpenID4VCI): the
 * claim is inserted under the offer's id (so a second, even racing, gets OfferClaimedError), then
 * a copy about the holder's DID is issued with status entries of its own. The copy is stored as a
 * Data Integrity credential with its vc+jwt beside it, so either format can be handed out.
 */
export class WalletClaims {
  constructor(
    private readonly store: Pick<WalletStore, 'insertWalletClaim' | 'deleteWalletClaim'>,
    private readonly issuing: Pick<IssuingService, 'issuePrepared'>,
    private readonly issuers: Pick<IssuerService, 'get'>,
    private readonly status: Pick<StatusService, 'offersSuspension'>,
    private readonly publicUrl: URL,
    private readonly clock: () => Date,
  ) {}

  async claim(opened: OpenedOffer, holderDid: string): Promise<CredentialRecord> {
    const copyId = crypto.randomUUID();
    try {
      await this.store.insertWalletClaim({
        offerId: opened.offer.id,
        originalId: opened.original.id,
        copyId,
        holderDid,
        claimedAt: this.clock().toISOString(),
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new OfferClaimedError();
      throw error;
    }
    try {
      return await this.#issueCopy(opened, copyId, holderDid);
    } catch (error) {
      // The offer stays claimable when its copy could not be made: nothing was issued.
      await this.store.deleteWalletClaim(opened.offer.id, copyId);
      throw error;
    }
  }

  async #issueCopy(opened: OpenedOffer, copyId: string, holderDid: string) {
    const { original } = opened;
    const issuer = await this.issuers.get(original.issuerSlug ?? '');
    const issued = await this.issuing.issuePrepared({
      issuer,
      credential: walletCopyOf(original, copyId, holderDid, this.publicUrl),
      // JSON-LD (what the Learner Credential Wallet reads), its vc+jwt stored beside it.
      format: 'di',
      // The copy carries the endorsements the original has, as it has them.
      embedEndorsements: false,
      // It can be suspended with its original only if it has a suspension entry too.
      statusPurposes: this.status.offersSuspension(original)
        ? ['revocation', 'suspension']
        : ['revocation'],
    });
    return issued.record;
  }
}
