import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * 256 random bits as base64url: an invitation token or a session id. Only its hash is stored,
 * and a fast hash suffices for a value this random while letting it be looked up by hash.
 */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session, derived so nothing more is stored: a one-way hash of the
 * session id under its own label, so the token in a page never reveals the id in the cookie.
 */
export function csrfTokenOf(sessionId: string): string {
  return createHash('sha256').update(`csrf\0${sessionId}`, 'utf8').digest('base64url');
}

/** Compares in constant time, so a guess learns nothing from how long the refusal took. */
export function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
