import type { StatusPurpose } from '../../core/statusPurpose.js';
import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import type { AchievementRecord } from '../ports/catalogStore.js';
import type { CredentialRecord, ImportDisregardRecord } from '../ports/credentialStore.js';
import type { EndorsementRecord } from '../ports/endorsementStore.js';
import type { ApiKeyRecord } from '../ports/apiKeyStore.js';
import type { PasskeyChallengeRecord, PasskeyRecord } from '../ports/passkeyStore.js';
import type {
  StaffInvitationRecord,
  StaffRecord,
  StaffSessionRecord,
} from '../ports/staffStore.js';
import type {
  BatchCompletion,
  BatchLease,
  BatchRecord,
  BatchRowRecord,
} from '../ports/batchStore.js';
import type { ApprovedMappingClaim, MappingEvent, MappingRecord } from '../ports/mappingStore.js';
import type { IdempotencyRecord } from '../ports/idempotencyStore.js';
import type {
  IssuerMailSettingRecord,
  MailAttemptRecord,
  MailMessageRecord,
} from '../ports/mailStore.js';
import { LEARNER_MAIL_KINDS, type IssuerMailTemplateRecord } from '../ports/mailTemplateStore.js';
import type { IssuerImageRecord } from '../ports/imageStore.js';
import type { IssuerKeyRecord, IssuerRecord } from '../ports/issuerStore.js';
import type { SettingRecord } from '../ports/settingStore.js';
import type {
  StatusAllocationRecord,
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
  ReevaluationCompletion,
  ReevaluationPartClaim,
  ReevaluationPartDone,
  TierReevaluationRecord,
} from '../ports/reevaluationStore.js';
import type {
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from '../ports/webhookStore.js';
import type {
  IssuerWalletSettingRecord,
  WalletChallengeRecord,
  WalletClaimRecord,
  WalletGrantRecord,
  WalletOfferRecord,
} from '../ports/walletStore.js';
import type { CredentialUseCount, PartnerGroupRecord } from '../ports/partnerMetricsStore.js';

// One collection per SQLite table, with the same names, so both stores read alike and a move
// between them is a copy. Every unique index below is an invariant claimed by insert.
//
// Each document type is its port record, changed only where a field is stored differently, and
// every schema must name every field of its document (see `schema`): a field added to a record
// is a compile error here until it is stored, never a field mongoose silently refuses.

/** statusPurposes is missing on issuers stored before it was configurable. */
export type IssuerDoc = Omit<IssuerRecord, 'statusPurposes'> & { statusPurposes?: StatusPurpose[] };
export type IssuerKeyDoc = IssuerKeyRecord;
/** An issuer image record; lean reads give its bytes back as BSON Binary (see records.ts). */
export type IssuerImageDoc = Omit<IssuerImageRecord, 'bytes'> & { bytes: Buffer | mongo.Binary };
export type AchievementDoc = AchievementRecord;

/**
 * A credential record with its status position flattened into two fields, and `statusKey`
 * ("slug/list/index") their unique key: one field, so a sparse index skips imported credentials
 * (and those stored before the key, whose positions their own claims still hold).
 */
export type CredentialDoc = Omit<CredentialRecord, 'status'> & {
  statusListNumber?: number;
  statusIndex?: number;
  statusKey?: string;
};

export type EndorsementDoc = EndorsementRecord;
export type WalletOfferDoc = WalletOfferRecord;
export type WalletChallengeDoc = WalletChallengeRecord;
export type WalletClaimDoc = WalletClaimRecord;
export type WalletGrantDoc = WalletGrantRecord;
/**
 * One count: a use as it happened (count 1, a random id), or an imported day's total (its id
 * named by its key, so importing it again is a duplicate). Reads add them up.
 */
export type CredentialUseCountDoc = CredentialUseCount & { id: string };
export type PartnerGroupDoc = PartnerGroupRecord;
export type ApiKeyDoc = ApiKeyRecord;
export type StaffInvitationDoc = StaffInvitationRecord;
export type StaffDoc = StaffRecord;
export type StaffSessionDoc = StaffSessionRecord;
export type PasskeyDoc = PasskeyRecord;
export type PasskeyChallengeDoc = PasskeyChallengeRecord;
/** A challenge's one use: the unique challenge is the claim. */
export interface PasskeyChallengeUseDoc {
  challenge: string;
  usedAt: string;
}
export type TierReevaluationDoc = TierReevaluationRecord;
export type ReevaluationClaimDoc = ReevaluationPartClaim;
export type ReevaluationPartDoc = ReevaluationPartDone;
export type ReevaluationCompletionDoc = ReevaluationCompletion;
export type MappingDoc = MappingRecord;
export type MappingEventDoc = MappingEvent;
export type ApprovedMappingDoc = ApprovedMappingClaim;
export type ExpiryProcessingDoc = ExpiryProcessingRecord;
export type StatusListDoc = StatusListRecord;
export type StatusAllocationDoc = StatusAllocationRecord;
/**
 * A status event with its list change flattened. `listKey` ("slug/list/sequence") is the unique
 * key of the change: one field, so a sparse index skips the old events that have none (a sparse
 * compound index would still index them by their issuerSlug, all alike).
 */
export type StatusEventDoc = Omit<StatusEvent, 'list'> & {
  listNumber?: number;
  listIndex?: number;
  listSequence?: number;
  listKey?: string;
};
/** A snapshot; lean reads give its bits back as BSON Binary (see records.ts). */
export type StatusListSnapshotDoc = Omit<StatusListSnapshot, 'revoked' | 'suspended'> & {
  revoked: Buffer | mongo.Binary;
  suspended: Buffer | mongo.Binary;
};
export type TierClaimDoc = TierClaim;
export type PendingStackingDoc = PendingStackingRecord;
export type ImportDisregardDoc = ImportDisregardRecord;
export type SettingDoc = SettingRecord;
export type IdempotencyDoc = IdempotencyRecord;
export type BatchDoc = BatchRecord;
export type BatchRowDoc = BatchRowRecord;
export type BatchLeaseDoc = BatchLease;
export type BatchCompletionDoc = BatchCompletion;
export type WebhookEndpointDoc = WebhookEndpointRecord;
export type WebhookDeliveryDoc = WebhookDeliveryRecord;
export type WebhookAttemptDoc = WebhookAttemptRecord;
export type MailMessageDoc = MailMessageRecord;
export type MailAttemptDoc = MailAttemptRecord;
export type IssuerMailSettingDoc = IssuerMailSettingRecord;
export type IssuerWalletSettingDoc = IssuerWalletSettingRecord;
export type IssuerMailTemplateDoc = IssuerMailTemplateRecord;

const required = { type: String, required: true } as const;
const requiredNumber = { type: Number, required: true } as const;

/** A schema definition with a path for every field of T, the optional ones too. */
type EveryField<T> = NonNullable<ConstructorParameters<typeof Schema<T>>[0]> & {
  [K in keyof Required<T>]: unknown;
};

function schema<T>(collection: string, definition: EveryField<T>) {
  return new Schema<T>(definition, { collection, versionKey: false, strict: 'throw' });
}

const issuerSchema = schema<IssuerDoc>('issuers', {
  slug: required,
  did: required,
  name: required,
  url: String,
  email: String,
  description: String,
  image: String,
  statusPurposes: { type: [String], default: undefined },
  apiKeyHash: required,
  createdAt: required,
  role: { type: String, enum: ['registrar'] },
});
issuerSchema.index({ slug: 1 }, { unique: true });
issuerSchema.index({ did: 1 }, { unique: true });
issuerSchema.index({ apiKeyHash: 1 }, { unique: true });

const issuerKeySchema = schema<IssuerKeyDoc>('issuer_keys', {
  issuerSlug: required,
  publicKeyMultibase: required,
  sealedSecretKey: required,
  createdAt: required,
});
issuerKeySchema.index({ publicKeyMultibase: 1 }, { unique: true });
issuerKeySchema.index({ issuerSlug: 1, createdAt: 1 });

const issuerImageSchema = schema<IssuerImageDoc>('issuer_images', {
  issuerSlug: required,
  mediaType: { type: String, enum: ['image/png'], required: true },
  bytes: { type: Buffer, required: true },
  digest: required,
  updatedAt: required,
});
issuerImageSchema.index({ issuerSlug: 1 }, { unique: true });

const achievementSchema = schema<AchievementDoc>('achievements', {
  key: required,
  issuerSlug: required,
  kind: { type: String, enum: ['module', 'tier'], required: true },
  definition: required,
  updatedAt: required,
});
achievementSchema.index({ key: 1 }, { unique: true });

const credentialSchema = schema<CredentialDoc>('credentials', {
  id: required,
  origin: { type: String, enum: ['issued', 'imported'], required: true },
  issuerDid: required,
  issuerSlug: String,
  format: { type: String, enum: ['di', 'jwt'], required: true },
  document: required,
  achievementKey: String,
  learnerKey: String,
  validFrom: required,
  validUntil: String,
  statusListNumber: Number,
  statusIndex: Number,
  statusKey: String,
  constituentIds: { type: [String], required: true },
  renewalOf: String,
  renewalReason: String,
  importedFor: String,
  vcJwt: String,
  cohort: String,
  region: String,
  createdAt: required,
});
credentialSchema.index({ id: 1 }, { unique: true });
// Two credentials never share a status index, even when a claim repair freed it under a slow writer.
credentialSchema.index({ statusKey: 1 }, { unique: true, sparse: true });
credentialSchema.index({ learnerKey: 1, createdAt: 1 });
credentialSchema.index({ constituentIds: 1 });
credentialSchema.index({ validUntil: 1 });
credentialSchema.index({ issuerSlug: 1, createdAt: -1 });
credentialSchema.index({ achievementKey: 1, learnerKey: 1 });
// The scheduled re-check of imports pages through imported credentials by id.
credentialSchema.index({ origin: 1, id: 1 });

const expiryProcessingSchema = schema<ExpiryProcessingDoc>('expiry_processing', {
  credentialId: required,
});
expiryProcessingSchema.index({ credentialId: 1 }, { unique: true });

const statusListSchema = schema<StatusListDoc>('status_lists', {
  issuerSlug: required,
  listNumber: requiredNumber,
});
statusListSchema.index({ issuerSlug: 1, listNumber: 1 }, { unique: true });

const statusAllocationSchema = schema<StatusAllocationDoc>('status_allocations', {
  issuerSlug: required,
  listNumber: requiredNumber,
  index: requiredNumber,
  credentialId: required,
  claimedAt: String,
});
statusAllocationSchema.index({ issuerSlug: 1, listNumber: 1, index: 1 }, { unique: true });
statusAllocationSchema.index({ credentialId: 1 });
statusAllocationSchema.index({ claimedAt: 1 });

const statusEventSchema = schema<StatusEventDoc>('status_events', {
  credentialId: required,
  issuerSlug: required,
  version: requiredNumber,
  action: { type: String, enum: ['revoke', 'suspend', 'reinstate'], required: true },
  state: { type: String, enum: ['active', 'suspended', 'revoked'], required: true },
  reason: required,
  actor: required,
  at: required,
  listNumber: Number,
  listIndex: Number,
  listSequence: Number,
  listKey: String,
});
statusEventSchema.index({ credentialId: 1, version: 1 }, { unique: true });
statusEventSchema.index({ listKey: 1 }, { unique: true, sparse: true });
statusEventSchema.index({ issuerSlug: 1, listNumber: 1, listSequence: 1 });
statusEventSchema.index({ issuerSlug: 1, at: 1, version: 1 });
statusEventSchema.index({ at: 1, version: 1 });

const statusListSnapshotSchema = schema<StatusListSnapshotDoc>('status_list_snapshots', {
  issuerSlug: required,
  listNumber: requiredNumber,
  version: requiredNumber,
  revoked: { type: Buffer, required: true },
  suspended: { type: Buffer, required: true },
});
statusListSnapshotSchema.index({ issuerSlug: 1, listNumber: 1, version: 1 }, { unique: true });

const tierClaimSchema = schema<TierClaimDoc>('tier_claims', {
  learnerKey: required,
  achievementKey: required,
  epoch: requiredNumber,
  credentialId: required,
  claimedAt: String,
});
tierClaimSchema.index({ learnerKey: 1, achievementKey: 1, epoch: 1 }, { unique: true });
tierClaimSchema.index({ claimedAt: 1 });

const importDisregardSchema = schema<ImportDisregardDoc>('import_disregards', {
  credentialId: required,
  reason: required,
  actor: required,
  at: required,
});
importDisregardSchema.index({ credentialId: 1 }, { unique: true });

const pendingStackingSchema = schema<PendingStackingDoc>('pending_stacking', {
  credentialId: required,
  learnerKey: required,
  achievementKey: required,
  claimedAt: required,
});
pendingStackingSchema.index({ credentialId: 1 }, { unique: true });
pendingStackingSchema.index({ claimedAt: 1 });

const settingSchema = schema<SettingDoc>('settings', { name: required, value: required });
settingSchema.index({ name: 1 }, { unique: true });

const idempotencySchema = schema<IdempotencyDoc>('idempotency_keys', {
  scope: required,
  key: required,
  requestHash: required,
  response: String,
  createdAt: required,
  workId: String,
});
idempotencySchema.index({ scope: 1, key: 1 }, { unique: true });

const endorsementSchema = schema<EndorsementDoc>('endorsements', {
  credentialId: required,
  endorserSlug: required,
  subjectKind: { type: String, enum: ['achievement', 'issuer'], required: true },
  subjectKey: required,
  createdAt: required,
});
endorsementSchema.index({ credentialId: 1 }, { unique: true });
endorsementSchema.index({ subjectKind: 1, subjectKey: 1, createdAt: 1 });

const apiKeySchema = schema<ApiKeyDoc>('api_keys', {
  id: required,
  issuerSlug: required,
  name: required,
  keyHash: required,
  lastFour: String,
  scopes: { type: [String], required: true },
  expiresAt: String,
  createdAt: required,
  revokedAt: String,
});
apiKeySchema.index({ id: 1 }, { unique: true });
apiKeySchema.index({ keyHash: 1 }, { unique: true });
apiKeySchema.index({ issuerSlug: 1, name: 1 }, { unique: true });

const role = { type: String, enum: ['owner', 'issuer', 'viewer'], required: true };
const staffInvitationSchema = schema<StaffInvitationDoc>('staff_invitations', {
  id: required,
  tokenHash: required,
  issuerSlug: required,
  email: required,
  role,
  invitedBy: required,
  createdAt: required,
  expiresAt: required,
});
staffInvitationSchema.index({ id: 1 }, { unique: true });
staffInvitationSchema.index({ tokenHash: 1 }, { unique: true });

const staffSchema = schema<StaffDoc>('staff', {
  id: required,
  issuerSlug: required,
  email: required,
  role,
  passwordHash: required,
  invitationId: required,
  createdAt: required,
});
staffSchema.index({ id: 1 }, { unique: true });
staffSchema.index({ issuerSlug: 1, email: 1 }, { unique: true });
staffSchema.index({ invitationId: 1 }, { unique: true });
staffSchema.index({ email: 1, createdAt: 1 });

const staffSessionSchema = schema<StaffSessionDoc>('staff_sessions', {
  idHash: required,
  staffId: required,
  issuerSlug: required,
  createdAt: required,
  expiresAt: required,
  endedAt: String,
});
staffSessionSchema.index({ idHash: 1 }, { unique: true });
staffSessionSchema.index({ staffId: 1 });

const passkeySchema = schema<PasskeyDoc>('staff_passkeys', {
  id: required,
  staffId: required,
  issuerSlug: required,
  name: required,
  publicKey: required,
  counter: requiredNumber,
  transports: { type: [String], default: [] },
  createdAt: required,
  lastUsedAt: String,
});
passkeySchema.index({ id: 1 }, { unique: true });
passkeySchema.index({ staffId: 1, createdAt: 1 });

const passkeyChallengeSchema = schema<PasskeyChallengeDoc>('passkey_challenges', {
  challenge: required,
  ceremony: { type: String, required: true, enum: ['registration', 'authentication'] },
  staffId: String,
  createdAt: required,
  expiresAt: required,
});
passkeyChallengeSchema.index({ challenge: 1 }, { unique: true });
passkeyChallengeSchema.index({ expiresAt: 1 });

const passkeyChallengeUseSchema = schema<PasskeyChallengeUseDoc>('passkey_challenge_uses', {
  challenge: required,
  usedAt: required,
});
passkeyChallengeUseSchema.index({ challenge: 1 }, { unique: true });

const mappingSchema = schema<MappingDoc>('mappings', {
  id: required,
  achievementKey: required,
  issuerSlug: required,
  frameworkKey: required,
  levelId: required,
  registrarSlug: required,
  rationale: required,
  createdAt: required,
});
mappingSchema.index({ id: 1 }, { unique: true });
mappingSchema.index({ frameworkKey: 1, achievementKey: 1 });

const mappingEventSchema = schema<MappingEventDoc>('mapping_events', {
  mappingId: required,
  version: requiredNumber,
  action: { type: String, enum: ['propose', 'approve', 'reject', 'withdraw'], required: true },
  state: { type: String, enum: ['proposed', 'approved', 'rejected', 'withdrawn'], required: true },
  actor: required,
  comment: String,
  at: required,
});
mappingEventSchema.index({ mappingId: 1, version: 1 }, { unique: true });

const approvedMappingSchema = schema<ApprovedMappingDoc>('approved_mappings', {
  achievementKey: required,
  frameworkKey: required,
  mappingId: required,
  levelId: required,
  approvedAt: required,
});
approvedMappingSchema.index({ achievementKey: 1, frameworkKey: 1 }, { unique: true });

const batchSchema = schema<BatchDoc>('batches', {
  id: required,
  issuerSlug: required,
  format: { type: String, enum: ['di', 'jwt'], required: true },
  rows: required,
  achievement: String,
  total: requiredNumber,
  actor: required,
  createdAt: required,
});
batchSchema.index({ id: 1 }, { unique: true });
batchSchema.index({ issuerSlug: 1, createdAt: -1 });

const batchRowSchema = schema<BatchRowDoc>('batch_rows', {
  batchId: required,
  row: requiredNumber,
  state: { type: String, enum: ['claimed', 'issued', 'failed'], required: true },
  credentialId: String,
  fieldErrors: String,
  updatedAt: required,
});
batchRowSchema.index({ batchId: 1, row: 1 }, { unique: true });

const batchLeaseSchema = schema<BatchLeaseDoc>('batch_leases', {
  batchId: required,
  generation: requiredNumber,
  holder: required,
  expiresAt: required,
});
batchLeaseSchema.index({ batchId: 1, generation: 1 }, { unique: true });

const batchCompletionSchema = schema<BatchCompletionDoc>('batch_completions', {
  batchId: required,
  completedAt: required,
});
batchCompletionSchema.index({ batchId: 1 }, { unique: true });
const webhookEndpointSchema = schema<WebhookEndpointDoc>('webhook_endpoints', {
  id: required,
  issuerSlug: required,
  url: required,
  events: { type: [String], required: true },
  description: String,
  sealedSecret: required,
  createdAt: required,
  deletedAt: String,
});
webhookEndpointSchema.index({ id: 1 }, { unique: true });
webhookEndpointSchema.index({ issuerSlug: 1, createdAt: 1 });

const webhookDeliverySchema = schema<WebhookDeliveryDoc>('webhook_deliveries', {
  id: required,
  endpointId: required,
  eventId: required,
  eventType: required,
  payload: required,
  createdAt: required,
  nextAttemptAt: required,
  settled: { type: String, enum: ['delivered', 'failed'] },
  settledAt: String,
});
webhookDeliverySchema.index({ id: 1 }, { unique: true });
webhookDeliverySchema.index({ endpointId: 1, eventId: 1 }, { unique: true });
webhookDeliverySchema.index({ endpointId: 1, createdAt: -1 });
webhookDeliverySchema.index({ nextAttemptAt: 1 });

const webhookAttemptSchema = schema<WebhookAttemptDoc>('webhook_attempts', {
  deliveryId: required,
  attempt: requiredNumber,
  startedAt: required,
  finishedAt: String,
  httpStatus: Number,
  error: String,
});
webhookAttemptSchema.index({ deliveryId: 1, attempt: 1 }, { unique: true });
const mailMessageSchema = schema<MailMessageDoc>('mail_messages', {
  id: required,
  kind: {
    type: String,
    enum: ['credential-issued', 'expiry-reminder', 'staff-invitation'],
    required: true,
  },
  issuerSlug: required,
  credentialId: required,
  language: required,
  sealedRecipient: required,
  sealedDetails: String,
  state: { type: String, enum: ['queued', 'sent', 'failed', 'skipped'], required: true },
  attempts: requiredNumber,
  nextAttemptAt: required,
  lastError: String,
  skipReason: String,
  createdAt: required,
  finishedAt: String,
});
mailMessageSchema.index({ id: 1 }, { unique: true });
mailMessageSchema.index({ state: 1, nextAttemptAt: 1 });
mailMessageSchema.index({ credentialId: 1 });
mailMessageSchema.index({ issuerSlug: 1, createdAt: 1 });

const mailAttemptSchema = schema<MailAttemptDoc>('mail_attempts', {
  messageId: required,
  attemptNo: requiredNumber,
  claimedAt: required,
});
mailAttemptSchema.index({ messageId: 1, attemptNo: 1 }, { unique: true });

const issuerMailSettingSchema = schema<IssuerMailSettingDoc>('issuer_mail_settings', {
  issuerSlug: required,
  enabled: { type: Boolean, required: true },
  updatedAt: required,
});
issuerMailSettingSchema.index({ issuerSlug: 1 }, { unique: true });

const issuerMailTemplateSchema = schema<IssuerMailTemplateDoc>('issuer_mail_templates', {
  issuerSlug: required,
  kind: { type: String, enum: [...LEARNER_MAIL_KINDS], required: true },
  language: required,
  subject: required,
  body: required,
  updatedAt: required,
});
issuerMailTemplateSchema.index({ issuerSlug: 1, kind: 1, language: 1 }, { unique: true });

const walletOfferSchema = schema<WalletOfferDoc>('wallet_offers', {
  id: required,
  tokenHash: required,
  issuerSlug: required,
  credentialId: required,
  createdAt: required,
  expiresAt: required,
});
walletOfferSchema.index({ id: 1 }, { unique: true });
walletOfferSchema.index({ tokenHash: 1 }, { unique: true });
walletOfferSchema.index({ credentialId: 1, createdAt: 1 });
// The operator's count of open offers reads only those not yet run out.
walletOfferSchema.index({ expiresAt: 1 });

const walletChallengeSchema = schema<WalletChallengeDoc>('wallet_challenges', {
  challenge: required,
  offerId: required,
  createdAt: required,
});
walletChallengeSchema.index({ challenge: 1 }, { unique: true });

// The offer's single use: one claim per offerId, claimed by insert.
const walletClaimSchema = schema<WalletClaimDoc>('wallet_claims', {
  offerId: required,
  originalId: required,
  copyId: required,
  holderDid: required,
  claimedAt: required,
});
walletClaimSchema.index({ offerId: 1 }, { unique: true });
walletClaimSchema.index({ copyId: 1 }, { unique: true });
walletClaimSchema.index({ originalId: 1, claimedAt: 1 });

// OpenID4VCI codes, tokens, nonces and the marks that use them up: each key claimed by insert.
const walletGrantSchema = schema<WalletGrantDoc>('wallet_grants', {
  key: required,
  offerId: { type: String },
  secretHash: { type: String },
  createdAt: required,
  expiresAt: required,
});
walletGrantSchema.index({ key: 1 }, { unique: true });

const issuerWalletSettingSchema = schema<IssuerWalletSettingDoc>('issuer_wallet_settings', {
  issuerSlug: required,
  walletClaim: { type: Boolean, required: true },
  updatedAt: required,
});
issuerWalletSettingSchema.index({ issuerSlug: 1 }, { unique: true });
// Partner metrics' use counts: inserted, never updated (FerretDB's $inc upserts lose increments
// under racing requests), and added up per (credential, day, kind) when read.
const credentialUseCountSchema = schema<CredentialUseCountDoc>('credential_use_counts', {
  id: required,
  credentialId: required,
  issuerSlug: required,
  day: required,
  kind: { type: String, enum: ['view', 'verification'], required: true },
  count: requiredNumber,
});
credentialUseCountSchema.index({ id: 1 }, { unique: true });
credentialUseCountSchema.index({ issuerSlug: 1, day: 1 });

const partnerGroupSchema = schema<PartnerGroupDoc>('partner_groups', {
  id: required,
  name: required,
  issuerSlugs: { type: [String], required: true },
  createdAt: required,
});
partnerGroupSchema.index({ id: 1 }, { unique: true });

// A tier rule re-evaluated over every learner: its parts claimed per attempt, finished and
// completed once, each by insert.
const tierReevaluationSchema = schema<TierReevaluationDoc>('tier_reevaluations', {
  id: required,
  tierKey: required,
  partKeys: { type: [String], required: true },
  openedAt: required,
});
tierReevaluationSchema.index({ id: 1 }, { unique: true });
tierReevaluationSchema.index({ tierKey: 1, openedAt: -1 });

const reevaluationClaimSchema = schema<ReevaluationClaimDoc>('tier_reevaluation_claims', {
  reevaluationId: required,
  part: requiredNumber,
  attempt: requiredNumber,
  claimedAt: required,
});
reevaluationClaimSchema.index({ reevaluationId: 1, part: 1, attempt: 1 }, { unique: true });

const reevaluationPartSchema = schema<ReevaluationPartDoc>('tier_reevaluation_parts', {
  reevaluationId: required,
  part: requiredNumber,
  learners: requiredNumber,
  awarded: requiredNumber,
  finishedAt: required,
});
reevaluationPartSchema.index({ reevaluationId: 1, part: 1 }, { unique: true });

const reevaluationCompletionSchema = schema<ReevaluationCompletionDoc>(
  'tier_reevaluation_completions',
  { reevaluationId: required, completedAt: required },
);
reevaluationCompletionSchema.index({ reevaluationId: 1 }, { unique: true });

export interface Models {
  issuers: Model<IssuerDoc>;
  issuerKeys: Model<IssuerKeyDoc>;
  issuerImages: Model<IssuerImageDoc>;
  achievements: Model<AchievementDoc>;
  credentials: Model<CredentialDoc>;
  endorsements: Model<EndorsementDoc>;
  apiKeys: Model<ApiKeyDoc>;
  staffInvitations: Model<StaffInvitationDoc>;
  staff: Model<StaffDoc>;
  staffSessions: Model<StaffSessionDoc>;
  passkeys: Model<PasskeyDoc>;
  passkeyChallenges: Model<PasskeyChallengeDoc>;
  passkeyChallengeUses: Model<PasskeyChallengeUseDoc>;
  mappings: Model<MappingDoc>;
  mappingEvents: Model<MappingEventDoc>;
  approvedMappings: Model<ApprovedMappingDoc>;
  expiryProcessing: Model<ExpiryProcessingDoc>;
  statusLists: Model<StatusListDoc>;
  statusAllocations: Model<StatusAllocationDoc>;
  statusEvents: Model<StatusEventDoc>;
  statusListSnapshots: Model<StatusListSnapshotDoc>;
  tierClaims: Model<TierClaimDoc>;
  pendingStacking: Model<PendingStackingDoc>;
  importDisregards: Model<ImportDisregardDoc>;
  settings: Model<SettingDoc>;
  idempotencyKeys: Model<IdempotencyDoc>;
  batches: Model<BatchDoc>;
  batchRows: Model<BatchRowDoc>;
  batchLeases: Model<BatchLeaseDoc>;
  batchCompletions: Model<BatchCompletionDoc>;
  webhookEndpoints: Model<WebhookEndpointDoc>;
  webhookDeliveries: Model<WebhookDeliveryDoc>;
  webhookAttempts: Model<WebhookAttemptDoc>;
  mailMessages: Model<MailMessageDoc>;
  mailAttempts: Model<MailAttemptDoc>;
  issuerMailSettings: Model<IssuerMailSettingDoc>;
  issuerMailTemplates: Model<IssuerMailTemplateDoc>;
  walletOffers: Model<WalletOfferDoc>;
  walletChallenges: Model<WalletChallengeDoc>;
  walletClaims: Model<WalletClaimDoc>;
  walletGrants: Model<WalletGrantDoc>;
  issuerWalletSettings: Model<IssuerWalletSettingDoc>;
  tierReevaluations: Model<TierReevaluationDoc>;
  reevaluationClaims: Model<ReevaluationClaimDoc>;
  reevaluationParts: Model<ReevaluationPartDoc>;
  reevaluationCompletions: Model<ReevaluationCompletionDoc>;
  credentialUseCounts: Model<CredentialUseCountDoc>;
  partnerGroups: Model<PartnerGroupDoc>;
}

/** Binds the schemas to one connection, so several stores can be open in one process. */
export function bindModels(connection: Connection): Models {
  return {
    issuers: connection.model('Issuer', issuerSchema),
    issuerKeys: connection.model('IssuerKey', issuerKeySchema),
    issuerImages: connection.model('IssuerImage', issuerImageSchema),
    achievements: connection.model('Achievement', achievementSchema),
    credentials: connection.model('Credential', credentialSchema),
    endorsements: connection.model('Endorsement', endorsementSchema),
    apiKeys: connection.model('ApiKey', apiKeySchema),
    staffInvitations: connection.model('StaffInvitation', staffInvitationSchema),
    staff: connection.model('Staff', staffSchema),
    staffSessions: connection.model('StaffSession', staffSessionSchema),
    passkeys: connection.model('Passkey', passkeySchema),
    passkeyChallenges: connection.model('PasskeyChallenge', passkeyChallengeSchema),
    passkeyChallengeUses: connection.model('PasskeyChallengeUse', passkeyChallengeUseSchema),
    mappings: connection.model('Mapping', mappingSchema),
    mappingEvents: connection.model('MappingEvent', mappingEventSchema),
    approvedMappings: connection.model('ApprovedMapping', approvedMappingSchema),
    expiryProcessing: connection.model('ExpiryProcessing', expiryProcessingSchema),
    statusLists: connection.model('StatusList', statusListSchema),
    statusAllocations: connection.model('StatusAllocation', statusAllocationSchema),
    statusEvents: connection.model('StatusEvent', statusEventSchema),
    statusListSnapshots: connection.model('StatusListSnapshot', statusListSnapshotSchema),
    tierClaims: connection.model('TierClaim', tierClaimSchema),
    pendingStacking: connection.model('PendingStacking', pendingStackingSchema),
    importDisregards: connection.model('ImportDisregard', importDisregardSchema),
    settings: connection.model('Setting', settingSchema),
    idempotencyKeys: connection.model('IdempotencyKey', idempotencySchema),
    batches: connection.model('Batch', batchSchema),
    batchRows: connection.model('BatchRow', batchRowSchema),
    batchLeases: connection.model('BatchLease', batchLeaseSchema),
    batchCompletions: connection.model('BatchCompletion', batchCompletionSchema),
    webhookEndpoints: connection.model('WebhookEndpoint', webhookEndpointSchema),
    webhookDeliveries: connection.model('WebhookDelivery', webhookDeliverySchema),
    webhookAttempts: connection.model('WebhookAttempt', webhookAttemptSchema),
    mailMessages: connection.model('MailMessage', mailMessageSchema),
    mailAttempts: connection.model('MailAttempt', mailAttemptSchema),
    issuerMailSettings: connection.model('IssuerMailSetting', issuerMailSettingSchema),
    issuerMailTemplates: connection.model('IssuerMailTemplate', issuerMailTemplateSchema),
    walletOffers: connection.model('WalletOffer', walletOfferSchema),
    walletChallenges: connection.model('WalletChallenge', walletChallengeSchema),
    walletClaims: connection.model('WalletClaim', walletClaimSchema),
    walletGrants: connection.model('WalletGrant', walletGrantSchema),
    issuerWalletSettings: connection.model('IssuerWalletSetting', issuerWalletSettingSchema),
    tierReevaluations: connection.model('TierReevaluation', tierReevaluationSchema),
    reevaluationClaims: connection.model('ReevaluationClaim', reevaluationClaimSchema),
    reevaluationParts: connection.model('ReevaluationPart', reevaluationPartSchema),
    reevaluationCompletions: connection.model(
      'ReevaluationCompletion',
      reevaluationCompletionSchema,
    ),
    credentialUseCounts: connection.model('CredentialUseCount', credentialUseCountSchema),
    partnerGroups: connection.model('PartnerGroup', partnerGroupSchema),
  };
}

/** Creates every index (never drops one an operator added) before the store serves a request. */
export async function createIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((model) => model.createIndexes()));
}
