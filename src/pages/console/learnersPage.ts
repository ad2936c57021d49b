// Learners: one learner, looked up by e-mail address: the credentials this issuer issued them and
// how far they are toward each tier it awards ("1 more of: IT Passport, G検定").
import type { IssuerCredentialItem } from '../../published/issuerCredentials.js';
import type { TierProgress } from '../../stacking/progress.js';
import { html, type SafeHtml } from '../html.js';
import type { Language } from '../i18n/languages.js';
import { credentialTable } from './credentialTable.js';
import { errorSummary, inputField } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { renderConsolePage, type SignedInFrame } from './layout.js';
import { shortfallLines, type NameOf } from './ruleSentence.js';

export interface LearnersModel {
  language: Language;
  basePath: string;
  signedIn: SignedInFrame;
  email: string;
  emailError?: string;
  /** Absent before a lookup; `unknown` when this issuer issued nothing to the address. */
  found?: { credentials: IssuerCredentialItem[]; tiers: TierProgress[] } | 'unknown';
  nameOf: NameOf;
}

function tierRows(t: ConsoleTranslate, model: LearnersModel, tiers: TierProgress[]): SafeHtml {
  const standing = (tier: TierProgress): SafeHtml => {
    if (tier.held) return html`<span class="pill pill--active">${t('learners.held')}</span>`;
    if (tier.met) return html`${t('learners.met')}`;
    const lines = shortfallLines(tier.shortfalls, t, model.nameOf);
    return html`<ul class="plain">
      ${lines.map((line) => html`<li>${line}</li>`)}
    </ul>`;
  };
  return html`<div class="table-scroll">
    <table class="console-table">
      <thead>
        <tr>
          <th scope="col">${t('learners.tier')}</th>
          <th scope="col">${t('learners.standing')}</th>
        </tr>
      </thead>
      <tbody>
        ${tiers.map(
          (tier) =>
            html`<tr>
              <th scope="row">${model.nameOf(tier.achievement)}</th>
              <td>${standing(tier)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function found(t: ConsoleTranslate, model: LearnersModel): SafeHtml {
  const { found: result, signedIn, language, basePath } = model;
  if (result === undefined) return html``;
  if (result === 'unknown') {
    return html`<p class="card" role="status">${t('learners.unknown')}</p>`;
  }
  const issuer = signedIn.issuerName;
  return html`<h2>${t('learners.credentials', { issuer })}</h2>
    ${credentialTable(t, language, basePath, result.credentials, { selectable: false })}
    <h2>${t('learners.progress')}</h2>
    ${
      result.tiers.length === 0
        ? html`<p class="card">${t('learners.noTiers', { issuer })}</p>`
        : tierRows(t, model, result.tiers)
    }`;
}

export function renderLearnersPage(model: LearnersModel): string {
  const { language, basePath, signedIn } = model;
  const t = consoleTranslate(language);
  return renderConsolePage({
    language,
    t,
    basePath,
    title: t('learners.title'),
    path: '/console/learners',
    signedIn,
    section: 'learners',
    main: html`<h1>${t('learners.title')}</h1>
      <p>${t('learners.intro')}</p>
      ${errorSummary(t, model.emailError ? [`${t('search.email')}: ${model.emailError}`] : [])}
      <form class="card lookup" method="get" action="${basePath}/console/learners" role="search">
        <input type="hidden" name="lang" value="${language}" />
        ${inputField({
          id: 'email',
          label: t('search.email'),
          type: 'email',
          value: model.email,
          hint: t('search.emailHint'),
          required: true,
          autocomplete: 'off',
          ...(model.emailError ? { error: model.emailError } : {}),
        })}
        <button class="button" type="submit">${t('learners.submit')}</button>
      </form>
      ${found(t, model)}`,
  });
}
