import type { JsonObject } from '../jsonld/documentLoader.js';
import type { RemoteJson } from '../net/fetchWithPolicy.js';
import type { StatusListSource } from '../verifying/check.js';
import type { StatusService } from './statusService.js';

/** Even a publisher's long max-age is capped: a revocation must show within minutes. */
const MAX_CACHE_SECONDS = 300;

/**
 * Our own lists are built locally (no network, always current); other issuers' lists are
 * fetched under the URL policy and reused only as long as their Cache-Control allows (capped).
 */
export function createStatusListSource(
  status: StatusService,
  fetchRemoteJson: (url: string) => Promise<RemoteJson>,
): StatusListSource {
  const cache = new Map<string, { until: number; list: JsonObject }>();
  return {
    async fetchStatusList(url: string): Promise<JsonObject> {
      if (status.isOwnListUrl(url)) return (await status.publishByUrl(url)).credential;
      const cached = cache.get(url);
      if (cached && Date.now() < cached.until) return cached.list;
      const { body: fetched, maxAge } = await fetchRemoteJson(url);
      if (typeof fetched !== 'object' || fetched === null || Array.isArray(fetched)) {
        throw new Error(`${url} is not a JSON object`);
      }
      const list = fetched as JsonObject;
      const seconds = Math.min(maxAge, MAX_CACHE_SECONDS);
      if (seconds > 0) cache.set(url, { until: Date.now() + seconds * 1000, list });
      return list;
    },
    explainStatus: (credentialUuid) => status.explain(credentialUuid),
  };
}
