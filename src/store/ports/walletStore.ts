// Wallet claim offers. An offer's single use is its claim, inserted once under the offer's id;
// each challenge the exchange hands a wallet is inserted once under its own value. The offer's
// secret token is never stored, only its hash.

export interface WalletOfferRecord {
  /** A UUID, how the issuer names the offer when it lists them. */
  id: string;
  /** SHA-256 (hex) of the secret token in the offer's exchange, interaction and claim URLs. */
  tokenHash: string;
  issuerSlug: string;
  /** The credential offered (its UUID). */
  credentialId: string;
  createdAt: string;
  /** After this instant the offer can no longer be claimed. */
  expiresAt: string;
}

/** A challenge the exchange asked a wallet to sign, for one offer. */
export interface WalletChallengeRecord {
  challenge: string;
  offerId: string;
  createdAt: string;
}

/** The one claim of an offer: who claimed it and the copy issued to them. */
export interface WalletClaimRecord {
  offerId: string;
  /** The original credential's UUID. */
  originalId: string;
  /** The copy's UUID, issued to the holder's DID. */
  copyId: string;
  holderDid: string;
  claimedAt: string;
}

/**
 * One single-use or short-lived secret of an OpenID4VCI claim, under a key that names what it is
 * and (for secrets) only their hash: a pre-authorized code, an access token, a c_nonce, an offer's
 * tx_code, and the marks that use them up (`…-used:…`, a PIN attempt), each claimed by insert.
 */
export interface WalletGrantRecord {
  key: string;
  /** The offer it belongs to; a c_nonce belongs to none. */
  offerId?: string;
  /** A tx_code: the salted hash of the PIN. */
  secretHash?: string;
  createdAt: string;
  /** After this instant it is no longer taken. */
  expiresAt: string;
}

/** An issuer's choice to offer every credential it awards for claiming (off by default). */
export interface IssuerWalletSettingRecord {
  issuerSlug: string;
  walletClaim: boolean;
  updatedAt: string;
}

/** Offers by where they stand at an instant: open, claimed, or run out unclaimed. */
export interface WalletOfferCounts {
  offered: number;
  claimed: number;
  expired: number;
}

export interface WalletStore {
  /** Throws DuplicateKeyError when the id or the token hash is taken. */
  insertWalletOffer(offer: WalletOfferRecord): Promise<void>;
  findWalletOfferByTokenHash(tokenHash: string): Promise<WalletOfferRecord | undefined>;
  findWalletOffer(id: string): Promise<WalletOfferRecord | undefined>;
  /** The credential's offers, oldest first. */
  listWalletOffersOfCredential(credentialId: string): Promise<WalletOfferRecord[]>;
  /** Every offer in the store counted by its state at `now` (ISO 8601), for the operator. */
  countWalletOffersByState(now: string): Promise<WalletOfferCounts>;
  /** Throws DuplicateKeyError when the challenge exists. */
  insertWalletChallenge(challenge: WalletChallengeRecord): Promise<void>;
  findWalletChallenge(challenge: string): Promise<WalletChallengeRecord | undefined>;
  /** Claims the offer: throws DuplicateKeyError when it was claimed already. */
  insertWalletClaim(claim: WalletClaimRecord): Promise<void>;
  /** Gives a claim back when its copy could not be issued, so a failure leaves nothing behind. */
  deleteWalletClaim(offerId: string, copyId: string): Promise<void>;
  findWalletClaim(offerId: string): Promise<WalletClaimRecord | undefined>;
  /** The claims of every offer of a credential (its copies in wallets), oldest first. */
  listWalletClaimsOfOriginal(originalId: string): Promise<WalletClaimRecord[]>;
  /** Throws DuplicateKeyError when the key is taken: how each grant is used once. */
  insertWalletGrant(grant: WalletGrantRecord): Promise<void>;
  findWalletGrant(key: string): Promise<WalletGrantRecord | undefined>;
  /** The issuer's choice replaces any earlier one. */
  putIssuerWalletSetting(setting: IssuerWalletSettingRecord): Promise<void>;
  findIssuerWalletSetting(issuerSlug: string): Promise<IssuerWalletSettingRecord | undefined>;
}
