import Negotiator from 'negotiator';
import type { StoredCredential } from '../published/credentialService.js';
import type { CredentialFormat } from '../core/credentialState.js';
import type { RouteResponse } from './route.js';

const PAGE = 'text/html';
const JWT = 'application/vc+jwt';
/**
 * The JSON media types a Data Integrity credential (or a status list) is served as; the first
 * is the default, for a bare * / *, application/* or no Accept at all.
 */
export const JSON_DOCUMENT_TYPES = [
  'application/vc',
  'application/vc+ld+json',
  'application/ld+json',
  'application/json',
] as const;
const DEFAULT_JSON_TYPE = JSON_DOCUMENT_TYPES[0];

export type Representation = { kind: 'page' } | { kind: 'document'; mediaType: string };

/** The client's preferred type among the offered ones (the first offered wins a tie). */
function preferred(accept: string | undefined, offered: readonly string[]): string | undefined {
  // Negotiator reads a missing Accept as */*, as RFC 9110 says a server should.
  return new Negotiator({ headers: { accept } }).mediaType([...offered]);
}

/**
 * The JSON type asked for, or the default when none is (a client that lists only types we do
 * not have still gets the document: the bytes are the same, only the label differs).
 */
export function jsonDocumentType(accept: string | undefined): string {
  return preferred(accept, JSON_DOCUMENT_TYPES) ?? DEFAULT_JSON_TYPE;
}

/**
 * The media type a credential is served as. A JWT-format credential exists only as its compact
 * JWS, so it is application/vc+jwt whatever was asked; a Data Integrity one is never a JWT.
 */
export function credentialMediaType(format: CredentialFormat, accept: string | undefined): string {
  return format === 'jwt' ? JWT : jsonDocumentType(accept);
}

/**
 * /c/<uuid>: the page only for a client that prefers HTML (a browser sends text/html first);
 * wallets and verifier apps (* / *, application/json, or no Accept) get the signed credential,
 * so the URL in the QR code can be imported by whatever fetches it.
 */
export function negotiateRepresentation(
  accept: string | undefined,
  format: CredentialFormat,
): Representation {
  const documentTypes = format === 'jwt' ? [JWT, ...JSON_DOCUMENT_TYPES] : [...JSON_DOCUMENT_TYPES];
  return preferred(accept, [...documentTypes, PAGE]) === PAGE
    ? { kind: 'page' }
    : { kind: 'document', mediaType: credentialMediaType(format, accept) };
}

/**
 * The signed credential exactly as issued, in the media type chosen. `vary` names every header the
 * URL's answers depend on, so caches keep the variants apart.
 */
export function credentialDocument(
  record: StoredCredential,
  mediaType: string,
  vary = 'Accept',
): RouteResponse {
  return { status: 200, body: record.document, contentType: mediaType, headers: { Vary: vary } };
}
