import { createHash } from 'node:crypto';
import { notModified } from './conditional.js';
import { RenderedImages, type RenderedImage } from './renderedImages.js';
import type { RouteResponse } from './route.js';

// A credential never changes once issued, so its images never do either: a year, immutable. Its
// live state is on the page itself, which is never cached like this.
const CACHE_FOR_GOOD = 'public, max-age=31536000, immutable';
// An SVG opened on its own runs in our origin: forbid scripts in it whatever it holds.
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

const rendered = new RenderedImages();

export interface CredentialImageRequest {
  /** Names the image across every credential and instance: the credential URL and the file. */
  key: string;
  contentType: string;
  ifNoneMatch: string | undefined;
  /** Draws the image (and headers of its own, e.g. Content-Disposition) when not yet kept. */
  render: () => Promise<{ body: string | Buffer; headers?: Record<string, string> }>;
}

function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * One image or download of a credential: drawn once and kept, answered 304 when the client holds
 * it already, with the headers every such file needs.
 */
export async function credentialImage(request: CredentialImageRequest): Promise<RouteResponse> {
  const { contentType } = request;
  const image: RenderedImage = await rendered.get(request.key, async () => {
    const drawn = await request.render();
    return { body: drawn.body, etag: etagOf(drawn.body), headers: drawn.headers ?? {} };
  });
  const headers = {
    'Cache-Control': CACHE_FOR_GOOD,
    ETag: image.etag,
    'X-Content-Type-Options': 'nosniff',
    ...image.headers,
    ...(contentType === 'image/svg+xml' ? { 'Content-Security-Policy': SVG_POLICY } : {}),
  };
  if (notModified(request.ifNoneMatch, image.etag)) {
    return { status: 304, body: '', contentType, headers };
  }
  return { status: 200, body: image.body, contentType, headers };
}
