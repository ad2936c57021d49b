// Offers the service makes by itself: an issuer that turns walletClaim on has every credential it
// awards offered for claiming into a wallet once the credential is stored. The offer's id is
// derived from the credential's, so the offer is claimed by insert: an award told twice (a batch
// resumed after a crash) inserts the same id again and gets DuplicateKeyError, never a second
// offer. Its token is derived from that id under a secret (offerToken.ts), so the learner e-mail,
// composed later by the sender, can carry the claim link though only the token's hash is stored.
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { ServiceEvent } from '../events/serviceEvents.js';
import type { IssuerService } from '../issuers/issuerService.js';
import { DuplicateKeyError, type CredentialRecord, type WalletStore } from '../store/port.js';
import { offerLinks } from './offerLinks.js';
import { derivedOfferToken } from './offerToken.js';
import { offerRecord, type WalletOffers } from './walletOffers.js';

export interface WalletClaimSetting {
  slug: string;
  walletClaim: boolean;
}

/** The learner's private claim page of an automatic offer, and until when it can be claimed. */
export interface ClaimLink {
  url: string;
  expiresAt: string;
}

/**
 * The automatic offer's id for a credential: a UUID (version 8, RFC 9562) made of a SHA-256 of the
 * credential's, so every instance and every retelling names the same offer.
 */
export function automaticOfferIdOf(credentialUuid: string): string {
  const hex = createHash('sha256')
    .update(`automatic-wallet-offer:${credentialUuid.toLowerCase()}`)
    .digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/**
 * An award to a learner: a single award, a batch row, a renewal or a tier, each stored with the
 * learner's key. Copies claimed into wallets, transcripts, endorsements and VC-API issues carry
 * none, so they are never offered by themselves (a copy offered again would be a copy of a copy).
 */
function isAward(record: CredentialRecord): record is CredentialRecord & { issuerSlug: string } {
  return record.origin === 'issued' && !!record.issuerSlug && record.learnerKey !== undefined;
}

export class AutomaticOffers {
  constructor(
    private readonly store: Pick<
      WalletStore,
      'insertWalletOffer' | 'findWalletOffer' | 'putIssuerWalletSetting' | 'findIssuerWalletSetting'
    >,
    private readonly offers: Pick<WalletOffers, 'isClaimable'>,
    private readonly issuers: Pick<IssuerService, 'get'>,
    private readonly secret: Buffer,
    private readonly publicUrl: URL,
    private readonly clock: Clock,
    private readonly offerHours: number,
  ) {}

  /** The ServiceEvents follower: tiers are told as credential.issued too. */
  async follow(event: ServiceEvent): Promise<void> {
    if (event.type === 'credential.issued') await this.offerFor(event.record);
  }

  /**
   * Makes the credential's automatic offer if it is an award of an issuer with walletClaim on
   * and can still be claimed; an offer made already (the same award told again) stays as it is.
   */
  async offerFor(record: CredentialRecord): Promise<void> {
    if (!isAward(record) || !(await this.isOn(record.issuerSlug))) return;
    if (!(await this.offers.isClaimable(record))) return;
    const id = automaticOfferIdOf(record.id);
    const offer = offerRecord(record, id, this.#tokenOf(id), this.clock(), this.offerHours);
    try {
      await this.store.insertWalletOffer(offer);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }

  /** The claim page of the credential's automatic offer, if it has one (whatever its state). */
  async claimLinkOf(credentialUuid: string): Promise<ClaimLink | undefined> {
    const offer = await this.store.findWalletOffer(automaticOfferIdOf(credentialUuid));
    if (!offer) return undefined;
    return {
      url: offerLinks(this.publicUrl, this.#tokenOf(offer.id)).claimPage,
      expiresAt: offer.expiresAt,
    };
  }

  /** Off unless the issuer turned it on. */
  async isOn(issuerSlug: string): Promise<boolean> {
    return (await this.store.findIssuerWalletSetting(issuerSlug))?.walletClaim ?? false;
  }

  async setting(slug: string): Promise<WalletClaimSetting> {
    await this.issuers.get(slug);
    return { slug, walletClaim: await this.isOn(slug) };
  }

  /** From now on, what the issuer awards is offered (or no longer); offers made stay. */
  async setWalletClaim(slug: string, walletClaim: boolean): Promise<WalletClaimSetting> {
    await this.issuers.get(slug);
    await this.store.putIssuerWalletSetting({
      issuerSlug: slug,
      walletClaim,
      updatedAt: this.clock().toISOString(),
    });
    return { slug, walletClaim };
  }

  #tokenOf(offerId: string): string {
    return derivedOfferToken(this.secret, offerId);
  }
}
