import type { ActingAs } from '../core/actingAs.js';
import type { Clock } from '../core/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, ProblemError } from '../core/problems.js';
import type { IssuingService } from '../issuing/issuingService.js';
import type { StatusService } from '../status/statusService.js';
import type {
  CredentialRecord,
  WalletClaimRecord,
  WalletOfferRecord,
  WalletStore,
} from '../store/port.js';
import { offerLinks, type OfferLinks } from './offerLinks.js';
import { hashOfferToken, isOfferToken, newOfferToken } from './offerToken.js';
import { newTxCode, txCodeGrantKey, txCodeHash } from './txCode.js';

export type OfferState = 'offered' | 'claimed' | 'expired';

export interface OfferView {
  id: string;
  credential: string;
  state: OfferState;
  createdAt: string;
  expiresAt: string;
  /** Once claimed: when, by which DID, and the copy issued to it. */
  claimedAt?: string;
  holder?: string;
  copy?: string;
}

export interface MadeOffer extends OfferView, OfferLinks {
  /**
   * The OpenID4VCI tx_code (a PIN) when one was asked for: shown only here, stored only as a
   * salted hash. The issuer hands it to the learner apart from the link (by phone, on paper).
   */
  txCode?: string;
}

export interface OfferOptions {
  /** Ask an OpenID4VCI wallet for a PIN at the token endpoint. */
  txCode?: boolean;
}

/** An offer found by its token, with its claim if it has one. */
export interface OpenedOffer {
  offer: WalletOfferRecord;
  claim?: WalletClaimRecord;
  state: OfferState;
  original: CredentialRecord;
}

const HOUR_MS = 3_600_000;

function stateOf(offer: WalletOfferRecord, claim: WalletClaimRecord | undefined, now: Date) {
  if (claim) return 'claimed';
  return Date.parse(offer.expiresAt) <= now.getTime() ? 'expired' : 'offered';
}

function viewOf(offer: WalletOfferRecord, claim: WalletClaimRecord | undefined, now: Date) {
  return {
    id: offer.id,
    credential: `urn:uuid:${offer.credentialId}`,
    state: stateOf(offer, claim, now),
    createdAt: offer.createdAt,
    expiresAt: offer.expiresAt,
    ...(claim
      ? { claimedAt: claim.claimedAt, holder: claim.holderDid, copy: `urn:uuid:${claim.copyId}` }
      : {}),
  } satisfies OfferView;
}

/** A new offer of the credential under `id`, claimable with `token` for `hours` from `now`. */
export function offerRecord(
  original: CredentialRecord,
  id: string,
  token: string,
  now: Date,
  hours: number,
): WalletOfferRecord {
  return {
    id,
    tokenHash: hashOfferToken(token),
    issuerSlug: original.issuerSlug ?? '',
    credentialId: original.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + hours * HOUR_MS).toISOString(),
  };
}

/** Offers to claim a credential into a wallet: made by its issuer, single use, expiring. */
export class WalletOffers {
  constructor(
    private readonly store: Pick<
      WalletStore,
      | 'insertWalletOffer'
      | 'findWalletOfferByTokenHash'
      | 'findWalletOffer'
      | 'insertWalletGrant'
      | 'findWalletGrant'
      | 'listWalletOffersOfCredential'
      | 'findWalletClaim'
    >,
    private readonly issuing: Pick<IssuingService, 'find'>,
    private readonly status: Pick<StatusService, 'stateOf'>,
    private readonly publicUrl: URL,
    private readonly clock: Clock,
    private readonly offerHours: number,
  ) {}

