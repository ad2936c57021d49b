import { ForbiddenError, ProblemError, UnauthenticatedError } from '../core/problems.js';
import type { Scope } from '../core/scopes.js';
import type { Services } from '../services.js';
import type { ActingAs } from '../core/actingAs.js';
import type { Access, Principal } from './route.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The token of an `Authorization: Bearer <token>` header; undefined for any other header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
}

/**
 * Who sent the request. A public route needs no key, so a header it cannot use (another scheme,
 * an unknown key) is ignored there rather than refused: the request is served as anonymous.
 * Without the route's access, an unusable header is refused (401).
 */
export async function resolvePrincipal(
  authorization: string | undefined,
  services: Services,
  access: Access = 'authenticated',
): Promise<Principal | undefined> {
  if (authorization === undefined) return undefined;
  const refuse = (detail: string): undefined => {
    if (access === 'public') return undefined;
    throw new UnauthenticatedError(detail);
  };
  const token = bearerToken(authorization);
  if (token === undefined) return refuse('the Authorization header must be "Bearer <key>"');
  if (services.secrets.isAdminKey(token)) return { kind: 'admin' };
  const issuer = await services.issuers.findByApiKey(token);
  if (issuer) {
    return { kind: issuer.role === 'registrar' ? 'registrar' : 'issuer', slug: issuer.slug };
  }
  const scoped = await services.apiKeys.lookup(token);
  if (scoped.found) {
    return { kind: 'issuer', slug: scoped.holder.issuerSlug, scopes: scoped.holder.scopes };
  }
  return refuse(scoped.reason ? `the API key is ${scoped.reason}` : 'the API key is not valid');
}

/** The plain value use cases take for who acts: an issuer for itself, or the admin. */
export function actingAsOf(principal: Principal | undefined): ActingAs {
  if (!principal) throw new UnauthenticatedError();
  if (principal.kind === 'registrar') {
    throw new ForbiddenError(`"${principal.slug}" is a registrar: it cannot act as an issuer`);
  }
  return principal.kind === 'admin' ? { admin: true } : { actingFor: principal.slug };
}

export function authorize(
  access: Access,
  principal: Principal | undefined,
  slug: string | undefined,
  scope?: Scope,
): void {
  if (access === 'public') return;
  if (!principal) throw new UnauthenticatedError();
  assertScope(principal, scope);
  if (principal.kind === 'admin' || access === 'authenticated') return;
  if (access === 'admin') throw new ForbiddenError('this action needs the admin API key');
  if (access === 'registrar') {
    if (principal.kind !== 'registrar')
      throw new ForbiddenError('this action needs a registrar key');
    return;
  }
  assertActsFor(principal, slug);
}

/** A scoped key reaches only the routes that name one of its scopes. */
function assertScope(principal: Principal, scope: Scope | undefined): void {
  if (principal.kind !== 'issuer' || principal.scopes === undefined) return;
  if (scope === undefined) {
    throw new ProblemError(
      'scope-missing',
      "this action takes the issuer's own API key or the admin key, not a scoped key",
    );
  }
  if (!principal.scopes.includes(scope)) {
    throw new ProblemError('scope-missing', `this API key lacks the scope "${scope}"`, {
      requiredScope: scope,
    });
  }
}

/** Admin acts for every issuer; an issuer key only for its own. */
export function assertActsFor(principal: Principal | undefined, slug: string | undefined): void {
  if (!principal) throw new UnauthenticatedError();
  if (principal.kind === 'admin') return;
  if (principal.kind === 'registrar') {
    throw new ForbiddenError(`"${principal.slug}" is a registrar: it cannot act as an issuer`);
  }
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
