// Console passkeys: the Passkeys page where a signed-in member adds and removes theirs, and
// signing in with one. The browser's passkey dialog needs a challenge first (the options routes,
// answered as JSON to the passkey script); what the dialog answered then comes back in an
// ordinary form post, checked like every console form (CSRF) and by the passkey-response schema.
import type { ConsolePasskeys } from '../../accounts/consolePasskeys.js';
import { MAX_PASSKEY_NAME_LENGTH } from '../../accounts/consolePasskeys.js';
import {
  ConflictError,
  UnauthenticatedError,
  ValidationError,
  type FieldError,
} from '../../core/problems.js';
import { consoleTranslate } from '../../pages/console/i18n/consoleMessages.js';
import {
  renderPasskeysPage,
  type PasskeyFormErrors,
  type PasskeysNotice,
} from '../../pages/console/passkeysPage.js';
import { PASSKEY_SCRIPT_PATH, passkeyScript } from '../../pages/passkeyBundle.js';
import { validate } from '../../schemas.js';
import type { Services } from '../../services.js';
import { consolePage, errorPage } from '../console/consolePage.js';
import {
  consoleFormBody,
  consoleHtml,
  redirectTo,
  type ConsoleForm,
  type SignedIn,
} from '../console/consoleRequest.js';
import { PASSKEY_OPTIONS_PATH, PASSKEY_SIGN_IN_PATH } from '../console/signInLimits.js';
import { readSignedOutForm } from '../console/signedOutForm.js';
import { sessionCookie } from '../console/sessionCookies.js';
import { defineRoute, type RouteResponse } from '../route.js';
import { signInPage } from './consoleSignIn.js';

type RegistrationResponse = Parameters<ConsolePasskeys['register']>[2];
type AuthenticationResponse = Parameters<ConsolePasskeys['authenticate']>[0];

const NOTICES: readonly PasskeysNotice[] = ['added', 'removed'];
const noticeOf = (value: unknown): PasskeysNotice | undefined =>
  NOTICES.find((notice) => notice === value);

/** A WebAuthn credential id: base64url, as the browser gives it (at most 1023 bytes). */
const PASSKEY_ID = /^[A-Za-z0-9_-]{1,1400}$/;

const pageResponses = {
  200: { description: 'The page (text/html)', contentType: 'text/html' },
  303: { description: 'On to the next page (Location)' },
  403: { description: 'The form token is missing or wrong', contentType: 'text/html' },
};

const optionsResponses = {
  200: { description: 'Options for the browser passkey dialog', schema: 'passkey-options' },
  403: { description: 'The form token is missing or wrong', contentType: 'text/html' },
};

/** What the passkey dialog answered, from the form's "response" field, checked for shape. */
function responseOf<T>(form: ConsoleForm): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(form.fields.get('response') ?? '');
  } catch {
    throw new ValidationError([
      { field: 'response', message: "is not the browser's passkey answer (JSON)" },
    ]);
  }
  return validate<T>('passkey-response', parsed, 'response');
}

async function passkeysPage(
  signedIn: SignedIn,
  services: Services,
  status: number,
  extra: { notice?: PasskeysNotice; name?: string; errors?: PasskeyFormErrors } = {},
): Promise<RouteResponse> {
  const passkeys = await services.consolePasskeys.list(signedIn.session.staffId);
  return consoleHtml(
    renderPasskeysPage({
      language: signedIn.language,
      basePath: signedIn.basePath,
      signedIn: signedIn.frame,
      passkeys,
      scriptPath: (await passkeyScript()).path,
      ...extra,
    }),
    signedIn.language,
    status,
    {},
    { asksService: true },
  );
}

function formErrorsOf(signedIn: SignedIn, errors: readonly FieldError[]): PasskeyFormErrors {
  const t = consoleTranslate(signedIn.language);
  const named = (field: string) =>
    errors.some((error) => error.field === field || error.field.startsWith(`${field}.`));
  return {
    ...(named('name') ? { name: t('passkeys.badName', { max: MAX_PASSKEY_NAME_LENGTH }) } : {}),
    ...(named('response') ? { response: t('passkeys.badResponse') } : {}),
  };
}

