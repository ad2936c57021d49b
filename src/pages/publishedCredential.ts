import { isUuid } from '../core/ids.js';
import type { CredentialPayload } from '../baking/credentialPayload.js';
import { NotFoundError } from '../core/problems.js';
import type { IssuingService } from '../issuing/issuingService.js';
import type { JsonObject } from '../core/json.js';
import type { CredentialRecord } from '../store/port.js';
import { presentCredential } from '../verifying/presentedCredential.js';

/** A stored credential as the public pages use it. */
export interface PublishedCredential {
  uuid: string;
  record: CredentialRecord;
  /** What verifiers and baked images take: the JSON (DI) or the compact JWS (JWT). */
  payload: CredentialPayload;
  /** The credential's claims (for a JWT, its decoded payload). */
  credential: JsonObject;
}

export function assertCredentialUuid(uuid: string): void {
  if (!isUuid(uuid)) throw new NotFoundError(`"${uuid}" is not a credential id (a UUID)`);
}

export async function findPublishedCredential(
  issuing: IssuingService,
  uuid: string,
): Promise<PublishedCredential> {
  assertCredentialUuid(uuid);
  const record = await issuing.find(uuid);
  const payload: CredentialPayload =
    record.format === 'jwt' ? record.document : (JSON.parse(record.document) as JsonObject);
  return { uuid: record.id, record, payload, credential: presentCredential(payload).credential };
}
