import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A file the pages load from this service (never from elsewhere), versioned by its content. */
export interface PageAsset {
  /** Path under the service root, with a content hash so it can be cached for long. */
  path: string;
  contentType: string;
  body: string;
}

function asset(file: string, contentType: string): PageAsset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url), 'utf8');
  const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${file}?v=${version}`, contentType, body };
}

export const stylesheet = asset('pages.css', 'text/css');
export const script = asset('pages.js', 'text/javascript');
export const consoleStylesheet = asset('console.css', 'text/css');
export const consoleScript = asset('console.js', 'text/javascript');
