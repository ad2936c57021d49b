import { firstSubjectOf } from './fields.js';
import type { SubjectIdentity } from './openBadgeCredential.js';
import type { IdentityObject } from './recipientIdentity.js';
import type { JsonObject } from '../core/json.js';
import type { CredentialRecord } from '../store/port.js';
import { decodeJwt } from 'jose';

/** The signed credential's JSON, whether it was stored as JSON or as a JWS. */
export function credentialJson(record: CredentialRecord): JsonObject {
  return record.format === 'jwt'
    ? (decodeJwt(record.document) as JsonObject)
    : (JSON.parse(record.document) as JsonObject);
}

/** Who the credential is about, as it says so itself: a DID, or hashed identity objects. */
export function subjectIdentityOf(credential: JsonObject): SubjectIdentity | undefined {
  const { id, identifier } = firstSubjectOf(credential);
  if (typeof id === 'string') return { id };
  if (Array.isArray(identifier) && identifier.length > 0) {
    return { identifier: identifier as IdentityObject[] };
  }
  return undefined;
}
