// A credential's wallet offers on its console page (for those who may award): each offer's state,
// a form to make one, and the page that shows a new offer's claim link (and PIN) this once.
import type { MadeOffer, OfferView } from '../../wallets/walletOffers.js';
import { html, type SafeHtml } from '../html.js';
import { formatDateTime } from '../i18n/dates.js';
import type { Language } from '../i18n/languages.js';
import { csrfField, shownOnceField } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage, type SignedInFrame } from './layout.js';

const PILL: Record<OfferView['state'], string> = {
  offered: 'suspended',
  claimed: 'active',
  expired: 'expired',
};

interface Frame {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
}

function offersTable(t: ConsoleTranslate, language: Language, offers: OfferView[]): SafeHtml {
  return html`<div class="table-scroll">
    <table class="console-table" data-table="offers">
      <thead>
        <tr>
          <th scope="col">${t('offers.made')}</th>
          <th scope="col">${t('offers.expires')}</th>
          <th scope="col">${t('offers.state')}</th>
          <th scope="col">${t('offers.claimedBy')}</th>
        </tr>
      </thead>
      <tbody>
        ${offers.map(
          (offer) =>
            html`<tr>
              <td>${formatDateTime(offer.createdAt, language)}</td>
              <td>${formatDateTime(offer.expiresAt, language)}</td>
              <td>
                <span class="pill pill--${PILL[offer.state]}"
                  >${t(`offers.state.${offer.state}`)}</span
                >
              </td>
              <td>
                ${
                  offer.claimedAt
                    ? t('offers.claimedAt', {
                        date: formatDateTime(offer.claimedAt, language),
                        holder: offer.holder ?? '',
                      })
                    : ''
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** `offerable`: the credential is active and issued here, so a new offer can be made. */
export function walletOffersSection(
  frame: Frame,
  credentialId: string,
  offers: OfferView[],
  offerable: boolean,
): SafeHtml {
  const t = consoleTranslate(frame.language);
  return html`<section class="card" aria-labelledby="offers-title">
    <h2 id="offers-title">${t('offers.title')}</h2>
    <p>${t('offers.intro')}</p>
    ${
      offers.length === 0
        ? html`<p>${t('offers.none')}</p>`
        : offersTable(t, frame.language, offers)
    }
    ${
      offerable
        ? html`<form
            method="post"
            action="${consoleHref(
              frame.basePath,
              `/console/credentials/${credentialId}/offers`,
              frame.language,
            )}"
          >
            ${csrfField(frame.signedIn.csrfToken)}
            <div class="choice">
              <input type="checkbox" id="offer-pin" name="txCode" value="true" />
              <label for="offer-pin">${t('offers.pin')}</label>
            </div>
            <button class="button" type="submit">${t('offers.submit')}</button>
          </form>`
        : ''
    }
  </section>`;
}

export function renderOfferMadePage(
  frame: Frame & { credentialId: string; credentialName: string; offer: MadeOffer },
): string {
  const { language, basePath, offer } = frame;
  const t = consoleTranslate(language);
  const back = `/console/credentials/${frame.credentialId}`;
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('offers.done.title'),
    path: back,
    signedIn: frame.signedIn,
    section: 'credentials',
    main: html`<h1>${t('offers.done.title')}</h1>
      <div class="card narrow">
        <p><strong>${frame.credentialName}</strong></p>
        <p>${t('offers.done.link', { date: formatDateTime(offer.expiresAt, language) })}</p>
        ${shownOnceField('claim-link', t('offers.done.linkLabel'), offer.claimPage)}
        ${
          offer.txCode
            ? html`<p>${t('offers.done.pin')}</p>
                ${shownOnceField('claim-pin', t('offers.done.pinLabel'), offer.txCode)}`
            : ''
        }
        <p><a href="${consoleHref(basePath, back, language)}">${t('offers.back')}</a></p>
      </div>`,
  });
}
