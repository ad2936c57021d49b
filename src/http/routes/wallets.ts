import Negotiator from 'negotiator';
import type { JsonObject } from '../../core/json.js';
import { basePathOf } from '../../core/publicUrl.js';
import { credentialJson } from '../../credentials/subjectOf.js';
import { renderClaimPage, type ClaimPageState } from '../../pages/claimPage.js';
import { chooseLanguage } from '../../pages/i18n/languages.js';
import { qrPng } from '../../sharing/qrCode.js';
import { offerLinks, protocolsOf } from '../../wallets/offerLinks.js';
import { actingAsOf } from '../auth.js';
import { htmlResponse } from '../htmlResponse.js';
import { defineRoute, type RouteResponse } from '../route.js';
import { uuidParam } from '../uuidParam.js';

const exchangeProblems = {
  404: { description: 'No offer at this address', schema: 'problem' },
  409: {
    description: 'The offer was claimed already, or its credential is no longer valid',
    schema: 'problem',
  },
  410: { description: 'The offer expired', schema: 'problem' },
} as const;

export const walletRoutes = [
  // No scope, as for the e-mail setting: the issuer's own key (or the admin key) decides.
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/wallet-claim',
    operationId: 'getIssuerWalletClaim',
    summary: 'Whether every credential the issuer awards is offered for claiming into a wallet',
    tag: 'Issuers',
    access: 'issuer',
    responses: {
      200: { description: 'On, or off (the default)', schema: 'issuer-wallet-claim' },
    },
    async handle({ params }, { automaticOffers }) {
      return { status: 200, body: await automaticOffers.setting(params.slug ?? '') };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/issuers/:slug/wallet-claim',
    operationId: 'setIssuerWalletClaim',
    summary:
      "Turn walletClaim on or off: on, every credential the issuer awards from then on (award, batch row, the tiers they stack) gets a wallet offer (WALLET_OFFER_HOURS) once stored, and the learner e-mail carries the learner's private claim page",
    tag: 'Issuers',
    access: 'issuer',
    requestSchema: 'issuer-wallet-claim-set',
    responses: {
      200: { description: 'The choice now in force', schema: 'issuer-wallet-claim' },
    },
    async handle({ params, body }, { automaticOffers }) {
      return {
        status: 200,
        body: await automaticOffers.setWalletClaim(params.slug ?? '', body.walletClaim),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/credentials/:uuid/offers',
    operationId: 'createWalletOffer',
    summary:
      "Offer a credential for claiming into a wallet: single use (by either protocol), expiring (WALLET_OFFER_HOURS); the answer's links (Learner Credential Wallet deep link, interaction and exchange URLs, OpenID4VCI credential offer, the learner's claim page) are shown only here; ?txCode=true adds an OpenID4VCI PIN, shown only here too",
    tag: 'Wallets',
    access: 'authenticated',
    scope: 'awards:write',
    responses: {
      201: { description: 'The offer and its links', schema: 'wallet-offer' },
      403: { description: "Another issuer's credential", schema: 'problem' },
      409: {
        description: 'The credential is not active, or was not issued here',
        schema: 'problem',
      },
    },
    async handle({ params, principal, query }, { walletOffers }) {
      const offer = await walletOffers.create(uuidParam(params.uuid), actingAsOf(principal), {
        txCode: query.txCode === 'true',
      });
      return { status: 201, body: offer, headers: { 'Cache-Control': 'no-store' } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/credentials/:uuid/offers',
    operationId: 'listWalletOffers',
    summary: "A credential's wallet offers, oldest first, each offered, claimed or expired",
    tag: 'Wallets',
    access: 'authenticated',
    scope: 'awards:write',
    responses: {
      200: { description: 'The offers, without their links', schema: 'wallet-offer-list' },
      403: { description: "Another issuer's credential", schema: 'problem' },
    },
    async handle({ params, principal }, { walletOffers }) {
      const offers = await walletOffers.list(uuidParam(params.uuid), actingAsOf(principal));
      return { status: 200, body: { offers } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/exchanges/:token',
    operationId: 'participateInExchange',
    summary:
      "W3C VC-API exchange: {} asks for DID authentication (challenge, domain); the holder's signed presentation claims the offer and gets the credential issued to the holder's DID",
    tag: 'Wallets',
    access: 'public',
    requestSchema: 'exchange-message',
    responses: {
      200: {
        description:
          'The verifiablePresentationRequest, or a verifiablePresentation carrying the claimed copy',
        schema: 'exchange-response',
      },
      ...exchangeProblems,
      422: {
        description:
          "The presentation does not prove its holder (signature, this exchange's challenge and domain, a holder DID): nothing was issued",
        schema: 'problem',
      },
    },
    async handle({ params, body }, { walletExchange }) {
      const answer = await walletExchange.step(params.token ?? '', body as JsonObject);
      return { status: 200, body: answer, headers: { 'Cache-Control': 'no-store' } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/interactions/:token',
    operationId: 'getWalletInteraction',
    summary:
      "An offer's interaction URL (?iuv=1): a wallet asking for JSON gets the protocols it can claim by; a browser is sent to the claim page",
    tag: 'Wallets',
    access: 'public',
    responses: {
      200: { description: 'The protocols', schema: 'wallet-interaction' },
      303: { description: 'A browser: to the claim page' },
      ...exchangeProblems,
    },
    async handle({ params, headers }, { walletOffers, config }): Promise<RouteResponse> {
      const token = params.token ?? '';
      await walletOffers.assertOpen(await walletOffers.open(token));
      const wants = new Negotiator({ headers }).mediaType(['application/json', 'text/html']);
      if (wants === 'text/html') {
        return {
          status: 303,
          body: '',
          headers: { Location: offerLinks(config.publicUrl, token).claimPage, Vary: 'Accept' },
        };
      }
      return {
        status: 200,
        body: protocolsOf(config.publicUrl, token),
        headers: { Vary: 'Accept', 'Cache-Control': 'no-store' },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/claim/:token',
    operationId: 'getClaimPage',
    summary:
      "The learner's private page for an offer: Add to your wallet, with a QR code and a button for the Learner Credential Wallet (VC-API) and for EU wallets (OpenID4VCI) (en, zh-TW, ja by ?lang= or Accept-Language)",
    tag: 'Wallets',
    access: 'public',
    responses: {
      200: { description: 'The page', contentType: 'text/html' },
      404: { description: 'No offer at this address', schema: 'problem' },
    },
    async handle({ params, query, headers }, { walletOffers, config }) {
      const token = params.token ?? '';
      const opened = await walletOffers.open(token);
      let state: ClaimPageState = opened.state;
      if (state === 'offered') {
        state = (await walletOffers.isClaimable(opened.original)) ? 'offered' : 'unavailable';
      }
      const language = chooseLanguage(query.lang, headers['accept-language']);
      const basePath = basePathOf(config.publicUrl);
      const { lcwDeepLink, openid4vciOffer } = offerLinks(config.publicUrl, token);
      const [qr, openid4vciQr] = await Promise.all([qrPng(lcwDeepLink), qrPng(openid4vciOffer)]);
      const page = renderClaimPage(
        {
          credential: credentialJson(opened.original),
          state,
          expiresAt: opened.offer.expiresAt,
          ...(opened.claim ? { claimedAt: opened.claim.claimedAt } : {}),
          deepLink: lcwDeepLink,
          qrDataUrl: `data:image/png;base64,${qr.toString('base64')}`,
          openid4vciOffer,
          openid4vciQrDataUrl: `data:image/png;base64,${openid4vciQr.toString('base64')}`,
          asksForPin: await walletOffers.asksForPin(opened.offer),
          pagePath: `${basePath}/claim/${token}`,
          basePath,
        },
        language,
      );
      return htmlResponse(page, language);
    },
  }),
];
