// DCC's verifier-core (@digitalcredentials/verifier-core) run with the network replaced.
//
// verifier-core has no documentLoader or fetch option: its loader is built at import
// (security-document-loader, fetchRemoteContexts: true) and reaches the network through
// globalThis.fetch (ky, in @digitalcredentials/http-client), as do its OB JSON Schema check and
// registry lookups. So while it runs, globalThis.fetch is replaced: loopback goes to our test app
// (its status lists), URLs in `served` are answered from there, and anything else is refused and
// recorded. With knownDIDRegistries [] it looks nothing up in registries.
import * as verifierCore from '@digitalcredentials/verifier-core';
import type { AnyJson } from './http.js';

export type Verdict = 'verified' | 'not-verified' | 'unchecked';

export interface OfflineNetwork {
  /** URL -> body answered in place of the real network. */
  served: ReadonlyMap<string, string>;
  /** URLs verifier-core asked for and did not get. */
  refused: Set<string>;
  /** URLs answered from `served`. */
  answered: Set<string>;
}

export function offlineNetwork(served: ReadonlyMap<string, string>): OfflineNetwork {
  return { served, refused: new Set(), answered: new Set() };
}

/** Runs `run` with the network replaced (see the top of the file); restores fetch after. */
export async function offline<T>(network: OfflineNetwork, run: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  const { log, error } = console;
  const quiet: string[] = [];
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const { hostname } = new URL(url);
    if (hostname === '127.0.0.1') return realFetch(input, init);
    const body = network.served.get(url);
    if (body !== undefined) {
      network.answered.add(url);
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    }
    network.refused.add(url);
    throw new TypeError(`offline test: ${url} is not reachable`);
  }) as typeof fetch;
  // Its schema check logs each refused schema fetch; keep the run readable.
  console.log = (...args: unknown[]) => void quiet.push(args.map(String).join(' '));
  console.error = console.log;
  try {
    return await run();
  } finally {
    globalThis.fetch = realFetch;
    console.log = log;
    console.error = error;
  }
}

export interface CoreAnswer {
  verdict: Verdict;
  says: string;
  errorNames: string[];
  /** Each step's id and whether it passed (undefined: the step errored). */
  steps: Record<string, boolean | undefined>;
  /** The schema_check entry verifier-core adds beside its verdict. */
  schemaCheck?: AnyJson;
}

/** verifier-core's answer as a verdict: no fatal errors, and every step valid but registries. */
export function coreAnswer(result: AnyJson): CoreAnswer {
  const errors = (result.errors ?? []) as AnyJson[];
  const log = (result.log ?? []) as AnyJson[];
  const steps = log.filter((step) => step.id !== 'registered_issuer');
  const verified = errors.length === 0 && steps.length > 0 && steps.every((s) => s.valid === true);
  const says =
    errors.length > 0
      ? errors.map((e) => `${String(e.name)}: ${String(e.message).slice(0, 80)}`).join('; ')
      : steps
          .map((s) => `${String(s.id)}=${s.valid === undefined ? 'error' : String(s.valid)}`)
          .join(' ');
  return {
    verdict: verified ? 'verified' : 'not-verified',
    says,
    errorNames: errors.map((e) => String(e.name)),
    steps: Object.fromEntries(log.map((s) => [String(s.id), s.valid as boolean | undefined])),
    schemaCheck: ((result.additionalInformation ?? []) as AnyJson[]).find(
      (entry) => entry.id === 'schema_check',
    ),
  };
}

export async function coreOnCredential(
  network: OfflineNetwork,
  credential: unknown,
): Promise<CoreAnswer> {
  const result = await offline(network, () =>
    verifierCore.verifyCredential({ credential: credential as never, knownDIDRegistries: [] }),
  );
  return coreAnswer(result as AnyJson);
}
