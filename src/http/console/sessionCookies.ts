// The Set-Cookie values the console sends: the session (as long as it lasts) and the form token
// that guards the forms shown before there is a session.
import { newSecretToken } from '../../accounts/secretTokens.js';
import { basePathOf } from '../../core/publicUrl.js';
import type { Config } from '../../config.js';
import { FORM_COOKIE, SESSION_COOKIE, setCookie } from './cookies.js';

/** A day: long enough to fill a form in, short enough not to linger on a shared computer. */
const FORM_COOKIE_SECONDS = 86_400;

function options(config: Config, maxAgeSeconds: number) {
  return {
    secure: config.publicUrl.protocol === 'https:',
    path: `${basePathOf(config.publicUrl)}/console`,
    maxAgeSeconds,
  };
}

export function sessionCookie(config: Config, sessionId: string): string {
  return setCookie(SESSION_COOKIE, sessionId, options(config, config.staffSessionHours * 3600));
}

export function clearedSessionCookie(config: Config): string {
  return setCookie(SESSION_COOKIE, '', options(config, 0));
}

/**
 * The token a pre-session form carries, and the cookie that must match it (a double-submit
 * check): another site can make a browser post, but cannot read or set this cookie.
 */
export function formToken(
  config: Config,
  cookies: Map<string, string>,
): { token: string; setCookie?: string } {
  const existing = cookies.get(FORM_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return { token: existing };
  const token = newSecretToken();
  return { token, setCookie: setCookie(FORM_COOKIE, token, options(config, FORM_COOKIE_SECONDS)) };
}
