import type { JsonObject } from '../../core/json.js';

// What the page keeps on this device between visits, in localStorage: when the service last read
// each status list for it, the did:web documents it fetched (issuers' keys, for checking offline), and the
// credentials checked offline that wait to be checked again online.

const SEEN_KEY = 'verify.statusListsSeen';
const QUEUE_KEY = 'verify.recheckQueue';
const DIDS_KEY = 'verify.didDocuments';
/** DID documents kept: the most recently fetched, so the storage cannot grow without end. */
const DIDS_KEPT = 50;

function readJson<T>(key: string, fallback: T): T {
  try {
    const stored = localStorage.getItem(key);
    return stored === null ? fallback : (JSON.parse(stored) as T);
  } catch {
    // Storage refused (private mode) or a value written by hand: start again.
    return fallback;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused: the page still works, it only forgets sooner.
  }
}

export function rememberStatusListsSeen(urls: readonly string[], at: Date): void {
  const seen = readJson<Record<string, string>>(SEEN_KEY, {});
  for (const url of urls) seen[url] = at.toISOString();
  writeJson(SEEN_KEY, seen);
}

/** The oldest of the times the lists were last read: the status is known as of then, at best. */
export function statusListsSeen(urls: readonly string[]): Date | undefined {
  if (urls.length === 0) return undefined;
  const seen = readJson<Record<string, string>>(SEEN_KEY, {});
  const times = urls.map((url) => Date.parse(seen[url] ?? ''));
  if (times.some(Number.isNaN)) return undefined;
  return new Date(Math.min(...times));
}

export interface QueuedCheck {
  jws: string;
  /** When it was checked on this device, offline. */
  checkedAt: string;
}

export function queueForRecheck(jws: string, checkedAt: Date): void {
  const queue = readJson<QueuedCheck[]>(QUEUE_KEY, []).filter((item) => item.jws !== jws);
  writeJson(QUEUE_KEY, [...queue, { jws, checkedAt: checkedAt.toISOString() }]);
}

export function queuedChecks(): QueuedCheck[] {
  return readJson<QueuedCheck[]>(QUEUE_KEY, []);
}

export function dropQueued(jws: string): void {
  writeJson(
    QUEUE_KEY,
    readJson<QueuedCheck[]>(QUEUE_KEY, []).filter((item) => item.jws !== jws),
  );
}

export interface KeptDidDocument {
  document: JsonObject;
  /** When this device fetched it from the service. */
  fetchedAt: string;
}

export function rememberDidDocument(did: string, document: JsonObject, at: Date): void {
  const kept = readJson<Record<string, KeptDidDocument>>(DIDS_KEY, {});
  kept[did] = { document, fetchedAt: at.toISOString() };
  const newest = Object.entries(kept)
    .sort(([, a], [, b]) => b.fetchedAt.localeCompare(a.fetchedAt))
    .slice(0, DIDS_KEPT);
  writeJson(DIDS_KEY, Object.fromEntries(newest));
}

export function keptDidDocument(did: string): KeptDidDocument | undefined {
  return readJson<Record<string, KeptDidDocument>>(DIDS_KEY, {})[did];
}
