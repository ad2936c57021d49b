// The frame of every signed-in console route: no session sends the browser to sign in; a form
// without the session's CSRF token, or a role without the route's scope, gets a 403 page; a
// refusal from a use case becomes a page that explains it, with the problem's own status.
import { sameToken } from '../../accounts/secretTokens.js';
import { ProblemError } from '../../core/problems.js';
import type { Scope } from '../../core/scopes.js';
import { renderConsoleErrorPage, type ConsoleErrorKind } from '../../pages/console/errorPage.js';
import type { Services } from '../../services.js';
import { authorize } from '../auth.js';
import type { RouteRequest, RouteResponse } from '../route.js';
import {
  consoleBasics,
  consoleHtml,
  readConsoleForm,
  redirectTo,
  signedInOf,
  type ConsoleBasics,
  type ConsoleForm,
  type SignedIn,
} from './consoleRequest.js';

export interface ConsolePageOptions {
  /** The API scope this page needs, as a scoped key would on the same action. */
  scope?: Scope;
  /** A POST: its form is read and its CSRF token checked before the handler runs. */
  form?: boolean;
}

export type ConsoleHandler = (
  signedIn: SignedIn,
  request: RouteRequest<unknown>,
  services: Services,
  form: ConsoleForm,
) => Promise<RouteResponse>;

function kindOf(problem: ProblemError): ConsoleErrorKind {
  if (problem.status === 403) return 'forbidden';
  if (problem.status === 404) return 'notFound';
  return 'refused';
}

export function errorPage(
  basics: ConsoleBasics,
  signedIn: SignedIn | undefined,
  kind: ConsoleErrorKind,
  status: number,
  detail?: string,
): RouteResponse {
  return consoleHtml(
    renderConsoleErrorPage({
      language: basics.language,
      basePath: basics.basePath,
      kind,
      ...(detail ? { detail } : {}),
      ...(signedIn ? { signedIn: signedIn.frame } : {}),
    }),
    basics.language,
    status,
  );
}

export function consolePage(
  handler: ConsoleHandler,
  options: ConsolePageOptions = {},
): (request: RouteRequest<unknown>, services: Services) => Promise<RouteResponse> {
  return async (request, services) => {
    const signedIn = await signedInOf(request, services);
    if (!signedIn) {
      return redirectTo(consoleBasics(request, services), '/console/sign-in');
    }
    try {
      const form = options.form
        ? await readConsoleForm(request.rawBody)
        : { fields: new Map<string, string>(), lists: new Map<string, string[]>(), files: [] };
      if (options.form && !sameToken(signedIn.session.csrfToken, form.fields.get('csrf'))) {
        return errorPage(signedIn, signedIn, 'csrf', 403);
      }
      if (options.scope) {
        authorize('issuer', signedIn.principal, signedIn.session.issuerSlug, options.scope);
      }
      return await handler(signedIn, request, services, form);
    } catch (error) {
      if (error instanceof ProblemError && error.status < 500) {
        const kind = kindOf(error);
        const detail = kind === 'refused' ? error.message : undefined;
        return errorPage(signedIn, signedIn, kind, error.status, detail);
      }
      throw error;
    }
  };
}
