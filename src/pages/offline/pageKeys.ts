import type { JsonObject } from '../../core/json.js';
import { methodIn } from '../../keys/controllerMethods.js';
import { createDidKeyResolver, UnresolvableDidError } from '../../keys/didMethods.js';
import type { KeyDocuments } from '../../verifying/keyDocuments.js';
import type { KeptDidDocument } from './deviceMemory.js';
import { ServiceUnreachableError, type DidAnswer } from './serviceChecks.js';

// The keys the page finds: a did:key is its own public key, resolved here with no connection. A
// did:web is resolved by the service while there is a connection and kept on this device; with
// none (or the service out of reach) the kept document is used, and a did:web never fetched is
// out of reach: the check then reads "could not be checked", never "failed", never "passed".

export interface DidWebSource {
  online(): boolean;
  /** Throws ServiceUnreachableError when the service could not say. */
  ask(did: string): Promise<DidAnswer>;
  kept(did: string): KeptDidDocument | undefined;
  keep(did: string, document: JsonObject, at: Date): void;
  now(): Date;
}

export interface PageKeys extends KeyDocuments {
  /** When each did:web document this check used was fetched (now, or on an earlier visit). */
  readonly fetchedAt: ReadonlyMap<string, Date>;
  /** The did:web DIDs this check needed and this device has never fetched. */
  readonly notKept: ReadonlySet<string>;
}

const resolveDidKey = createDidKeyResolver();

/** One per check: a did:web asked for twice in a check (proof, then binding) is fetched once. */
export function pageKeyDocuments(didWeb: DidWebSource): PageKeys {
  const fetchedAt = new Map<string, Date>();
  const notKept = new Set<string>();
  const resolving = new Map<string, Promise<JsonObject>>();

  function fromKept(did: string, reason: string): JsonObject {
    const kept = didWeb.kept(did);
    if (!kept) {
      notKept.add(did);
      throw new UnresolvableDidError(did, reason, { unreachable: true });
    }
    fetchedAt.set(did, new Date(kept.fetchedAt));
    return kept.document;
  }

  async function resolveDidWeb(did: string): Promise<JsonObject> {
    if (!didWeb.online()) return fromKept(did, 'not kept on this device, and it is offline');
    let answer: DidAnswer;
    try {
      answer = await didWeb.ask(did);
    } catch (error) {
      if (!(error instanceof ServiceUnreachableError)) throw error;
      return fromKept(did, error.message);
    }
    if (answer.kind === 'unresolvable') throw new UnresolvableDidError(did, answer.detail);
    // The service's answer is checked as the server checks a fetched did:web document.
    if (answer.document.id !== did)
      throw new UnresolvableDidError(did, `the document found names ${String(answer.document.id)}`);
    const at = didWeb.now();
    didWeb.keep(did, answer.document, at);
    fetchedAt.set(did, at);
    return answer.document;
  }

  function resolve(did: string): Promise<JsonObject> {
    if (did.startsWith('did:key:')) return resolveDidKey(did);
    if (!did.startsWith('did:web:'))
      return Promise.reject(
        new UnresolvableDidError(did, 'unsupported DID method (did:key and did:web are supported)'),
      );
    let found = resolving.get(did);
    if (!found) {
      found = resolveDidWeb(did);
      resolving.set(did, found);
    }
    return found;
  }

  async function load(url: string): Promise<JsonObject> {
    const [did = url] = url.split('#');
    const document = await resolve(did);
    if (!url.includes('#')) return document;
    const method = methodIn(document, url);
    if (!method) throw new UnresolvableDidError(did, `${url} is not one of its keys`);
    return method;
  }
  return {
    fetchedAt,
    notKept,
    verificationMethod: load,
    async controller(id) {
      const document = await load(id);
      if (document.id !== id)
        throw new UnresolvableDidError(id, `the document found names ${String(document.id)}`);
      return document;
    },
  };
}
