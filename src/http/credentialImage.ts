import type { RouteResponse } from './route.js';

// A credential never changes once issued, so its images can be cached; its live state is on the
// page itself.
const CACHE_A_DAY = 'public, max-age=86400';
// An SVG opened on its own runs in our origin: forbid scripts in it whatever it holds.
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/** A 200 answer with one image or download of a credential, and the headers every such file needs. */
export function credentialImage(
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): RouteResponse {
  return {
    status: 200,
    body,
    contentType,
    headers: {
      'Cache-Control': CACHE_A_DAY,
      'X-Content-Type-Options': 'nosniff',
      ...headers,
      ...(contentType === 'image/svg+xml' ? { 'Content-Security-Policy': SVG_POLICY } : {}),
    },
  };
}
