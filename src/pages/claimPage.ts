import type { JsonObject } from '../core/json.js';
import { readCredentialView } from './credentialView.js';
import { html } from './html.js';
import { formatDateTime } from './i18n/dates.js';
import { translate, type Language } from './i18n/languages.js';
import { renderPage } from './layout.js';

/** Where the offer stands, as the learner needs to know it. */
export type ClaimPageState = 'offered' | 'claimed' | 'expired' | 'unavailable';

export interface ClaimPageInput {
  credential: JsonObject;
  state: ClaimPageState;
  expiresAt: string;
  claimedAt?: string;
  /** The Learner Credential Wallet link, the QR code's content too. */
  deepLink: string;
  /** The QR code of the deep link as a data: URL, so the page loads nothing from elsewhere. */
  qrDataUrl: string;
  /** The OpenID4VCI credential offer (openid-credential-offer://…), what EU wallets scan. */
  openid4vciOffer: string;
  openid4vciQrDataUrl: string;
  /** The offer has a tx_code: the wallet will ask the learner for the issuer's PIN. */
  asksForPin: boolean;
  /** This page's path, where the language links point. */
  pagePath: string;
  basePath: string;
}

const LCW_HOME = 'https://lcw.app';

/**
 * The learner's private page for one offer: "Add to your wallet" with, for each protocol (the
 * Learner Credential Wallet's VC-API link, and the OpenID4VCI offer EU wallets scan), the QR code
 * a phone's wallet scans and a button for the wallet on this phone. It is never the employer's view: the
 * link in it claims the credential, so it names only what the learner needs to recognise it.
 */
export function renderClaimPage(input: ClaimPageInput, language: Language): string {
  const t = translate(language);
  const view = readCredentialView(input.credential);
  const name = view.achievement.name ?? t('credential.unnamed');
  const issuer = view.issuer.name ?? view.issuer.id ?? '';
  const offered = html`<p>${t('claim.intro', { name, issuer })}</p>
    <section class="claim-wallet">
      <h2>${t('claim.lcwHeading')}</h2>
      <figure class="claim-qr">
        <img src="${input.qrDataUrl}" width="256" height="256" alt="${t('claim.qrAlt')}" />
      </figure>
      <p><a class="button" href="${input.deepLink}">${t('claim.openWallet')}</a></p>
      <p><a href="${LCW_HOME}" rel="noopener noreferrer">${t('claim.getWallet')}</a></p>
    </section>
    <section class="claim-wallet">
      <h2>${t('claim.euHeading')}</h2>
      <p>${t('claim.euIntro')}</p>
      <figure class="claim-qr">
        <img
          src="${input.openid4vciQrDataUrl}"
          width="256"
          height="256"
          alt="${t('claim.euQrAlt')}"
        />
      </figure>
      <p><a class="button" href="${input.openid4vciOffer}">${t('claim.openEuWallet')}</a></p>
      ${input.asksForPin ? html`<p>${t('claim.pin')}</p>` : ''}
    </section>
    <p>${t('claim.once', { date: formatDateTime(input.expiresAt, language) })}</p>
    <p>${t('claim.private')}</p>`;
  const notice = {
    offered,
    claimed: html`<p>
      ${t('claim.claimed', { date: formatDateTime(input.claimedAt ?? '', language) })}
    </p>`,
    expired: html`<p>
      ${t('claim.expired', { date: formatDateTime(input.expiresAt, language) })}
    </p>`,
    unavailable: html`<p>${t('claim.unavailable')}</p>`,
  }[input.state];
  return renderPage({
    language,
    t,
    title: t('claim.pageTitle', { name }),
    basePath: input.basePath,
    languagePath: input.pagePath,
    head: html`<meta name="robots" content="noindex, nofollow" />`,
    main: html`<h1>${t('claim.heading')}</h1>
      <p class="claim-credential">
        <strong>${name}</strong> · ${t('credential.issuedBy', { issuer })}
      </p>
      ${notice}`,
  });
}
