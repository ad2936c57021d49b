import Negotiator from 'negotiator';
import type { CredentialRecord } from '../store/port.js';
import type { RouteResponse } from './route.js';

const PAGE = 'text/html';
/** Media types that get the signed credential itself; the first wins for a bare application/*. */
const DOCUMENT_TYPES = [
  'application/vc',
  'application/vc+ld+json',
  'application/ld+json',
  'application/json',
  'application/vc+jwt',
];

export type Representation = { kind: 'page' } | { kind: 'document'; mediaType: string };

/** A browser (or no Accept at all) gets the page; a client asking for JSON gets the credential. */
export function negotiateRepresentation(accept: string | undefined): Representation {
  const best = new Negotiator({ headers: { accept: accept ?? '*/*' } }).mediaType([
    PAGE,
    ...DOCUMENT_TYPES,
  ]);
  return best === undefined || best === PAGE
    ? { kind: 'page' }
    : { kind: 'document', mediaType: best };
}

/** The signed credential exactly as issued: JSON in the type asked for, or the JWS as vc+jwt. */
export function credentialDocument(record: CredentialRecord, mediaType: string): RouteResponse {
  const headers = { Vary: 'Accept, Accept-Language' };
  if (record.format === 'jwt') {
    return { status: 200, body: record.document, contentType: 'application/vc+jwt', headers };
  }
  const contentType = mediaType === 'application/vc+jwt' ? 'application/vc' : mediaType;
  return { status: 200, body: record.document, contentType, headers };
}
