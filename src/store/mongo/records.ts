// The one place where stored documents turn into the port's records and back. Each converter
// lists every field of its record (the types below make it), so a new field cannot be dropped
// on the way out of the database without a compile error.
import type { mongo } from 'mongoose';
import { inPurposeOrder, LEGACY_STATUS_PURPOSES } from '../../core/statusPurpose.js';
import type { AchievementRecord } from '../ports/catalogStore.js';
import type {
  CredentialFacts,
  CredentialRecord,
  ImportDisregardRecord,
} from '../ports/credentialStore.js';
import type { IdempotencyRecord } from '../ports/idempotencyStore.js';
import type { IssuerImageRecord } from '../ports/imageStore.js';
import type { IssuerKeyRecord, IssuerRecord } from '../ports/issuerStore.js';
import type { SettingRecord } from '../ports/settingStore.js';
import type {
  StatusAllocationRecord,
  StatusPosition,
  StatusEvent,
  StatusListRecord,
  StatusListSnapshot,
} from '../ports/statusStore.js';
import type {
  ExpiryProcessingRecord,
  PendingStackingRecord,
  TierClaim,
} from '../ports/tierStore.js';
import type {
  AchievementDoc,
  CredentialDoc,
  ExpiryProcessingDoc,
  IdempotencyDoc,
  IssuerDoc,
  IssuerImageDoc,
  IssuerKeyDoc,
  SettingDoc,
  StatusAllocationDoc,
  StatusEventDoc,
  StatusListDoc,
  StatusListSnapshotDoc,
  TierClaimDoc,
  PendingStackingDoc,
  ImportDisregardDoc,
} from './models.js';

/** A record with every key present, an optional field as undefined when it has no value. */
type AllFields<T> = { [K in keyof Required<T>]: T[K] };

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

export function toIssuer(doc: IssuerDoc): IssuerRecord {
  return {
    slug: doc.slug,
    did: doc.did,
    name: doc.name,
    url: doc.url,
    email: doc.email,
    description: doc.description,
    image: doc.image,
    statusPurposes: doc.statusPurposes?.length
      ? inPurposeOrder(doc.statusPurposes)
      : LEGACY_STATUS_PURPOSES,
    apiKeyHash: doc.apiKeyHash,
    createdAt: doc.createdAt,
    role: doc.role === 'registrar' ? 'registrar' : undefined,
  } satisfies AllFields<IssuerRecord>;
}

export function toIssuerKey(doc: IssuerKeyDoc): IssuerKeyRecord {
  return {
    issuerSlug: doc.issuerSlug,
    publicKeyMultibase: doc.publicKeyMultibase,
    sealedSecretKey: doc.sealedSecretKey,
    createdAt: doc.createdAt,
  } satisfies AllFields<IssuerKeyRecord>;
}

export function toIssuerImage(doc: IssuerImageDoc): IssuerImageRecord {
  const { bytes } = doc;
  return {
    issuerSlug: doc.issuerSlug,
    mediaType: doc.mediaType,
    // A Binary's buffer may be longer than what it holds: read exactly its length, as a copy.
    bytes: Buffer.from(Buffer.isBuffer(bytes) ? bytes : bytes.read(0, bytes.length())),
    digest: doc.digest,
    updatedAt: doc.updatedAt,
  } satisfies AllFields<IssuerImageRecord>;
}

export function toAchievement(doc: AchievementDoc): AchievementRecord {
  return {
    key: doc.key,
    issuerSlug: doc.issuerSlug,
    kind: doc.kind,
    definition: doc.definition,
    updatedAt: doc.updatedAt,
  } satisfies AllFields<AchievementRecord>;
}

/** A credential's status position as the one field its unique index covers. */
export const statusKeyOf = (issuerSlug: string, position: StatusPosition): string =>
  `${issuerSlug}/${position.listNumber}/${position.index}`;

export function credentialToDoc(credential: CredentialRecord): CredentialDoc {
  const { status, ...fields } = credential;
  return status
    ? {
        ...fields,
        statusListNumber: status.listNumber,
        statusIndex: status.index,
        statusKey: statusKeyOf(fields.issuerSlug ?? '', status),
      }
    : fields;
}

/**
 * A credential's optional fields stored as they are. A credential record carries only those it
 * has (the contract compares its keys), so they are copied when present; the type makes a new
 * optional field be listed here.
 */
const OPTIONAL_CREDENTIAL_FIELDS = {
  issuerSlug: true,
  achievementKey: true,
  learnerKey: true,
  validUntil: true,
  renewalOf: true,
  renewalReason: true,
  importedFor: true,
  vcJwt: true,
  cohort: true,
  region: true,
} as const satisfies { [K in Exclude<OptionalKeys<CredentialRecord>, 'status'>]: true };

type OptionalCredentialField = keyof typeof OPTIONAL_CREDENTIAL_FIELDS;

export function toCredential(doc: CredentialDoc): CredentialRecord {
  const record: CredentialRecord = {
    id: doc.id,
    origin: doc.origin,
    issuerDid: doc.issuerDid,
    format: doc.format,
    document: doc.document,
    validFrom: doc.validFrom,
    constituentIds: [...doc.constituentIds],
    createdAt: doc.createdAt,
  } satisfies Omit<AllFields<CredentialRecord>, OptionalKeys<CredentialRecord>>;
  for (const field of Object.keys(OPTIONAL_CREDENTIAL_FIELDS) as OptionalCredentialField[]) {
    const value = doc[field];
    if (value !== undefined) record[field] = value;
  }
  if (doc.statusListNumber !== undefined && doc.statusIndex !== undefined) {
    record.status = { listNumber: doc.statusListNumber, index: doc.statusIndex };
  }
  return record;
}

