// Settings (owners only): the staff with their roles and the invitation form, and learner
// e-mail and wallet claim links on or off, with the table of message templates. Plain forms
// with the CSRF field: everything works without JavaScript.
import type { StaffEntry } from '../../accounts/staffDirectory.js';
import { ROLES } from '../../core/roles.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../i18n/dates.js';
import { LANGUAGES, messagesOf } from '../i18n/languages.js';
import { inputField } from './forms.js';
import { consoleTranslate, type ConsoleTranslate } from './i18n/consoleMessages.js';
import { postForm, settingsPage, type SettingsFrame as Frame } from './settingsFrame.js';
import { templatesSection } from './settingsMailTemplatePages.js';
import type { MailTemplateView } from '../../mail/mailTemplates.js';

const PILL: Record<StaffEntry['state'], string> = {
  active: 'active',
  invited: 'suspended',
  expired: 'expired',
};

function staffRow(frame: Frame, t: ConsoleTranslate, entry: StaffEntry, self: boolean): SafeHtml {
  const roleId = `role-${entry.id}`;
  const actions =
    entry.state === 'active'
      ? self
        ? html``
        : html`${postForm(
            frame,
            `/console/settings/staff/${entry.id}/role`,
            html`<label for="${roleId}">${t('staff.newRole', { email: entry.email })}</label>
              <select id="${roleId}" name="role">
                ${ROLES.map(
                  (role) =>
                    html`<option value="${role}" ${role === entry.role ? html`selected` : ''}>
                      ${t(`role.${role}`)}
                    </option>`,
                )}
              </select>
              <button class="button button--small" type="submit">${t('staff.changeRole')}</button>`,
          )}
          ${postForm(
            frame,
            `/console/settings/staff/${entry.id}/remove`,
            html`<button
              class="button button--quiet button--small"
              type="submit"
              aria-label="${t('staff.removeLabel', { email: entry.email })}"
            >
              ${t('staff.remove')}
            </button>`,
          )}`
      : postForm(
          frame,
          `/console/settings/invitations/${entry.id}/withdraw`,
          html`<button
            class="button button--quiet button--small"
            type="submit"
            aria-label="${t('staff.withdrawLabel', { email: entry.email })}"
          >
            ${t('staff.withdraw')}
          </button>`,
        );
  return html`<tr>
    <th scope="row">${entry.email} ${self ? t('staff.you') : ''}</th>
    <td>${t(`role.${entry.role}`)}</td>
    <td><span class="pill pill--${PILL[entry.state]}">${t(`staff.state.${entry.state}`)}</span></td>
    <td>${formatDate(entry.since, frame.language)}</td>
    <td>${actions}</td>
  </tr>`;
}

export function renderStaffPage(frame: Frame & { staff: StaffEntry[] }): string {
  const t = consoleTranslate(frame.language);
  return settingsPage(
    frame,
    'staff',
    t('settings.staff'),
    html`<p>${t('staff.intro')}</p>
      <div class="table-scroll">
        <table class="console-table">
          <thead>
            <tr>
              <th scope="col">${t('staff.email')}</th>
              <th scope="col">${t('staff.role')}</th>
              <th scope="col">${t('settings.state')}</th>
              <th scope="col">${t('staff.since')}</th>
              <th scope="col">${t('settings.actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${frame.staff.map((entry) =>
              staffRow(
                frame,
                t,
                entry,
                entry.email === frame.signedIn.email && entry.state === 'active',
              ),
            )}
          </tbody>
        </table>
      </div>
      <section class="card narrow">
        <h2>${t('staff.invite')}</h2>
        <p class="hint">${t('staff.inviteHint')}</p>
        ${postForm(
          frame,
          '/console/settings/staff/invite',
          html`${inputField({
              id: 'email',
              label: t('staff.email'),
              type: 'email',
              required: true,
              autocomplete: 'off',
            })}
            <div class="field">
              <label for="invite-role">${t('staff.role')}</label>
              <select id="invite-role" name="role">
                ${ROLES.map(
                  // The least rights by default: an owner is chosen on purpose.
                  (role) =>
                    html`<option value="${role}" ${role === 'viewer' ? html`selected` : ''}>
                      ${t(`role.${role}`)}
                    </option>`,
                )}
              </select>
            </div>
            <div class="field">
              <label for="invite-language">${t('staff.inviteLanguage')}</label>
              <select id="invite-language" name="language">
                ${LANGUAGES.map(
                  (code) =>
                    html`<option
                      value="${code}"
                      lang="${code}"
                      ${code === frame.language ? html`selected` : ''}
                    >
                      ${messagesOf(code)['language.name']}
                    </option>`,
                )}
              </select>
            </div>
            <button class="button" type="submit">${t('staff.inviteSubmit')}</button>`,
        )}
      </section>`,
  );
}

export function renderEmailPage(
  frame: Frame & { enabled: boolean; walletClaim: boolean; templates: MailTemplateView[] },
): string {
  const t = consoleTranslate(frame.language);
  const onOff = (action: string, on: boolean, turnOff: string, turnOn: string) =>
    postForm(
      frame,
      action,
      html`<input type="hidden" name="enabled" value="${on ? 'false' : 'true'}" />
        <button class="button" type="submit">${on ? turnOff : turnOn}</button>`,
    );
  return settingsPage(
    frame,
    'email',
    t('settings.email'),
    html`<div class="card narrow">
        <p>${t('email.intro')}</p>
        <p><strong>${frame.enabled ? t('email.on') : t('email.off')}</strong></p>
        <p class="hint">${t('email.staffNote')}</p>
        ${onOff('/console/settings/email', frame.enabled, t('email.turnOff'), t('email.turnOn'))}
      </div>
      <section class="card narrow" aria-labelledby="wallet-claim">
        <h2 id="wallet-claim">${t('wallet.title')}</h2>
        <p>${t('wallet.intro')}</p>
        <p><strong>${frame.walletClaim ? t('wallet.on') : t('wallet.off')}</strong></p>
        <p class="hint">${t('wallet.note')}</p>
        ${onOff(
          '/console/settings/wallet-claim',
          frame.walletClaim,
          t('wallet.turnOff'),
          t('wallet.turnOn'),
        )}
      </section>
      ${templatesSection(frame, frame.templates)}`,
  );
}