export const consolePasskeyRoutes = [
  defineRoute({
    method: 'get',
    path: PASSKEY_SCRIPT_PATH,
    operationId: 'getConsolePasskeyScript',
    summary:
      "The console's passkey script (built with esbuild from src/pages/passkeyScript and @simplewebauthn/browser): runs the browser's passkey dialog for the Passkeys page and the sign-in form",
    tag: 'Console',
    access: 'public',
    responses: { 200: { description: 'The script', contentType: 'text/javascript' } },
    async handle() {
      const asset = await passkeyScript();
      return {
        status: 200,
        body: asset.body,
        contentType: asset.contentType,
        // Pages link it with a content hash, so a changed script gets a new URL.
        headers: { 'Cache-Control': 'public, max-age=31536000, immutable' },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/console/passkeys',
    operationId: 'getConsolePasskeys',
    summary: "Your passkeys: the signed-in member's passkeys, and the form to add one",
    tag: 'Console',
    access: 'public',
    responses: pageResponses,
    handle: consolePage(async (signedIn, request, services) =>
      passkeysPage(signedIn, services, 200, { notice: noticeOf(request.query.notice) }),
    ),
  }),
  defineRoute({
    method: 'post',
    path: '/console/passkeys/options',
    operationId: 'consolePasskeyRegistrationOptions',
    summary:
      'Options to make a passkey for the signed-in member (a registration challenge, used once within five minutes; passkeys already there are excluded)',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: optionsResponses,
    handle: consolePage(
      async (signedIn, _request, services) => ({
        status: 200,
        body: await services.consolePasskeys.registrationOptions(
          signedIn.session,
          signedIn.frame.issuerName,
        ),
        headers: { 'Cache-Control': 'no-store' },
      }),
      { form: true },
    ),
  }),
  defineRoute({
    method: 'post',
    path: '/console/passkeys',
    operationId: 'consoleAddPasskey',
    summary:
      "Add a passkey: its name and the browser's answer to the registration challenge (verified, user verification required)",
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      ...pageResponses,
      409: {
        description: 'The page again: this passkey is registered already',
        contentType: 'text/html',
      },
      422: {
        description: "The page again: the name, or the browser's answer, was refused",
        contentType: 'text/html',
      },
    },
    handle: consolePage(
      async (signedIn, _request, services, form) => {
        const name = form.fields.get('name') ?? '';
        try {
          await services.consolePasskeys.register(
            signedIn.session,
            name,
            responseOf<RegistrationResponse>(form),
          );
          return redirectTo(signedIn, '/console/passkeys?notice=added');
        } catch (error) {
          if (error instanceof ValidationError) {
            return passkeysPage(signedIn, services, 422, {
              name,
              errors: formErrorsOf(signedIn, error.errors),
            });
          }
          if (error instanceof ConflictError) {
            const t = consoleTranslate(signedIn.language);
            return passkeysPage(signedIn, services, 409, {
              name,
              errors: { response: t('passkeys.registered') },
            });
          }
          throw error;
        }
      },
      { form: true },
    ),
  }),
  defineRoute({
    method: 'post',
    path: '/console/passkeys/:id/remove',
    operationId: 'consoleRemovePasskey',
    summary: 'Remove one of your passkeys: it no longer signs you in',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      ...pageResponses,
      404: { description: 'You have no passkey of this id', contentType: 'text/html' },
    },
    handle: consolePage(
      async (signedIn, request, services) => {
        const id = request.params.id ?? '';
        if (!PASSKEY_ID.test(id)) return errorPage(signedIn, signedIn, 'notFound', 404);
        await services.consolePasskeys.remove(signedIn.session.staffId, id);
        return redirectTo(signedIn, '/console/passkeys?notice=removed');
      },
      { form: true },
    ),
  }),
  defineRoute({
    method: 'post',
    path: PASSKEY_OPTIONS_PATH,
    operationId: 'consolePasskeySignInOptions',
    summary:
      'Options to sign in with a passkey (a sign-in challenge, used once within five minutes); counted per client address',
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      ...optionsResponses,
      429: {
        description: 'Too many challenges asked for: when to retry',
        contentType: 'text/html',
      },
    },
    async handle(request, services) {
      const posted = await readSignedOutForm(request, services);
      if ('refused' in posted) return posted.refused;
      return {
        status: 200,
        body: await services.consolePasskeys.authenticationOptions(),
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: PASSKEY_SIGN_IN_PATH,
    operationId: 'consolePasskeySignIn',
    summary:
      "Sign in with a passkey: the browser's answer to a sign-in challenge; sets the session cookie. Failed attempts are limited per client address",
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses: {
      ...pageResponses,
      401: {
        description: 'The sign-in form again: the passkey did not sign in',
        contentType: 'text/html',
      },
      429: { description: 'Too many failed attempts: when to retry', contentType: 'text/html' },
    },
    async handle(request, services) {
      const posted = await readSignedOutForm(request, services);
      if ('refused' in posted) return posted.refused;
      const { basics, form } = posted;
      try {
        const staff = await services.consolePasskeys.authenticate(
          responseOf<AuthenticationResponse>(form),
        );
        const started = await services.consoleSessions.start(staff);
        return redirectTo(basics, '/console', {
          'Set-Cookie': sessionCookie(services.config, started.sessionId),
        });
      } catch (error) {
        if (error instanceof UnauthenticatedError || error instanceof ValidationError) {
          return signInPage(basics, services, 401, { notice: 'passkeyFailed' });
        }
        throw error;
      }
    },
  }),
];
