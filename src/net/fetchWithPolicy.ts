import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, fetch, type Dispatcher, type RequestInit, type Response } from 'undici';
import { FetchRefusedError } from './fetchRefused.js';

export interface FetchPolicy {
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = { timeoutMs: 5_000, maxBytes: 1_048_576 };

export { FetchRefusedError };

/**
 * IANA's global unicast block. ipaddr.js calls anything it has no name for "unicast", which for
 * IPv6 includes the IPv4-compatible ::a.b.c.d form and unallocated space; outside 2000::/3 nothing
 * is a public Internet host.
 */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * The ipaddr.js range of an address, or why it is not a public one. Only strict literals count
 * (net.isIP): DNS answers and WHATWG-normalised URL hosts are always in that form.
 */
export function addressRange(address: string): string {
  if (isIP(address) === 0) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range();
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  // IPv4-mapped, NAT64, 6to4 and Teredo forms carry an IPv4 address that may be internal, and
  // ipaddr.js names them, so they are refused by name; anything else outside 2000::/3 here.
  if (range === 'unicast' && !v6.match(GLOBAL_UNICAST_V6)) return 'reserved';
  return range;
}

/**
 * True only for public unicast addresses. An allow-list: loopback, private, link-local,
 * unique-local, CGNAT, multicast, broadcast, reserved, benchmarking, documentation, unspecified,
 * and every IPv6 form embedding an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are not.
 */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
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

type Resolve = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** publicOnlyLookup over another resolver, so tests can answer DNS without a network. */
export function createPublicOnlyLookup(resolve: Resolve = dnsLookup) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      // Every answer must be public: picking the public ones would still let a name that also
      // points inside be used to probe, and Happy Eyeballs may try any of them.
      if (addresses.length === 0 || !addresses.every(({ address }) => isPublicAddress(address))) {
        return callback(new Error(`${hostname} resolves to a private or reserved address`), []);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}

/**
 * The addresses a connection may use, checked again at connect time: a name that resolved to a
 * public address for the check below cannot be re-pointed inside before the connection is made.
 */
export const publicOnlyLookup = createPublicOnlyLookup();

/** The dispatcher remote fetches go through; exported so a test can show it refuses by itself. */
export const publicOnlyDispatcher = new Agent({ connect: { lookup: publicOnlyLookup } });

/** Why a URL's host may not be fetched, or undefined when every address it has is public. */
async function hostRefusal(host: string): Promise<string | undefined> {
  if (isIP(host) !== 0) {
    // The literal came from the caller, so naming its range tells them nothing new.
    const range = addressRange(host);
    return range === 'unicast' ? undefined : `the host is a private or reserved address (${range})`;
  }
  const addresses = await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) return 'the host does not resolve';
  // The addresses are not named: that would tell a caller how internal names resolve.
  if (!addresses.every(({ address }) => isPublicAddress(address))) {
    return 'the host resolves to a private or reserved address';
  }
  return undefined;
}

function causeOf(error: unknown): string {
  const { message, cause } = error as Error;
  return cause instanceof Error ? `${message}: ${cause.message}` : message;
}

export interface UrlPolicyOptions {
  /**
   * Test-only: https origins on a loopback address (a test's own receiver) that are let through,
   * their certificates checked against `ca`. Nothing sets this outside tests, so by default no
   * loopback, private or reserved address is ever reached.
   */
  allowLoopbackOrigins?: readonly string[];
  /** PEM certificate(s) trusted for the allowed loopback origins only. */
  ca?: string;
}

/** What a POST answered: its status; the body is not kept (a receiver's reply means nothing here). */
export interface PostOutcome {
  status: number;
}

/**
 * The one URL policy for every outbound request: https only, public addresses only (checked
 * before connecting and again at connect time), no redirects, a time limit and, for reads, a size
 * limit. Two doors: reading another issuer's JSON, and POSTing a webhook delivery.
 */
export interface UrlPolicy {
  /** Why this URL would be refused, or undefined when it may be used (e.g. at registration). */
  refusal(rawUrl: string): Promise<string | undefined>;
  getJson(rawUrl: string, policy?: Partial<FetchPolicy>): Promise<RemoteJson>;
  /** POSTs `body` (already serialised); throws FetchRefusedError when refused or unreachable. */
  post(
    rawUrl: string,
    body: string,
    headers: Record<string, string>,
    policy?: Partial<FetchPolicy>,
  ): Promise<PostOutcome>;
}

