// The one place where stored documents turn into the port's records and back.
import type {
  AchievementRecord,
  CredentialRecord,
  ExpiryProcessingRecord,
  IdempotencyRecord,
  IssuerKeyRecord,
  IssuerRecord,
  SettingRecord,
  StatusAllocationRecord,
  StatusEvent,
  StatusListRecord,
  TierClaim,
} from '../port.js';
import type {
  AchievementDoc,
  CredentialDoc,
  ExpiryProcessingDoc,
  IdempotencyDoc,
  IssuerDoc,
  IssuerKeyDoc,
  SettingDoc,
  StatusAllocationDoc,
  StatusEventDoc,
  StatusListDoc,
  TierClaimDoc,
} from './models.js';

export function toIssuer(doc: IssuerDoc): IssuerRecord {
  return {
    slug: doc.slug,
    did: doc.did,
    name: doc.name,
    url: doc.url,
    email: doc.email,
    description: doc.description,
    image: doc.image,
    apiKeyHash: doc.apiKeyHash,
    createdAt: doc.createdAt,
  };
}

export function toIssuerKey(doc: IssuerKeyDoc): IssuerKeyRecord {
  return {
    issuerSlug: doc.issuerSlug,
    publicKeyMultibase: doc.publicKeyMultibase,
    sealedSecretKey: doc.sealedSecretKey,
    createdAt: doc.createdAt,
  };
}

export function toAchievement(doc: AchievementDoc): AchievementRecord {
  return {
    key: doc.key,
    issuerSlug: doc.issuerSlug,
    kind: doc.kind,
    definition: doc.definition,
    updatedAt: doc.updatedAt,
  };
}

export function credentialToDoc(credential: CredentialRecord): CredentialDoc {
  const { status, ...fields } = credential;
  return status
    ? { ...fields, statusListNumber: status.listNumber, statusIndex: status.index }
    : fields;
}

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
  };
  if (doc.issuerSlug !== undefined) record.issuerSlug = doc.issuerSlug;
  if (doc.achievementKey !== undefined) record.achievementKey = doc.achievementKey;
  if (doc.learnerKey !== undefined) record.learnerKey = doc.learnerKey;
  if (doc.validUntil !== undefined) record.validUntil = doc.validUntil;
  if (doc.statusListNumber !== undefined && doc.statusIndex !== undefined) {
    record.status = { listNumber: doc.statusListNumber, index: doc.statusIndex };
  }
  if (doc.renewalOf !== undefined) record.renewalOf = doc.renewalOf;
  if (doc.importedFor !== undefined) record.importedFor = doc.importedFor;
  return record;
}

export function toStatusEvent(doc: StatusEventDoc): StatusEvent {
  return {
    credentialId: doc.credentialId,
    issuerSlug: doc.issuerSlug,
    version: doc.version,
    action: doc.action,
    state: doc.state,
    reason: doc.reason,
    actor: doc.actor,
    at: doc.at,
  };
}

export function toIdempotency(doc: IdempotencyDoc): IdempotencyRecord {
  return {
    scope: doc.scope,
    key: doc.key,
    requestHash: doc.requestHash,
    response: doc.response,
    createdAt: doc.createdAt,
  };
}

export function toSetting(doc: SettingDoc): SettingRecord {
  return { name: doc.name, value: doc.value };
}

export function toExpiryProcessing(doc: ExpiryProcessingDoc): ExpiryProcessingRecord {
  return { credentialId: doc.credentialId };
}

export function toStatusList(doc: StatusListDoc): StatusListRecord {
  return { issuerSlug: doc.issuerSlug, listNumber: doc.listNumber };
}

export function toStatusAllocation(doc: StatusAllocationDoc): StatusAllocationRecord {
  return {
    issuerSlug: doc.issuerSlug,
    listNumber: doc.listNumber,
    index: doc.index,
    credentialId: doc.credentialId,
  };
}

export function toTierClaim(doc: TierClaimDoc): TierClaim {
  return {
    learnerKey: doc.learnerKey,
    achievementKey: doc.achievementKey,
    epoch: doc.epoch,
    credentialId: doc.credentialId,
  };
}
