// What every Settings route shares: owners only (others get the 403 page), the page frame, and
// forms posted with the CSRF token.
import { ForbiddenError } from '../../core/problems.js';
import { consoleTranslate } from '../../pages/console/i18n/consoleMessages.js';
import type { SettingsFrame } from '../../pages/console/settingsFrame.js';
import { defineRoute, type ResponseSpec } from '../route.js';
import type { Services } from '../../services.js';
import { consoleFormBody, consoleHtml, type SignedIn } from './consoleRequest.js';
import { consolePage, type ConsoleHandler } from './consolePage.js';

export const settingsResponses = {
  200: { description: 'The page (text/html)', contentType: 'text/html' },
  303: { description: 'Done (or not signed in): on to the next page' },
  403: { description: 'Not an owner, or the form had no CSRF token', contentType: 'text/html' },
};

export function ownerOnly(handler: ConsoleHandler): ConsoleHandler {
  return async (signedIn, request, services, form) => {
    if (signedIn.session.role !== 'owner') {
      throw new ForbiddenError('only an owner of the issuer manages its settings');
    }
    return handler(signedIn, request, services, form);
  };
}

/** The sentence a page shows after ?done= names a change; nothing for anything else. */
const NOTICES = {
  invited: 'staff.done.invited',
  role: 'staff.done.role',
  removed: 'staff.done.removed',
  withdrawn: 'staff.done.withdrawn',
  email: 'email.done',
  revoked: 'keys.done.revoked',
  deleted: 'webhooks.done.deleted',
  template: 'templates.done.saved',
  'template-reset': 'templates.done.reset',
} as const;

export function noticeOf(signedIn: SignedIn, done: unknown, email: unknown): string | undefined {
  if (typeof done !== 'string' || !(done in NOTICES)) return undefined;
  const key = NOTICES[done as keyof typeof NOTICES];
  return consoleTranslate(signedIn.language)(key, {
    email: typeof email === 'string' ? email : '',
  });
}

export const frameOf = (signedIn: SignedIn, notice: string | undefined): SettingsFrame => ({
  language: signedIn.language,
  basePath: signedIn.basePath,
  signedIn: signedIn.frame,
  ...(notice ? { notice } : {}),
});

export function settingsPost(
  path: string,
  operationId: string,
  summary: string,
  handler: ConsoleHandler,
  responses: Record<number, ResponseSpec> = settingsResponses,
) {
  return defineRoute({
    method: 'post',
    path,
    operationId,
    summary,
    tag: 'Console',
    access: 'public',
    rawBody: consoleFormBody,
    responses,
    handle: consolePage(ownerOnly(handler), { form: true }),
  });
}

/**
 * A Settings page: owners only, the notice a change left (?done=, with ?email= for staff ones)
 * in the frame, rendered from what `render` reads.
 */
export function settingsGet(
  path: string,
  operationId: string,
  summary: string,
  render: (frame: SettingsFrame, services: Services, slug: string) => Promise<string>,
) {
  return defineRoute({
    method: 'get',
    path,
    operationId,
    summary,
    tag: 'Console',
    access: 'public',
    responses: settingsResponses,
    handle: consolePage(
      ownerOnly(async (signedIn, request, services) => {
        const notice = noticeOf(signedIn, request.query.done, request.query.email);
        const page = await render(frameOf(signedIn, notice), services, signedIn.session.issuerSlug);
        return consoleHtml(page, signedIn.language);
      }),
    ),
  });
}