function loopbackOrigins(options: UrlPolicyOptions): Set<string> {
  const origins = new Set<string>();
  for (const origin of options.allowLoopbackOrigins ?? []) {
    const url = new URL(origin);
    // The exception is for a test's receiver on this machine, never a way to reach a network.
    if (
      url.protocol !== 'https:' ||
      addressRange(url.hostname.replace(/^\[|\]$/g, '')) !== 'loopback'
    ) {
      throw new Error(
        `allowLoopbackOrigins: ${origin} is not an https origin on a loopback address`,
      );
    }
    origins.add(url.origin);
  }
  return origins;
}

export function createUrlPolicy(options: UrlPolicyOptions = {}): UrlPolicy {
  const allowed = loopbackOrigins(options);
  // Only for the allowed origins, which are IP literals: no lookup happens, so none is hooked.
  const loopbackDispatcher =
    allowed.size > 0 ? new Agent({ connect: { ca: options.ca } }) : undefined;

  async function refusal(url: URL): Promise<string | undefined> {
    if (url.protocol !== 'https:') return 'only https URLs are fetched';
    if (allowed.has(url.origin)) return undefined;
    return hostRefusal(url.hostname.replace(/^\[|\]$/g, ''));
  }

  /** The URL, once the policy lets it through, and the dispatcher that connects to it. */
  async function admit(rawUrl: string): Promise<{ url: URL; dispatcher: Dispatcher }> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new FetchRefusedError(rawUrl, 'not a URL');
    }
    const refused = await refusal(url);
    if (refused) throw new FetchRefusedError(rawUrl, refused);
    const dispatcher =
      loopbackDispatcher && allowed.has(url.origin) ? loopbackDispatcher : publicOnlyDispatcher;
    return { url, dispatcher };
  }

  async function send(rawUrl: string, init: RequestInit, timeoutMs: number): Promise<Response> {
    const { url, dispatcher } = await admit(rawUrl);
    try {
      return await fetch(url, {
        ...init,
        dispatcher,
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new FetchRefusedError(rawUrl, `could not be fetched (${causeOf(error)})`);
    }
  }

  return {
    async refusal(rawUrl) {
      try {
        return await refusal(new URL(rawUrl));
      } catch {
        return 'not a URL';
      }
    },

    async getJson(rawUrl, policy = {}) {
      const { timeoutMs, maxBytes } = { ...DEFAULT_FETCH_POLICY, ...policy };
      const response = await send(
        rawUrl,
        { headers: { accept: 'application/json, application/ld+json, application/vc' } },
        timeoutMs,
      );
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new FetchRefusedError(rawUrl, `answered HTTP ${response.status}`);
      }
      const body = await readLimited(response, maxBytes, rawUrl);
      try {
        return {
          body: JSON.parse(body) as unknown,
          maxAge: maxAgeOf(response.headers.get('cache-control')),
        };
      } catch {
        throw new FetchRefusedError(rawUrl, 'did not return JSON');
      }
    },

    async post(rawUrl, body, headers, policy = {}) {
      const { timeoutMs } = { ...DEFAULT_FETCH_POLICY, ...policy };
      const response = await send(rawUrl, { method: 'POST', body, headers }, timeoutMs);
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status };
    },
  };
}

/** The policy with no exceptions, as the service runs it. */
export const defaultUrlPolicy = createUrlPolicy();

/** Policy fields not given are the defaults; a caller may shorten the timeout (fetch budgets do). */
export const fetchJsonWithPolicy = (
  rawUrl: string,
  policy: Partial<FetchPolicy> = {},
): Promise<RemoteJson> => defaultUrlPolicy.getJson(rawUrl, policy);

async function readLimited(response: Response, maxBytes: number, url: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (error) {
      // The timeout also covers the body: a slow trickle is refused like a slow answer.
      throw new FetchRefusedError(url, `could not be read (${causeOf(error)})`);
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FetchRefusedError(url, `is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
