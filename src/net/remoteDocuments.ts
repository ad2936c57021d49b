import type { JsonObject } from '../core/json.js';
import { setBounded } from '../core/boundedMap.js';
import { currentFetchBudget } from './fetchBudget.js';
import { DEFAULT_FETCH_POLICY, type RemoteJson } from './fetchWithPolicy.js';

/** Even a publisher's long max-age is capped: a revocation or a key change must show within minutes. */
const MAX_CACHE_SECONDS = 300;

/**
 * How long a failed fetch is answered from memory: repeated verifications naming a URL that is
 * refused or down do not each open a connection (or wait for a timeout) again.
 */
export const FAILURE_MEMORY_MS = 30_000;

/** Entries kept per cache at most: URLs come from untrusted credentials, so memory is bounded. */
const MAX_REMEMBERED_URLS = 1_000;

/** `timeoutMs`, when given, is the most the fetch may take (what is left of a fetch budget). */
export type FetchRemoteJson = (url: string, limits?: { timeoutMs?: number }) => Promise<RemoteJson>;
export type RemoteDocuments = (url: string) => Promise<JsonObject>;

function remember<T>(map: Map<string, T>, url: string, entry: T): void {
  setBounded(map, url, entry, MAX_REMEMBERED_URLS);
}

/**
 * JSON objects of other issuers (DID documents, status lists), fetched under the URL policy,
 * reused only as long as their Cache-Control allows (capped), failures remembered briefly, and
 * inside a fetch budget (runWithFetchBudget) each network fetch draws on it. `now` is the clock
 * both caches use; tests move it.
 */
export function createRemoteDocuments(
  fetchRemoteJson: FetchRemoteJson,
  now: () => number = Date.now,
): RemoteDocuments {
  const cache = new Map<string, { until: number; document: JsonObject }>();
  const failures = new Map<string, { until: number; error: unknown }>();

  async function fetchDocument(
    url: string,
    timeoutMs: number | undefined,
  ): Promise<{ document: JsonObject; maxAge: number }> {
    const { body, maxAge } = await fetchRemoteJson(
      url,
      timeoutMs === undefined ? undefined : { timeoutMs },
    );
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new Error(`${url} is not a JSON object`);
    }
    return { document: body as JsonObject, maxAge };
  }

  return async (url) => {
    const budget = currentFetchBudget();
    const fetchedThisTime = budget?.documents.get(url) as JsonObject | undefined;
    if (fetchedThisTime) return fetchedThisTime;
    const cached = cache.get(url);
    if (cached && now() < cached.until) return cached.document;
    const failed = failures.get(url);
    if (failed && now() < failed.until) throw failed.error;
    // Throws (and is not remembered) when this verification has no fetch or no time left.
    const timeoutMs = budget
      ? Math.min(budget.take(url), DEFAULT_FETCH_POLICY.timeoutMs)
      : undefined;
    let fetched: { document: JsonObject; maxAge: number };
    try {
      fetched = await fetchDocument(url, timeoutMs);
    } catch (error) {
      // A fetch cut short by this verification's deadline says nothing about the URL.
      if (!budget || budget.remainingMs() > 0) {
        remember(failures, url, { until: now() + FAILURE_MEMORY_MS, error });
      }
      throw error;
    }
    const { document, maxAge } = fetched;
    failures.delete(url);
    budget?.documents.set(url, document);
    const seconds = Math.min(maxAge, MAX_CACHE_SECONDS);
    if (seconds > 0) remember(cache, url, { until: now() + seconds * 1000, document });
    return document;
  };
}
