import type { JsonObject } from '../jsonld/documentLoader.js';
import type { RemoteJson } from './fetchWithPolicy.js';

/** Even a publisher's long max-age is capped: a revocation or a key change must show within minutes. */
const MAX_CACHE_SECONDS = 300;

export type FetchRemoteJson = (url: string) => Promise<RemoteJson>;
export type RemoteDocuments = (url: string) => Promise<JsonObject>;

/**
 * JSON objects of other issuers (DID documents, status lists), fetched under the URL policy and
 * reused only as long as their Cache-Control allows, capped.
 */
export function createRemoteDocuments(fetchRemoteJson: FetchRemoteJson): RemoteDocuments {
  const cache = new Map<string, { until: number; document: JsonObject }>();
  return async (url) => {
    const cached = cache.get(url);
    if (cached && Date.now() < cached.until) return cached.document;
    const { body, maxAge } = await fetchRemoteJson(url);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new Error(`${url} is not a JSON object`);
    }
    const document = body as JsonObject;
    const seconds = Math.min(maxAge, MAX_CACHE_SECONDS);
    if (seconds > 0) cache.set(url, { until: Date.now() + seconds * 1000, document });
    return document;
  };
}
