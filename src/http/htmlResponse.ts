import type { Language } from '../pages/i18n/languages.js';
import type { RouteResponse } from './route.js';

// Pages load nothing from elsewhere: scripts, styles and fonts come from this service. Images
// may be https (an issuer's own achievement image) or data: URLs inside a credential.
const POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "script-src 'self'",
  "img-src 'self' data: https:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
];

/**
 * The verify page also asks this service (the verify API, status lists), registers its service
 * worker and links its manifest; all of it from 'self', none of it from elsewhere.
 */
const OFFLINE_VERIFIER = ["connect-src 'self'", "worker-src 'self'", "manifest-src 'self'"];

export interface HtmlOptions {
  /** The page runs the offline verifier (src/pages/offline). */
  offlineVerifier?: boolean;
  /** The page's script asks this service (a console passkey form fetching its challenge). */
  asksService?: boolean;
}

export function htmlResponse(
  body: string,
  language: Language,
  status = 200,
  options: HtmlOptions = {},
): RouteResponse {
  return {
    status,
    body,
    contentType: 'text/html; charset=utf-8',
    headers: {
      'Content-Language': language,
      'Content-Security-Policy': [
        ...POLICY,
        ...(options.offlineVerifier ? OFFLINE_VERIFIER : []),
        ...(options.asksService && !options.offlineVerifier ? ["connect-src 'self'"] : []),
      ].join('; '),
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept, Accept-Language',
      'Cache-Control': 'no-store',
    },
  };
}