/** The fields a credential's facts are read from, as a projection. */
export const CREDENTIAL_FACT_FIELDS = {
  id: 1,
  origin: 1,
  achievementKey: 1,
  learnerKey: 1,
  validFrom: 1,
  validUntil: 1,
  importedFor: 1,
  createdAt: 1,
} as const satisfies { [K in keyof CredentialFacts]-?: 1 };

export function toCredentialFacts(
  doc: Pick<CredentialDoc, keyof CredentialFacts>,
): CredentialFacts {
  const facts: CredentialFacts = {
    id: doc.id,
    origin: doc.origin,
    validFrom: doc.validFrom,
    createdAt: doc.createdAt,
  };
  for (const field of ['achievementKey', 'learnerKey', 'validUntil', 'importedFor'] as const) {
    const value = doc[field];
    if (value !== undefined) facts[field] = value;
  }
  return facts;
}

export function toStatusEvent(doc: StatusEventDoc): StatusEvent {
  const { listNumber, listIndex, listSequence } = doc;
  return {
    credentialId: doc.credentialId,
    issuerSlug: doc.issuerSlug,
    version: doc.version,
    action: doc.action,
    state: doc.state,
    reason: doc.reason,
    actor: doc.actor,
    at: doc.at,
    ...(listNumber === undefined || listIndex === undefined || listSequence === undefined
      ? {}
      : { list: { listNumber, index: listIndex, sequence: listSequence } }),
  } satisfies Omit<AllFields<StatusEvent>, 'list'>;
}

/** The unique key of a list change (see StatusEventDoc). */
export const listKeyOf = (issuerSlug: string, listNumber: number, sequence: number): string =>
  `${issuerSlug}/${listNumber}/${sequence}`;

export function statusEventToDoc(event: StatusEvent): StatusEventDoc {
  const { list, ...fields } = event;
  return list
    ? {
        ...fields,
        listNumber: list.listNumber,
        listIndex: list.index,
        listSequence: list.sequence,
        listKey: listKeyOf(event.issuerSlug, list.listNumber, list.sequence),
      }
    : fields;
}

/** A Binary's buffer may be longer than what it holds: read exactly its length, as a copy. */
const bytesOf = (value: Buffer | mongo.Binary): Uint8Array =>
  new Uint8Array(Buffer.isBuffer(value) ? value : value.read(0, value.length()));

export function toStatusListSnapshot(doc: StatusListSnapshotDoc): StatusListSnapshot {
  return {
    issuerSlug: doc.issuerSlug,
    listNumber: doc.listNumber,
    version: doc.version,
    revoked: bytesOf(doc.revoked),
    suspended: bytesOf(doc.suspended),
  } satisfies AllFields<StatusListSnapshot>;
}

export function toIdempotency(doc: IdempotencyDoc): IdempotencyRecord {
  return {
    scope: doc.scope,
    key: doc.key,
    requestHash: doc.requestHash,
    response: doc.response,
    createdAt: doc.createdAt,
    workId: doc.workId,
  } satisfies AllFields<IdempotencyRecord>;
}

export function toSetting(doc: SettingDoc): SettingRecord {
  return { name: doc.name, value: doc.value } satisfies AllFields<SettingRecord>;
}

export function toImportDisregard(doc: ImportDisregardDoc): ImportDisregardRecord {
  return {
    credentialId: doc.credentialId,
    reason: doc.reason,
    actor: doc.actor,
    at: doc.at,
  } satisfies AllFields<ImportDisregardRecord>;
}

export function toPendingStacking(doc: PendingStackingDoc): PendingStackingRecord {
  return {
    credentialId: doc.credentialId,
    learnerKey: doc.learnerKey,
    achievementKey: doc.achievementKey,
    claimedAt: doc.claimedAt,
  } satisfies AllFields<PendingStackingRecord>;
}

export function toExpiryProcessing(doc: ExpiryProcessingDoc): ExpiryProcessingRecord {
  return { credentialId: doc.credentialId } satisfies AllFields<ExpiryProcessingRecord>;
}

export function toStatusList(doc: StatusListDoc): StatusListRecord {
  return {
    issuerSlug: doc.issuerSlug,
    listNumber: doc.listNumber,
  } satisfies AllFields<StatusListRecord>;
}

export function toStatusAllocation(doc: StatusAllocationDoc): StatusAllocationRecord {
  return {
    issuerSlug: doc.issuerSlug,
    listNumber: doc.listNumber,
    index: doc.index,
    credentialId: doc.credentialId,
    claimedAt: doc.claimedAt,
  } satisfies AllFields<StatusAllocationRecord>;
}

export function toTierClaim(doc: TierClaimDoc): TierClaim {
  return {
    learnerKey: doc.learnerKey,
    achievementKey: doc.achievementKey,
    epoch: doc.epoch,
    credentialId: doc.credentialId,
    claimedAt: doc.claimedAt,
  } satisfies AllFields<TierClaim>;
}
