// A form posted before sign-in (sign-in, an invitation, a passkey): no session to derive a CSRF
// token from, so its token must match the console_form cookie the form page set; otherwise the
// post gets the 403 page and nothing is done.
import { sameToken } from '../../accounts/secretTokens.js';
import type { Services } from '../../services.js';
import type { RouteRequest, RouteResponse } from '../route.js';
import { errorPage } from './consolePage.js';
import {
  consoleBasics,
  readConsoleForm,
  type ConsoleBasics,
  type ConsoleForm,
} from './consoleRequest.js';
import { FORM_COOKIE } from './cookies.js';

export type SignedOutPost =
  { basics: ConsoleBasics; form: ConsoleForm } | { refused: RouteResponse };

export async function readSignedOutForm(
  request: RouteRequest<unknown>,
  services: Services,
): Promise<SignedOutPost> {
  const basics = consoleBasics(request, services);
  const form = await readConsoleForm(request.rawBody);
  const cookie = basics.cookies.get(FORM_COOKIE);
  if (cookie === undefined || !sameToken(cookie, form.fields.get('csrf'))) {
    return { refused: errorPage(basics, undefined, 'csrf', 403) };
  }
  return { basics, form };
}
