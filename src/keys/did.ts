import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from '../jsonld/contexts.js';

export interface PublicKeyRecord {
  publicKeyMultibase: string;
}

/**
 * did:web needs https to resolve, so a plain-http laptop gets did:key instead: its credentials
 * then verify anywhere without reaching this machine.
 */
export function usesDidWeb(publicUrl: URL): boolean {
  return publicUrl.protocol === 'https:';
}

/** did:web:<host>[%3A<port>][:<path>...]:issuers:<slug>, as the did:web method maps URLs. */
export function didWebForIssuer(publicUrl: URL, slug: string): string {
  const host = publicUrl.port ? `${publicUrl.hostname}%3A${publicUrl.port}` : publicUrl.hostname;
  const pathSegments = publicUrl.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...pathSegments, 'issuers', slug].join(':');
}

export function didKeyFor(publicKeyMultibase: string): string {
  return `did:key:${publicKeyMultibase}`;
}

export function verificationMethodId(did: string, publicKeyMultibase: string): string {
  return `${did}#${publicKeyMultibase}`;
}

/** The issuer slug when `did` is a did:web of this service, otherwise undefined. */
export function slugFromOwnDidWeb(publicUrl: URL, did: string): string | undefined {
  const prefix = didWebForIssuer(publicUrl, '');
  if (!did.startsWith(prefix)) return undefined;
  const slug = did.slice(prefix.length);
  return /^[a-z0-9][a-z0-9-]*$/.test(slug) ? slug : undefined;
}

/** A DID document listing every key the issuer ever had, so older signatures keep verifying. */
export function buildDidDocument(
  did: string,
  keys: readonly PublicKeyRecord[],
): Record<string, unknown> {
  const methods = keys.map((key) => ({
    id: verificationMethodId(did, key.publicKeyMultibase),
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: key.publicKeyMultibase,
  }));
  const ids = methods.map((method) => method.id);
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: ids,
  };
}
