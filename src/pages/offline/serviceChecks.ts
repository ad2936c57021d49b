import type { JsonObject } from '../../core/json.js';
import type { VerificationReport } from '../../verifying/report.js';

// What the page asks the service, online: the full check of a credential through the public
// verify API (the same report the API gives anyone, status lists read by the service under its
// URL policy), a credential behind a link to its page, and a did:web issuer's DID document.

/** The service could not be asked (offline, or it is down): worth trying again later. */
export class ServiceUnreachableError extends Error {}

/**
 * Every request the page makes goes here, and only to the service that served it: the page's
 * CSP (connect-src 'self') says the same, this says so by name.
 */
async function ask(url: string, init?: RequestInit): Promise<Response> {
  const target = new URL(url, globalThis.location.href);
  if (target.origin !== globalThis.location.origin) {
    throw new Error(
      `${target.origin} is not this service: the page asks only ${globalThis.location.origin}`,
    );
  }
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new ServiceUnreachableError((error as Error).message);
  }
}

export async function checkOnService(
  basePath: string,
  credential: string | JsonObject,
): Promise<VerificationReport> {
  const response = await ask(`${basePath}/credentials/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ verifiableCredential: credential }),
  });
  // Verified answers 200; not verified or incomplete answers 422 with the same report.
  const body = (await response.json().catch(() => ({}))) as Partial<VerificationReport> & {
    detail?: string;
  };
  if (!Array.isArray(body.checks))
    throw new Error(body.detail ?? `the service answered ${response.status}`);
  return body as VerificationReport;
}

/** The credential a page link (…/c/<uuid>) shows: its JSON, or its JWT when issued as one. */
export async function credentialBehind(pageUrl: URL): Promise<string | JsonObject> {
  const base = pageUrl.href.replace(/[?#].*$/, '').replace(/\/$/, '');
  const json = await ask(`${base}/credential.json`);
  if (json.ok) return (await json.json()) as JsonObject;
  const jwt = await ask(`${base}/credential.jwt`);
  if (jwt.ok) return (await jwt.text()).trim();
  throw new Error(`${base} offers no credential to download (${json.status}, ${jwt.status})`);
}

/** What the service says of a DID: its document, or that it does not resolve (and why). */
export type DidAnswer =
  { kind: 'document'; document: JsonObject } | { kind: 'unresolvable'; detail: string };

/**
 * The DID's document as the service resolves it (GET /dids/resolve). Throws
 * ServiceUnreachableError when nothing is known either way: no connection, the service busy, or
 * the DID's own host out of the service's reach.
 */
export async function didDocumentFromService(basePath: string, did: string): Promise<DidAnswer> {
  const response = await ask(`${basePath}/dids/resolve?did=${encodeURIComponent(did)}`, {
    headers: { Accept: 'application/json' },
  });
  const body = (await response.json().catch(() => undefined)) as JsonObject | undefined;
  if (response.ok && body && typeof body === 'object' && !Array.isArray(body))
    return { kind: 'document', document: body };
  if (response.status === 422 && body && body.unreachable !== true)
    return { kind: 'unresolvable', detail: String(body.detail ?? body.title ?? 'no document') };
  throw new ServiceUnreachableError(
    String(body?.detail ?? `the service answered ${response.status}`),
  );
}
