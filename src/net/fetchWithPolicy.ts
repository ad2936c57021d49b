import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { Agent, fetch, type Response } from 'undici';
import { isIP } from 'node:net';
import { UnprocessableError } from '../errors.js';

export interface FetchPolicy {
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = { timeoutMs: 5_000, maxBytes: 1_048_576 };

export class FetchRefusedError extends UnprocessableError {
  constructor(url: string, reason: string) {
    super('fetch-refused', 'Remote document refused', `${url}: ${reason}`, { url });
  }
}

/** Loopback, private, link-local, CGNAT, multicast and reserved ranges, v4 and v6. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  const lower = address.toLowerCase();
  if (lower.startsWith('::ffff:')) return isPrivateAddress(lower.slice(7));
  return (
    lower === '::' ||
    lower === '::1' ||
    lower.startsWith('fc') ||
    lower.startsWith('fd') ||
    lower.startsWith('fe80') ||
    lower.startsWith('ff')
  );
}

/**
 * Reads a JSON document from another issuer: https only, public addresses only, no redirects,
 * a time and a size limit. DNS is checked before connecting so a name cannot point inside.
 */
export interface RemoteJson {
  body: unknown;
  /** Seconds the publisher allows a copy to be reused (Cache-Control max-age; 0 when absent). */
  maxAge: number;
}

/** max-age from a Cache-Control header; no-cache, no-store or nothing mean 0. */
export function maxAgeOf(cacheControl: string | null): number {
  if (!cacheControl || /no-cache|no-store/i.test(cacheControl)) return 0;
  const match = /max-age=(\d+)/i.exec(cacheControl);
  return match ? Number(match[1]) : 0;
}

type LookupCallback = (
  error: Error | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * The addresses a connection may use, checked again at connect time: a name that resolved to a
 * public address for the check above cannot be re-pointed inside before the connection is made.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const allowed = addresses.filter(({ address }) => !isPrivateAddress(address));
    if (allowed.length === 0 || allowed.length !== addresses.length) {
      return callback(new Error(`${hostname} resolves to a private or reserved address`), []);
    }
    if (options.all) return callback(null, allowed);
    const [first] = allowed as [LookupAddress];
    callback(null, first.address, first.family);
  });
}

const publicOnlyAgent = new Agent({ connect: { lookup: publicOnlyLookup } });

export async function fetchJsonWithPolicy(
  rawUrl: string,
  policy: FetchPolicy = DEFAULT_FETCH_POLICY,
): Promise<RemoteJson> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new FetchRefusedError(rawUrl, 'not a URL');
  }
  if (url.protocol !== 'https:') throw new FetchRefusedError(rawUrl, 'only https URLs are fetched');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [{ address: host }]
    : await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) throw new FetchRefusedError(rawUrl, 'the host does not resolve');
  if (addresses.some(({ address }) => isPrivateAddress(address))) {
    throw new FetchRefusedError(rawUrl, 'the host resolves to a private or reserved address');
  }
  let response: Response;
  try {
    response = await fetch(url, {
      dispatcher: publicOnlyAgent,
      redirect: 'error',
      signal: AbortSignal.timeout(policy.timeoutMs),
      headers: { accept: 'application/json, application/ld+json, application/vc' },
    });
  } catch (error) {
    throw new FetchRefusedError(rawUrl, `could not be fetched (${(error as Error).message})`);
  }
  if (!response.ok) throw new FetchRefusedError(rawUrl, `answered HTTP ${response.status}`);
  const body = await readLimited(response, policy.maxBytes, rawUrl);
  try {
    return {
      body: JSON.parse(body) as unknown,
      maxAge: maxAgeOf(response.headers.get('cache-control')),
    };
  } catch {
    throw new FetchRefusedError(rawUrl, 'did not return JSON');
  }
}

async function readLimited(response: Response, maxBytes: number, url: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FetchRefusedError(url, `is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
