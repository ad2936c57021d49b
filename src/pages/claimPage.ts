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
  /** This page's path, where the language links point. */
  pagePath: string;
  basePath: string;
}

const LCW_HOME = 'https://lcw.app';

/**
 * The learner's private page for one offer: "Add to your wallet" with the QR code a phone's
 * wallet scans and a button for the wallet on this phone. It is never the employer's view: the
 * link in it claims the credential, so it names only what the learner needs to recognise it.
 */
export function renderClaimPage(input: ClaimPageInput, language: Language): string {
  const t = translate(language);
  const view = readCredentialView(input.credential);
  const name = view.achievement.name ?? t('credential.unnamed');
  const issuer = view.issuer.name ?? view.issuer.id ?? '';
  const offered = html`<p>${t('claim.intro', { name, issuer })}</p>
    <figure class="claim-qr">
      <img src="${input.qrDataUrl}" width="256" height="256" alt="${t('claim.qrAlt')}" />
    </figure>
    <p><a class="button" href="${input.deepLink}">${t('claim.openWallet')}</a></p>
    <p>${t('claim.once', { date: formatDateTime(input.expiresAt, language) })}</p>
    <p>${t('claim.private')}</p>
    <p><a href="${LCW_HOME}" rel="noopener noreferrer">${t('claim.getWallet')}</a></p>`;
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