  async create(uuid: string, actingAs: ActingAs, options: OfferOptions = {}): Promise<MadeOffer> {
    const original = await this.#ownCredential(uuid, actingAs);
    await this.assertClaimable(original);
    const token = newOfferToken();
    const now = this.clock();
    const offer = offerRecord(original, crypto.randomUUID(), token, now, this.offerHours);
    await this.store.insertWalletOffer(offer);
    const txCode = options.txCode ? newTxCode() : undefined;
    if (txCode !== undefined) {
      await this.store.insertWalletGrant({
        key: txCodeGrantKey(offer.id),
        offerId: offer.id,
        secretHash: txCodeHash(offer.id, txCode),
        createdAt: offer.createdAt,
        expiresAt: offer.expiresAt,
      });
    }
    return {
      ...viewOf(offer, undefined, now),
      ...offerLinks(this.publicUrl, token),
      ...(txCode === undefined ? {} : { txCode }),
    };
  }

  /** The credential's offers, oldest first, each with its state. */
  async list(uuid: string, actingAs: ActingAs): Promise<OfferView[]> {
    const original = await this.#ownCredential(uuid, actingAs);
    const offers = await this.store.listWalletOffersOfCredential(original.id);
    const now = this.clock();
    return Promise.all(
      offers.map(async (offer) => viewOf(offer, await this.store.findWalletClaim(offer.id), now)),
    );
  }

  /** The offer behind a token; an unknown token is a 404 like any address that is not there. */
  async open(token: string): Promise<OpenedOffer> {
    const offer = isOfferToken(token)
      ? await this.store.findWalletOfferByTokenHash(hashOfferToken(token))
      : undefined;
    if (!offer) throw new NotFoundError('no offer at this address');
    return this.#opened(offer);
  }

  /** The offer has a tx_code: an OpenID4VCI wallet asks for its PIN. */
  async asksForPin(offer: WalletOfferRecord): Promise<boolean> {
    return (await this.store.findWalletGrant(txCodeGrantKey(offer.id))) !== undefined;
  }

  /** The offer an OpenID4VCI code or token was given for. */
  async openById(offerId: string): Promise<OpenedOffer> {
    const offer = await this.store.findWalletOffer(offerId);
    if (!offer) throw new NotFoundError('no such offer');
    return this.#opened(offer);
  }

  /** The offer with its claim, if taken, where it stands, and the credential it offers. */
  async #opened(offer: WalletOfferRecord): Promise<OpenedOffer> {
    const claim = await this.store.findWalletClaim(offer.id);
    const original = await this.issuing.find(offer.credentialId);
    return {
      offer,
      ...(claim ? { claim } : {}),
      state: stateOf(offer, claim, this.clock()),
      original,
    };
  }

  /** Refuses an offer that can no longer be claimed: taken, expired, or its credential invalid. */
  async assertOpen(opened: OpenedOffer): Promise<void> {
    if (opened.state === 'claimed') {
      throw new ConflictError(
        'this offer was claimed already; ask the issuer for a new one',
        'offer-claimed',
      );
    }
    if (opened.state === 'expired') {
      throw new ProblemError(
        'offer-expired',
        `this offer expired at ${opened.offer.expiresAt}; ask the issuer for a new one`,
      );
    }
    await this.assertClaimable(opened.original);
  }

  /** Only a credential issued here and still active goes into a wallet. */
  async assertClaimable(original: CredentialRecord): Promise<void> {
    const why = await this.#whyNotClaimable(original);
    if (why !== undefined) throw new ConflictError(why, 'credential-not-offerable');
  }

  async isClaimable(original: CredentialRecord): Promise<boolean> {
    return (await this.#whyNotClaimable(original)) === undefined;
  }

  async #whyNotClaimable(original: CredentialRecord): Promise<string | undefined> {
    if (original.origin !== 'issued' || !original.issuerSlug) {
      return 'only credentials issued by this service can be claimed into a wallet';
    }
    const { state } = await this.status.stateOf(original);
    return state === 'active'
      ? undefined
      : `the credential is ${state}, so it cannot be claimed into a wallet`;
  }

  async #ownCredential(uuid: string, actingAs: ActingAs): Promise<CredentialRecord> {
    const original = await this.issuing.find(uuid);
    if ('actingFor' in actingAs && original.issuerSlug !== actingAs.actingFor) {
      throw new ForbiddenError(
        `issuer "${actingAs.actingFor}" did not issue urn:uuid:${original.id}`,
      );
    }
    return original;
  }
}
