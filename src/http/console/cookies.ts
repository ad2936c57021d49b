// The console's two cookies: the session, and the pre-sign-in form token that guards the
// sign-in and invitation forms before there is a session to bind a CSRF token to.

export const SESSION_COOKIE = 'console_session';
export const FORM_COOKIE = 'console_form';

/** Cookie header → name/value pairs; a malformed pair is skipped, never an error. */
export function readCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // A value that is not percent-encoding is not one of ours.
    }
  }
  return cookies;
}

export interface CookieOptions {
  /** Sent only over https: set when PUBLIC_URL is https. */
  secure: boolean;
  /** The PUBLIC_URL path prefix, so the cookie goes only to this service's pages. */
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAgeSeconds: number;
}

/**
 * HttpOnly: no script reads it. SameSite=Lax: a cross-site form POST does not carry it, and a
 * link from elsewhere still opens the console signed in.
 */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
