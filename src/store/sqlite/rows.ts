import type {
  AchievementRecord,
  CredentialFacts,
  CredentialRecord,
  ExpiryProcessingRecord,
  ImportDisregardRecord,
  IdempotencyRecord,
  IssuerKeyRecord,
  IssuerRecord,
  PendingStackingRecord,
  SettingRecord,
  StatusAllocationRecord,
  StatusEvent,
  StatusListRecord,
  TierClaim,
} from '../port.js';
import type { StatusAction } from '../../core/credentialState.js';
import type { CredentialState } from '../../core/credentialState.js';
import { parseStatusPurposes } from '../../core/statusPurpose.js';

export type Row = Record<string, unknown>;

export function optional(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

export function toIssuer(row: Row): IssuerRecord {
  return {
    slug: String(row.slug),
    did: String(row.did),
    name: String(row.name),
    url: optional(row.url),
    email: optional(row.email),
    description: optional(row.description),
    image: optional(row.image),
    statusPurposes: parseStatusPurposes(String(row.status_purposes)),
    apiKeyHash: String(row.api_key_hash),
    createdAt: String(row.created_at),
    role: row.role === 'registrar' ? 'registrar' : undefined,
  };
}

export function toIssuerKey(row: Row): IssuerKeyRecord {
  return {
    issuerSlug: String(row.issuer_slug),
    publicKeyMultibase: String(row.public_key_multibase),
    sealedSecretKey: String(row.sealed_secret_key),
    createdAt: String(row.created_at),
  };
}

export function toAchievement(row: Row): AchievementRecord {
  return {
    key: String(row.key),
    issuerSlug: String(row.issuer_slug),
    kind: row.kind === 'tier' ? 'tier' : 'module',
    definition: String(row.definition),
    updatedAt: String(row.updated_at),
  };
}

/** `constituents` is the JSON array the query aggregates from credential_constituents. */
export function toCredential(row: Row): CredentialRecord {
  const record: CredentialRecord = {
    id: String(row.id),
    origin: row.origin === 'imported' ? 'imported' : 'issued',
    issuerDid: String(row.issuer_did),
    format: row.format === 'jwt' ? 'jwt' : 'di',
    document: String(row.document),
    validFrom: String(row.valid_from),
    constituentIds: row.constituents ? (JSON.parse(String(row.constituents)) as string[]) : [],
    createdAt: String(row.created_at),
  };
  const issuerSlug = optional(row.issuer_slug);
  if (issuerSlug) record.issuerSlug = issuerSlug;
  const achievementKey = optional(row.achievement_key);
  if (achievementKey) record.achievementKey = achievementKey;
  const learnerKey = optional(row.learner_key);
  if (learnerKey) record.learnerKey = learnerKey;
  const validUntil = optional(row.valid_until);
  if (validUntil) record.validUntil = validUntil;
  if (row.status_list !== null && row.status_list !== undefined) {
    record.status = { listNumber: Number(row.status_list), index: Number(row.status_index) };
  }
  const renewalOf = optional(row.renewal_of);
  if (renewalOf) record.renewalOf = renewalOf;
  const renewalReason = optional(row.renewal_reason);
  if (renewalReason) record.renewalReason = renewalReason;
  const importedFor = optional(row.imported_for);
  if (importedFor) record.importedFor = importedFor;
  const vcJwt = optional(row.vc_jwt);
  if (vcJwt) record.vcJwt = vcJwt;
  const cohort = optional(row.cohort);
  if (cohort) record.cohort = cohort;
  const region = optional(row.region);
  if (region) record.region = region;
  return record;
}

export function toCredentialFacts(row: Row): CredentialFacts {
  const facts: CredentialFacts = {
    id: String(row.id),
    origin: row.origin === 'imported' ? 'imported' : 'issued',
    validFrom: String(row.valid_from),
    createdAt: String(row.created_at),
  };
  const achievementKey = optional(row.achievement_key);
  if (achievementKey) facts.achievementKey = achievementKey;
  const learnerKey = optional(row.learner_key);
  if (learnerKey) facts.learnerKey = learnerKey;
  const validUntil = optional(row.valid_until);
  if (validUntil) facts.validUntil = validUntil;
  const importedFor = optional(row.imported_for);
  if (importedFor) facts.importedFor = importedFor;
  return facts;
}

const STATES: readonly CredentialState[] = ['active', 'suspended', 'revoked'];

export function toCredentialState(value: unknown): CredentialState {
  const state = STATES.find((candidate) => candidate === value);
  if (!state) throw new Error(`unknown credential state ${String(value)}`);
  return state;
}

export function toStatusEvent(row: Row): StatusEvent {
  return {
    credentialId: String(row.credential_id),
    issuerSlug: String(row.issuer_slug),
    version: Number(row.version),
    action: String(row.action) as StatusAction,
    state: toCredentialState(row.state),
    reason: String(row.reason),
    actor: String(row.actor),
    at: String(row.at),
    ...(row.list_sequence === null || row.list_sequence === undefined
      ? {}
      : {
          list: {
            listNumber: Number(row.list_number),
            index: Number(row.list_index),
            sequence: Number(row.list_sequence),
          },
        }),
  };
}

export function toIdempotency(row: Row): IdempotencyRecord {
  return {
    scope: String(row.scope),
    key: String(row.key),
    requestHash: String(row.request_hash),
    response: optional(row.response),
    createdAt: String(row.created_at),
    ...(row.work_id == null ? {} : { workId: String(row.work_id) }),
  };
}

export function toSetting(row: Row): SettingRecord {
  return { name: String(row.name), value: String(row.value) };
}

export function toImportDisregard(row: Row): ImportDisregardRecord {
  return {
    credentialId: String(row.credential_id),
    reason: String(row.reason),
    actor: String(row.actor),
    at: String(row.at),
  };
}

export function toPendingStacking(row: Row): PendingStackingRecord {
  return {
    credentialId: String(row.credential_id),
    learnerKey: String(row.learner_key),
    achievementKey: String(row.achievement_key),
    claimedAt: String(row.claimed_at),
  };
}

export function toExpiryProcessing(row: Row): ExpiryProcessingRecord {
  return { credentialId: String(row.credential_id) };
}

export function toStatusList(row: Row): StatusListRecord {
  return { issuerSlug: String(row.issuer_slug), listNumber: Number(row.list_number) };
}

export function toStatusAllocation(row: Row): StatusAllocationRecord {
  return {
    issuerSlug: String(row.issuer_slug),
    listNumber: Number(row.list_number),
    index: Number(row.status_index),
    credentialId: String(row.credential_id),
    ...(row.claimed_at == null ? {} : { claimedAt: String(row.claimed_at) }),
  };
}

export function toTierClaim(row: Row): TierClaim {
  return {
    learnerKey: String(row.learner_key),
    achievementKey: String(row.achievement_key),
    epoch: Number(row.epoch),
    credentialId: String(row.credential_id),
    ...(row.claimed_at == null ? {} : { claimedAt: String(row.claimed_at) }),
  };
}
