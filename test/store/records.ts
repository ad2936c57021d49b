// Records for the store contract: complete, valid, and unique per call unless told otherwise.
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  CredentialRecord,
  IssuerKeyRecord,
  IssuerRecord,
  PasskeyRecord,
  RecordTransfer,
  StaffInvitationRecord,
  StaffRecord,
  StaffSessionRecord,
  StatusEvent,
  StoredCollection,
  StoredRecord,
} from '../../src/store/port.js';

export function issuer(slug: string, fields: Partial<IssuerRecord> = {}): IssuerRecord {
  return {
    slug,
    did: `did:web:example.org:issuers:${slug}`,
    name: `Issuer ${slug}`,
    statusPurposes: ['revocation'],
    apiKeyHash: `hash-${slug}-${randomUUID()}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

export function issuerKey(
  issuerSlug: string,
  createdAt = '2026-01-01T00:00:00.000Z',
): IssuerKeyRecord {
  return {
    issuerSlug,
    publicKeyMultibase: `z6Mk${randomUUID()}`,
    sealedSecretKey: `v1.sealed.${randomUUID()}`,
    createdAt,
  };
}

export function credential(fields: Partial<CredentialRecord> = {}): CredentialRecord {
  const id = fields.id ?? randomUUID();
  return {
    id,
    origin: 'issued',
    issuerDid: 'did:web:example.org:issuers:ngo',
    issuerSlug: 'ngo',
    format: 'di',
    document: JSON.stringify({ id: `urn:uuid:${id}`, 'odd.key': { $literal: 'kept verbatim' } }),
    validFrom: '2026-01-01T00:00:00Z',
    constituentIds: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

export function statusEvent(
  fields: Partial<StatusEvent> & Pick<StatusEvent, 'credentialId'>,
): StatusEvent {
  return {
    issuerSlug: 'ngo',
    version: 1,
    action: 'revoke',
    state: 'revoked',
    reason: 'exam result withdrawn',
    actor: 'registrar',
    at: '2026-02-01T00:00:00.000Z',
    ...fields,
  };
}

/** What the store holds (of the collections named), as its export yields it. */
export async function exportedRecords(
  store: RecordTransfer,
  collections?: readonly StoredCollection[],
): Promise<StoredRecord[]> {
  const records: StoredRecord[] = [];
  for await (const entry of store.exportRecords(collections)) records.push(entry);
  return records;
}

/** 64 hex characters, as a SHA-256 is stored. */
const hex = () => randomUUID().replace(/-/g, '').repeat(2);

export function invitation(fields: Partial<StaffInvitationRecord> = {}): StaffInvitationRecord {
  return {
    id: randomUUID(),
    tokenHash: hex(),
    issuerSlug: 'ngo',
    email: 'mei@ngo.example',
    role: 'issuer',
    invitedBy: 'admin',
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-08T00:00:00.000Z',
    ...fields,
  };
}

export function staff(
  invited: StaffInvitationRecord,
  fields: Partial<StaffRecord> = {},
): StaffRecord {
  return {
    id: randomUUID(),
    issuerSlug: invited.issuerSlug,
    email: invited.email,
    role: invited.role,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    invitationId: invited.id,
    createdAt: '2026-01-02T00:00:00.000Z',
    ...fields,
  };
}

export function passkey(member: StaffRecord, fields: Partial<PasskeyRecord> = {}): PasskeyRecord {
  return {
    id: randomBytes(16).toString('base64url'),
    staffId: member.id,
    issuerSlug: member.issuerSlug,
    name: 'Work laptop',
    publicKey: randomBytes(77).toString('base64url'),
    counter: 0,
    transports: ['internal', 'hybrid'],
    createdAt: '2026-01-02T00:00:00.000Z',
    ...fields,
  };
}

export function session(
  member: StaffRecord,
  fields: Partial<StaffSessionRecord> = {},
): StaffSessionRecord {
  return {
    idHash: hex(),
    staffId: member.id,
    issuerSlug: member.issuerSlug,
    createdAt: '2026-01-02T00:00:00.000Z',
    expiresAt: '2026-01-02T12:00:00.000Z',
    ...fields,
  };
}
