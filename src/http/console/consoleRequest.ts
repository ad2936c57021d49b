// What every console page needs from a request: its language, the session it is signed in
// with (and the principal that session acts as), the form it posted, and how to answer.
import { SESSION_COOKIE, readCookies } from './cookies.js';
import type { ConsoleSession } from '../../accounts/consoleSessions.js';
import { basePathOf } from '../../core/publicUrl.js';
import { scopesOfRole } from '../../core/roles.js';
import { chooseLanguage, type Language } from '../../pages/i18n/languages.js';
import type { SignedInFrame } from '../../pages/console/layout.js';
import { consoleHref } from '../../pages/console/layout.js';
import type { Services } from '../../services.js';
import { htmlResponse, type HtmlOptions } from '../htmlResponse.js';
import { parseMultipartForm, type FormFile } from '../multipartForm.js';
import type { Principal, RawBody, RouteRequest, RouteResponse } from '../route.js';

export interface ConsoleBasics {
  language: Language;
  basePath: string;
  cookies: Map<string, string>;
}

export function consoleBasics(request: RouteRequest<unknown>, services: Services): ConsoleBasics {
  return {
    language: chooseLanguage(request.query.lang, request.headers['accept-language']),
    basePath: basePathOf(services.config.publicUrl),
    cookies: readCookies(request.headers.cookie),
  };
}

export interface SignedIn extends ConsoleBasics {
  sessionId: string;
  session: ConsoleSession;
  /** The session as the API's principal: an issuer with its role's scopes. */
  principal: Principal;
  frame: SignedInFrame;
}

/** The open session the cookie names, with what the header shows; undefined when signed out. */
export async function signedInOf(
  request: RouteRequest<unknown>,
  services: Services,
): Promise<SignedIn | undefined> {
  const basics = consoleBasics(request, services);
  const sessionId = basics.cookies.get(SESSION_COOKIE);
  const session = await services.consoleSessions.resolve(sessionId);
  if (!session || sessionId === undefined) return undefined;
  const issuer = await services.issuers.get(session.issuerSlug);
  return {
    ...basics,
    sessionId,
    session,
    principal: { kind: 'issuer', slug: session.issuerSlug, scopes: scopesOfRole(session.role) },
    frame: {
      email: session.email,
      role: session.role,
      issuerName: issuer.name,
      csrfToken: session.csrfToken,
    },
  };
}

/** POST/Redirect/GET: a form's answer sends the browser on to a page it can reload. */
export function redirectTo(
  basics: Pick<ConsoleBasics, 'basePath' | 'language'>,
  path: string,
  headers: Record<string, string> = {},
): RouteResponse {
  return {
    status: 303,
    body: '',
    contentType: 'text/plain; charset=utf-8',
    headers: {
      Location: consoleHref(basics.basePath, path, basics.language),
      'Cache-Control': 'no-store',
      ...headers,
    },
  };
}

export function consoleHtml(
  body: string,
  language: Language,
  status = 200,
  headers: Record<string, string> = {},
  options: HtmlOptions = {},
): RouteResponse {
  const response = htmlResponse(body, language, status, options);
  return { ...response, headers: { ...response.headers, ...headers } };
}

/** A page that shows a secret this once (a key, a signing secret, a claim link): no cache keeps it. */
export const shownOncePage = (signedIn: Pick<SignedIn, 'language'>, body: string): RouteResponse =>
  consoleHtml(body, signedIn.language, 200, { 'Cache-Control': 'no-store' });

export interface ConsoleForm {
  fields: Map<string, string>;
  /** Every value of each url-encoded field, for one sent many times (a table's ticked boxes). */
  lists: Map<string, string[]>;
  files: FormFile[];
}

function listsOf(pairs: Iterable<[string, string]>): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const [name, value] of pairs) lists.set(name, [...(lists.get(name) ?? []), value]);
  return lists;
}

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** A posted form, url-encoded or multipart; anything else reads as an empty form. */
export async function readConsoleForm(rawBody: RawBody | undefined): Promise<ConsoleForm> {
  if (!rawBody) return { fields: new Map(), lists: new Map(), files: [] };
  if (rawBody.contentType.toLowerCase().startsWith(FORM_TYPE)) {
    const pairs = [...new URLSearchParams(rawBody.bytes.toString('utf8'))];
    return { fields: new Map(pairs), lists: listsOf(pairs), files: [] };
  }
  const { fields, files } = await parseMultipartForm(rawBody);
  return { fields, lists: listsOf(fields), files };
}

/** The media types console forms are posted as, and the most a form (a CSV upload) may be. */
export const consoleFormBody = {
  mediaTypes: [FORM_TYPE, 'multipart/form-data'],
  limit: 2 * 1024 * 1024 + 64 * 1024,
};
