// The table of an issuer's credentials, on Home (the latest few), Learners (one learner's) and
// Credentials (a search, with a tick box each for staff who may change status).
import type { IssuerCredentialItem } from '../../published/issuerCredentials.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../i18n/dates.js';
import type { Language } from '../i18n/languages.js';
import type { ConsoleTranslate } from './i18n/consoleMessages.js';
import { consoleHref } from './layout.js';

export function credentialTable(
  t: ConsoleTranslate,
  language: Language,
  basePath: string,
  items: readonly IssuerCredentialItem[],
  options: { selectable: boolean },
): SafeHtml {
  return html`<div class="table-scroll">
    <table class="console-table">
      <thead>
        <tr>
          ${
            options.selectable
              ? html`<th scope="col">
                  <span class="visually-hidden">${t('selection.column')}</span>
                </th>`
              : ''
          }
          <th scope="col">${t('credentials.name')}</th>
          <th scope="col">${t('credentials.issued')}</th>
          <th scope="col">${t('credentials.state')}</th>
          <th scope="col">${t('credentials.actions')}</th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (item) =>
            html`<tr>
              ${
                options.selectable
                  ? html`<td>
                      <input
                        type="checkbox"
                        name="credential"
                        value="${item.id}"
                        aria-label="${t('selection.pick', { name: item.name })}"
                      />
                    </td>`
                  : ''
              }
              <th scope="row">
                <a href="${item.url}?lang=${language}">${item.name}</a>
                ${
                  item.constituents > 0
                    ? html`<span class="hint">${t('credentials.tier')}</span>`
                    : ''
                }
              </th>
              <td>${formatDate(item.issuedAt, language)}</td>
              <td><span class="pill pill--${item.state}">${t(`state.${item.state}`)}</span></td>
              <td>
                <a href="${consoleHref(basePath, `/console/credentials/${item.id}`, language)}"
                  >${t('search.open')}<span class="visually-hidden">: ${item.name}</span></a
                >
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
