// The console's Settings (owners only; issuer and viewer get the 403 page): staff and roles,
// learner e-mail and wallet claim links on or off (keys and webhooks: consoleIntegrations.ts;
// message templates: consoleMailTemplates.ts).
// Every form posts with the CSRF token and answers by redirect.
import { ValidationError } from '../../core/problems.js';
import { isRole } from '../../core/roles.js';
import { renderEmailPage, renderStaffPage } from '../../pages/console/settingsPages.js';
import type { Services } from '../../services.js';
import { redirectTo } from '../console/consoleRequest.js';
import { settingsGet, settingsPost as post } from '../console/settingsRoute.js';

/** A switch on the E-mail tab: the form's `enabled` field is "true" or not. */
const onOff = (
  path: string,
  operationId: string,
  summary: string,
  set: (services: Services, slug: string, on: boolean) => Promise<unknown>,
) =>
  post(path, operationId, summary, async (signedIn, _request, services, form) => {
    await set(services, signedIn.session.issuerSlug, form.fields.get('enabled') === 'true');
    return redirectTo(signedIn, '/console/settings/email?done=email');
  });

export const consoleSettingsRoutes = [
  settingsGet(
    '/console/settings',
    'getConsoleSettings',
    'Settings: the staff with role and state, forms to invite, change a role, remove',
    async (frame, services, slug) =>
      renderStaffPage({ ...frame, staff: await services.staffDirectory.list(slug) }),
  ),
  post(
    '/console/settings/staff/invite',
    'consoleInviteStaff',
    'Invite a staff member from Settings: the invitation e-mail is queued to the address',
    async (signedIn, _request, services, form) => {
      const email = form.fields.get('email')?.trim() ?? '';
      const role = form.fields.get('role') ?? '';
      if (!isRole(role)) throw new ValidationError([{ field: 'role', message: 'is not a role' }]);
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
        throw new ValidationError([{ field: 'email', message: 'must be an e-mail address' }]);
      }
      const language = form.fields.get('language');
      await services.staffInvitations.invite(
        signedIn.session.issuerSlug,
        { email, role, ...(language ? { language } : {}) },
        `staff:${signedIn.session.staffId}`,
      );
      return redirectTo(
        signedIn,
        `/console/settings?done=invited&email=${encodeURIComponent(email)}`,
      );
    },
  ),
  post(
    '/console/settings/staff/:id/role',
    'consoleSetStaffRole',
    "Change a member's role from Settings (never one's own)",
    async (signedIn, request, services, form) => {
      const role = form.fields.get('role') ?? '';
      if (!isRole(role)) throw new ValidationError([{ field: 'role', message: 'is not a role' }]);
      await services.staffDirectory.changeRole(
        signedIn.session.issuerSlug,
        String(request.params.id ?? ''),
        role,
        signedIn.session.staffId,
      );
      return redirectTo(signedIn, '/console/settings?done=role');
    },
  ),
  post(
    '/console/settings/staff/:id/remove',
    'consoleRemoveStaff',
    'Remove a member from Settings: the account goes and its sessions end',
    async (signedIn, request, services) => {
      await services.staffDirectory.remove(
        signedIn.session.issuerSlug,
        String(request.params.id ?? ''),
        signedIn.session.staffId,
      );
      return redirectTo(signedIn, '/console/settings?done=removed');
    },
  ),
  post(
    '/console/settings/invitations/:id/withdraw',
    'consoleWithdrawInvitation',
    'Withdraw an unused invitation from Settings',
    async (signedIn, request, services) => {
      await services.staffDirectory.withdraw(
        signedIn.session.issuerSlug,
        String(request.params.id ?? ''),
      );
      return redirectTo(signedIn, '/console/settings?done=withdrawn');
    },
  ),
  settingsGet(
    '/console/settings/email',
    'getConsoleEmailSetting',
    "Settings: the issuer's learner e-mail and wallet claim links, each on or off, and its message templates",
    async (frame, services, slug) =>
      renderEmailPage({
        ...frame,
        enabled: (await services.learnerMail.setting(slug)).enabled,
        walletClaim: (await services.automaticOffers.setting(slug)).walletClaim,
        templates: await services.mailTemplates.list(slug),
      }),
  ),
  onOff(
    '/console/settings/email',
    'consoleSetEmail',
    "Turn the issuer's learner e-mail on or off from Settings",
    (services, slug, on) => services.learnerMail.setEnabled(slug, on),
  ),
  onOff(
    '/console/settings/wallet-claim',
    'consoleSetWalletClaim',
    "Turn the issuer's wallet claim links (walletClaim) on or off from Settings",
    (services, slug, on) => services.automaticOffers.setWalletClaim(slug, on),
  ),
];
