import { baseUrlOf } from '../core/publicUrl.js';

/**
 * The addresses of one offer, all carrying its secret token: whoever holds one can claim the
 * credential once, so they go to the learner only (the e-mail, the private claim page).
 */
export interface OfferLinks {
  /** VC-API exchange the wallet POSTs to. */
  exchangeUrl: string;
  /** Answers `{"protocols": {...}}` to a wallet asking for JSON (`iuv=1`: interaction URL v1). */
  interactionUrl: string;
  /** The Learner Credential Wallet's universal link, which opens the exchange in the app. */
  lcwDeepLink: string;
  /** The learner's page: "Add to your wallet" with the QR codes of both deep links. */
  claimPage: string;
  /** OpenID4VCI: where a wallet fetches the credential offer (with a fresh pre-authorized code). */
  credentialOfferUri: string;
  /** OpenID4VCI: the credential offer by reference, what EU-style wallets scan. */
  openid4vciOffer: string;
}

/** The scheme OpenID4VCI wallets register for credential offers. */
export const CREDENTIAL_OFFER_SCHEME = 'openid-credential-offer://';

// The LCW reads `request` as a wallet API message: `protocols` makes it an exchange invitation,
// and the app takes only `vcapi` from it. Older builds also require credentialRequestOrigin.
const LCW_REQUEST_LINK = 'https://lcw.app/request';

export function offerLinks(publicUrl: URL, token: string): OfferLinks {
  const base = baseUrlOf(publicUrl);
  const exchangeUrl = `${base}/exchanges/${token}`;
  const invitation = {
    credentialRequestOrigin: new URL(base).origin,
    protocols: { vcapi: exchangeUrl },
  };
  const deepLink = new URL(LCW_REQUEST_LINK);
  deepLink.searchParams.set('request', JSON.stringify(invitation));
  const credentialOfferUri = `${base}/credential-offers/${token}`;
  return {
    exchangeUrl,
    interactionUrl: `${base}/interactions/${token}?iuv=1`,
    lcwDeepLink: deepLink.toString(),
    claimPage: `${base}/claim/${token}`,
    credentialOfferUri,
    openid4vciOffer: `${CREDENTIAL_OFFER_SCHEME}?${new URLSearchParams({ credential_offer_uri: credentialOfferUri }).toString()}`,
  };
}

/** What the interaction URL answers a wallet: the protocols it can continue with. */
export function protocolsOf(publicUrl: URL, token: string): { protocols: { vcapi: string } } {
  return { protocols: { vcapi: offerLinks(publicUrl, token).exchangeUrl } };
}
