// The verify page's service worker: it keeps /verify (each language), its script, styles and
// manifest, so the page opens and verifies with no connection after one visit. Online it always
// asks the network first, so a visitor with a connection sees the service's current page.

/** Written in front of this bundle by the service (src/http/routes/offlineVerify.ts). */
declare const VERIFY_PRECACHE: { version: string; scope: string; urls: string[] };

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const CACHE_PREFIX = 'verify-';
const CACHE = `${CACHE_PREFIX}${VERIFY_PRECACHE.version}`;

/** What the page needs offline: its own URLs and the service's page assets, nothing else. */
function kept(url: URL): boolean {
  if (url.origin !== worker.location.origin) return false;
  const { scope } = VERIFY_PRECACHE;
  return url.pathname === scope || VERIFY_PRECACHE.urls.includes(url.pathname + url.search);
}

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(VERIFY_PRECACHE.urls))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    // The page varies on Accept and Accept-Language; offline any copy of this URL will do.
    const copy = await cache.match(request, { ignoreVary: true });
    if (copy) return copy;
    throw error;
  }
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !kept(new URL(request.url))) return;
  event.respondWith(networkFirst(request));
});

// A module, so that its names stay its own in the typecheck of the whole service.
export {};
