import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import { hashApiKey } from '../keys/apiKey.js';
import type { Services } from '../services.js';
import type { Access, Principal } from './route.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export async function resolvePrincipal(
  authorization: string | undefined,
  services: Services,
): Promise<Principal | undefined> {
  if (authorization === undefined) return undefined;
  const token = BEARER.exec(authorization)?.[1];
  if (token === undefined)
    throw new UnauthenticatedError('the Authorization header must be "Bearer <key>"');
  if (services.secrets.isAdminKey(token)) return { kind: 'admin' };
  const issuer = await services.store.findIssuerByApiKeyHash(hashApiKey(token));
  if (!issuer) throw new UnauthenticatedError('the API key is not valid');
  return { kind: 'issuer', slug: issuer.slug };
}

export function authorize(
  access: Access,
  principal: Principal | undefined,
  slug: string | undefined,
): void {
  if (access === 'public') return;
  if (!principal) throw new UnauthenticatedError();
  if (principal.kind === 'admin' || access === 'authenticated') return;
  if (access === 'admin') throw new ForbiddenError('this action needs the admin API key');
  assertActsFor(principal, slug);
}

/** Admin acts for every issuer; an issuer key only for its own. */
export function assertActsFor(principal: Principal | undefined, slug: string | undefined): void {
  if (!principal) throw new UnauthenticatedError();
  if (principal.kind === 'admin') return;
  if (principal.slug !== slug) {
    throw new ForbiddenError(
      `this API key belongs to issuer "${principal.slug}", not "${String(slug)}"`,
    );
  }
}

/** Who did it, for the audit log. */
export function actorOf(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'admin' ? 'admin' : principal.slug;
}
