// One credential as its issuer's staff see it: what it is, where it stands, every status change,
// its public page, and for those who may act, the status change, renewal and wallet offers.
import type { IssuerCredentialItem, StatusChange } from '../../published/issuerCredentials.js';
import { html } from '../html.js';
import { formatDate, formatDateTime } from '../i18n/dates.js';
import type { Language } from '../i18n/languages.js';
import type { OfferView } from '../../wallets/walletOffers.js';
import { actionsFrom } from './credentialsPages.js';
import { csrfField } from './forms.js';
import { consoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref, renderConsolePage, type SignedInFrame } from './layout.js';
import { walletOffersSection } from './walletOffersSection.js';

export interface CredentialDetailModel {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  item: IssuerCredentialItem;
  achievementName?: string;
  /** The JSON of the credential (GET /credentials/{uuid}). */
  documentUrl: string;
  history: StatusChange[];
  mayChange: boolean;
  mayRenew: boolean;
  /** Just made by a renewal. */
  renewed: boolean;
  /** The credential's wallet offers, for those who may award. */
  offers?: OfferView[];
}

export function renderCredentialDetailPage(model: CredentialDetailModel): string {
  const { language, basePath, signedIn, item } = model;
  const t = consoleTranslate(language);
  const path = `/console/credentials/${item.id}`;
  const renewable = item.state !== 'revoked' && item.constituents === 0;
  const changeable = actionsFrom(item.state, item.suspendable).length > 0;
  return renderConsolePage({
    language,
    t,
    basePath,
    title: item.name,
    path,
    signedIn,
    section: 'credentials',
    main: html`<h1>${item.name}</h1>
      ${model.renewed ? html`<p class="card notice" role="status">${t('detail.renewed')}</p>` : ''}
      <dl class="card facts">
        ${
          model.achievementName
            ? html`<dt>${t('detail.achievement')}</dt>
                <dd>${model.achievementName}</dd>`
            : ''
        }
        <dt>${t('credentials.issued')}</dt>
        <dd>${formatDate(item.issuedAt, language)}</dd>
        <dt>${t('detail.validUntil')}</dt>
        <dd>${item.validUntil ? formatDate(item.validUntil, language) : t('detail.noEnd')}</dd>
        <dt>${t('credentials.state')}</dt>
        <dd><span class="pill pill--${item.state}">${t(`state.${item.state}`)}</span></dd>
        ${
          item.renewalOf
            ? html`<dt>${t('detail.renews')}</dt>
                <dd>
                  <a
                    href="${consoleHref(basePath, `/console/credentials/${item.renewalOf}`, language)}"
                    >${item.renewalOf}</a
                  >
                </dd>
                ${
                  item.renewalReason
                    ? html`<dt>${t('detail.renewalReason')}</dt>
                        <dd>${item.renewalReason}</dd>`
                    : ''
                }`
            : ''
        }
        <dt>${t('status.page')}</dt>
        <dd><a href="${item.url}?lang=${language}">${item.url}</a></dd>
        <dt>${t('detail.document')}</dt>
        <dd><a href="${model.documentUrl}">${model.documentUrl}</a></dd>
      </dl>
      ${
        model.mayChange && changeable
          ? html`<p>
              <a
                class="button"
                href="${consoleHref(basePath, `/console/credentials/${item.id}/status`, language)}"
                >${t('credentials.change')}</a
              >
            </p>`
          : ''
      }
      <h2>${t('detail.history')}</h2>
      ${
        model.history.length === 0
          ? html`<p class="card">${t('detail.noHistory', { state: t(`state.${item.state}`) })}</p>`
          : html`<div class="table-scroll">
              <table class="console-table">
                <thead>
                  <tr>
                    <th scope="col">${t('detail.when')}</th>
                    <th scope="col">${t('detail.what')}</th>
                    <th scope="col">${t('detail.who')}</th>
                    <th scope="col">${t('detail.why')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${model.history.map(
                    (event) =>
                      html`<tr>
                        <td>${formatDateTime(event.at, language)}</td>
                        <td>
                          <span class="pill pill--${event.state}"
                            >${t(`state.${event.state}`)}</span
                          >
                        </td>
                        <td>${event.actor}</td>
                        <td>${event.reason}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      ${
        model.mayRenew
          ? html`<section class="card" aria-labelledby="renew-title">
              <h2 id="renew-title">${t('renew.title')}</h2>
              ${
                renewable
                  ? html`<p>${t('renew.explain')}</p>
                      <form
                        method="post"
                        action="${consoleHref(basePath, `${path}/renew`, language)}"
                      >
                        ${csrfField(signedIn.csrfToken)}
                        <div class="field">
                          <label for="renew-reason">${t('renew.reason')}</label>
                          <p class="hint" id="renew-reason-hint">${t('renew.reasonHint')}</p>
                          <input
                            id="renew-reason"
                            name="reason"
                            type="text"
                            maxlength="1000"
                            required
                            aria-describedby="renew-reason-hint"
                          />
                        </div>
                        <button class="button" type="submit">${t('renew.submit')}</button>
                      </form>`
                  : html`<p>${t('renew.not')}</p>`
              }
            </section>`
          : ''
      }
      ${
        model.offers
          ? walletOffersSection(model, item.id, model.offers, item.state === 'active')
          : ''
      }`,
  });
}
