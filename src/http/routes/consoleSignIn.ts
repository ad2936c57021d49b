// Signing in and out of the console, and accepting an invitation.
import { MIN_PASSWORD_LENGTH } from '../../accounts/passwords.js';
import { ProblemError, UnauthenticatedError, ValidationError } from '../../core/problems.js';
import {
  renderSignInPage,
  renderInvitationPage,
  type SignInNotice,
} from '../../pages/console/signInPages.js';
import { consoleTranslate } from '../../pages/console/i18n/consoleMessages.js';
import { passkeyScript } from '../../pages/passkeyBundle.js';
import type { Services } from '../../services.js';
import { readSignedOutForm } from '../console/signedOutForm.js';
import {
  consoleBasics,
  consoleFormBody,
  consoleHtml,
  redirectTo,
  signedInOf,
  type ConsoleBasics,
} from '../console/consoleRequest.js';
import { consolePage, errorPage } from '../console/consolePage.js';
import { clearedSessionCookie, formToken, sessionCookie } from '../console/sessionCookies.js';
import { defineRoute, type RouteRequest, type RouteResponse } from '../route.js';

const NOTICES: readonly SignInNotice[] = ['signedOut', 'signedOutEverywhere', 'sessionEnded'];
const noticeOf = (value: unknown): SignInNotice | undefined =>
  NOTICES.find((notice) => notice === value);

const pageResponses = {
  200: { description: 'The page (text/html)', contentType: 'text/html' },
  303: { description: 'On to the next page (Location)' },
};

export async function signInPage(
  basics: ConsoleBasics,
  services: Services,
  status: number,
  extra: { email?: string; notice?: SignInNotice },
): Promise<RouteResponse> {
  const form = formToken(services.config, basics.cookies);
  const passkeyScriptPath = (await passkeyScript()).path;
  return consoleHtml(
    renderSignInPage({ ...basics, formToken: form.token, passkeyScriptPath, ...extra }),
    basics.language,
    status,
    form.setCookie ? { 'Set-Cookie': form.setCookie } : {},
    { asksService: true },
  );
}

const tokenOf = (request: RouteRequest<unknown>): string => request.params.token ?? '';

async function invitationPage(
  request: RouteRequest<unknown>,
  services: Services,
  status: number,
  problems: string[] = [],
): Promise<RouteResponse> {
  const basics = consoleBasics(request, services);
  const token = tokenOf(request);
  try {
    const invitation = await services.staffInvitations.open(token);
    const form = formToken(services.config, basics.cookies);
    return consoleHtml(
      renderInvitationPage({
        ...basics,
        token,
        formToken: form.token,
        issuerName: invitation.issuerName,
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt,
        problems,
      }),
      basics.language,
      status,
      form.setCookie ? { 'Set-Cookie': form.setCookie } : {},
    );
  } catch (error) {
    if (error instanceof ProblemError && error.status < 500) {
      return errorPage(
        basics,
        undefined,
        error.status === 404 ? 'notFound' : 'refused',
        error.status,
        error.message,
      );
    }
    throw error;
  }
}

export const consoleSignInRoutes = [
  defineRoute({
    method: 'get',
    path: '/console/sign-in',
    operationId: 'getConsoleSignIn',
    summary: 'The console sign-in form (en, zh-TW, ja)',
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    async handle(request, services) {
      const basics = consoleBasics(request, services);
      if (await signedInOf(request, services)) return redirectTo(basics, '/console');
      return signInPage(basics, services, 200, { notice: noticeOf(request.query.notice) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/console/sign-in',
    operationId: 'consoleSignIn',
    summary:
      'Sign in with e-mail and password: sets the session cookie; failed attempts are limited per account and per address (429 page saying when to retry)',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      ...pageResponses,
      401: {
        description: 'The form again: the e-mail or password is wrong',
        contentType: 'text/html',
      },
      403: { description: 'The form token is missing or wrong', contentType: 'text/html' },
      429: { description: 'Too many failed attempts: when to retry', contentType: 'text/html' },
    },
    async handle(request, services) {
      const posted = await readSignedOutForm(request, services);
      if ('refused' in posted) return posted.refused;
      const { basics } = posted;
      const { fields } = posted.form;
      const email = fields.get('email') ?? '';
      try {
        const started = await services.consoleSessions.signIn(email, fields.get('password') ?? '');
        return redirectTo(basics, '/console', {
          'Set-Cookie': sessionCookie(services.config, started.sessionId),
        });
      } catch (error) {
        if (error instanceof UnauthenticatedError) {
          return signInPage(basics, services, 401, { email, notice: 'wrong' });
        }
        throw error;
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: '/console/invitations/:token',
    operationId: 'getConsoleInvitation',
    summary: 'An invitation link: the form where the invitee sets a password',
    tag: 'Console',
    access: 'public',
    responses: {
      ...pageResponses,
      404: { description: 'No such invitation', contentType: 'text/html' },
      409: { description: 'Already used', contentType: 'text/html' },
      410: { description: 'Expired', contentType: 'text/html' },
    },
    async handle(request, services) {
      return invitationPage(request, services, 200);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/console/invitations/:token',
    operationId: 'acceptConsoleInvitation',
    summary: 'Accept an invitation: set the password (argon2id), make the account, sign in',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      ...pageResponses,
      403: { description: 'The form token is missing or wrong', contentType: 'text/html' },
      422: {
        description: 'The form again: the password is too short or differs',
        contentType: 'text/html',
      },
    },
    async handle(request, services) {
      const posted = await readSignedOutForm(request, services);
      if ('refused' in posted) return posted.refused;
      const { basics } = posted;
      const { fields } = posted.form;
      const t = consoleTranslate(basics.language);
      const password = fields.get('password') ?? '';
      if (password !== (fields.get('confirm') ?? '')) {
        return invitationPage(request, services, 422, [t('invitation.mismatch')]);
      }
      try {
        const staff = await services.staffInvitations.accept(tokenOf(request), password);
        const started = await services.consoleSessions.start(staff);
        return redirectTo(basics, '/console', {
          'Set-Cookie': sessionCookie(services.config, started.sessionId),
        });
      } catch (error) {
        if (error instanceof ValidationError) {
          return invitationPage(request, services, 422, [
            t('invitation.tooShort', { min: MIN_PASSWORD_LENGTH }),
          ]);
        }
        if (error instanceof ProblemError && error.status < 500) {
          return errorPage(basics, undefined, 'refused', error.status, error.message);
        }
        throw error;
      }
    },
  }),
  defineRoute({
    method: 'post',
    path: '/console/sign-out',
    operationId: 'consoleSignOut',
    summary: 'Sign out: ends this session',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: pageResponses,
    handle: consolePage(
      async (signedIn, _request, services) => {
        await services.consoleSessions.signOut(signedIn.sessionId);
        return redirectTo(signedIn, '/console/sign-in?notice=signedOut', {
          'Set-Cookie': clearedSessionCookie(services.config),
        });
      },
      { form: true },
    ),
  }),
  defineRoute({
    method: 'post',
    path: '/console/sign-out-everywhere',
    operationId: 'consoleSignOutEverywhere',
    summary: 'Sign out everywhere: ends every session of this account',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: pageResponses,
    handle: consolePage(
      async (signedIn, _request, services) => {
        await services.consoleSessions.signOutEverywhere(signedIn.session);
        return redirectTo(signedIn, '/console/sign-in?notice=signedOutEverywhere', {
          'Set-Cookie': clearedSessionCookie(services.config),
        });
      },
      { form: true },
    ),
  }),
];
