import type { Language } from '../pages/i18n/languages.js';
import type { RouteResponse } from './route.js';

// Pages load nothing from elsewhere: scripts, styles and fonts come from this service. Images
// may be https (an issuer's own achievement image) or data: URLs inside a credential.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "script-src 'self'",
  "img-src 'self' data: https:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function htmlResponse(body: string, language: Language, status = 200): RouteResponse {
  return {
    status,
    body,
    contentType: 'text/html; charset=utf-8',
    headers: {
      'Content-Language': language,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept, Accept-Language',
      'Cache-Control': 'no-store',
    },
  };
}
