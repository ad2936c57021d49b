// Export and import of every record as it is, the ground `npm run migrate` stands on.
import type { AchievementRecord } from './catalogStore.js';
import type { CredentialRecord, ImportDisregardRecord } from './credentialStore.js';
import type { EndorsementRecord } from './endorsementStore.js';
import type { ApiKeyRecord } from './apiKeyStore.js';
import type { StaffInvitationRecord, StaffRecord, StaffSessionRecord } from './staffStore.js';
import type { PasskeyRecord } from './passkeyStore.js';
import type { BatchCompletion, BatchLease, BatchRecord, BatchRowRecord } from './batchStore.js';
import type { IssuerMailSettingRecord, MailAttemptRecord, MailMessageRecord } from './mailStore.js';
import type { IssuerMailTemplateRecord } from './mailTemplateStore.js';
import type { IdempotencyRecord } from './idempotencyStore.js';
import type { IssuerImageRecord } from './imageStore.js';
import type { IssuerKeyRecord, IssuerRecord } from './issuerStore.js';
import type { ApprovedMappingClaim, MappingEvent, MappingRecord } from './mappingStore.js';
import type { SettingRecord } from './settingStore.js';
import type { StatusAllocationRecord, StatusEvent, StatusListRecord } from './statusStore.js';
import type { ExpiryProcessingRecord, PendingStackingRecord, TierClaim } from './tierStore.js';
import type {
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from './webhookStore.js';
import type {
  IssuerWalletSettingRecord,
  WalletChallengeRecord,
  WalletClaimRecord,
  WalletGrantRecord,
  WalletOfferRecord,
} from './walletStore.js';
import type { CredentialUseCount, PartnerGroupRecord } from './partnerMetricsStore.js';

/** Everything a store holds, by collection (the SQLite table and MongoDB collection names). */
export interface StoredRecords {
  settings: SettingRecord;
  issuers: IssuerRecord;
  issuer_keys: IssuerKeyRecord;
  issuer_images: IssuerImageRecord;
  achievements: AchievementRecord;
  credentials: CredentialRecord;
  import_disregards: ImportDisregardRecord;
  endorsements: EndorsementRecord;
  api_keys: ApiKeyRecord;
  staff_invitations: StaffInvitationRecord;
  staff: StaffRecord;
  staff_sessions: StaffSessionRecord;
  staff_passkeys: PasskeyRecord;
  webhook_endpoints: WebhookEndpointRecord;
  webhook_deliveries: WebhookDeliveryRecord;
  webhook_attempts: WebhookAttemptRecord;
  batches: BatchRecord;
  batch_rows: BatchRowRecord;
  batch_leases: BatchLease;
  batch_completions: BatchCompletion;
  issuer_mail_settings: IssuerMailSettingRecord;
  issuer_mail_templates: IssuerMailTemplateRecord;
  mail_messages: MailMessageRecord;
  mail_attempts: MailAttemptRecord;
  expiry_processing: ExpiryProcessingRecord;
  status_lists: StatusListRecord;
  status_allocations: StatusAllocationRecord;
  status_events: StatusEvent;
  tier_claims: TierClaim;
  pending_stacking: PendingStackingRecord;
  idempotency_keys: IdempotencyRecord;
  mappings: MappingRecord;
  mapping_events: MappingEvent;
  approved_mappings: ApprovedMappingClaim;
  wallet_offers: WalletOfferRecord;
  wallet_challenges: WalletChallengeRecord;
  wallet_claims: WalletClaimRecord;
  wallet_grants: WalletGrantRecord;
  issuer_wallet_settings: IssuerWalletSettingRecord;
  credential_use_counts: CredentialUseCount;
  partner_groups: PartnerGroupRecord;
}

/** The order an import follows: a record comes after the records it refers to. */
export const STORED_COLLECTIONS = [
  'settings',
  'issuers',
  'issuer_keys',
  'issuer_images',
  'achievements',
  'credentials',
  'import_disregards',
  'endorsements',
  'api_keys',
  'staff_invitations',
  'staff',
  'staff_sessions',
  'staff_passkeys',
  'webhook_endpoints',
  'webhook_deliveries',
  'webhook_attempts',
  'batches',
  'batch_rows',
  'batch_leases',
  'batch_completions',
  'issuer_mail_settings',
  'issuer_mail_templates',
  'mail_messages',
  'mail_attempts',
  'expiry_processing',
  'status_lists',
  'status_allocations',
  'status_events',
  'tier_claims',
  'pending_stacking',
  'idempotency_keys',
  'mappings',
  'mapping_events',
  'approved_mappings',
  'wallet_offers',
  'wallet_challenges',
  'wallet_claims',
  'wallet_grants',
  'issuer_wallet_settings',
  'credential_use_counts',
  'partner_groups',
] as const satisfies ReadonlyArray<keyof StoredRecords>;

export type StoredCollection = (typeof STORED_COLLECTIONS)[number];

/** A record tagged with its collection; for a union of collections, a union of tagged records. */
export type StoredRecordOf<C extends StoredCollection> = {
  [K in C]: { collection: K; record: StoredRecords[K] };
}[C];

export type StoredRecord = StoredRecordOf<StoredCollection>;

export type ImportOutcome = 'inserted' | 'present';

export interface RecordTransfer {
  /**
   * Every record, collection by collection in STORED_COLLECTIONS order (only those named, when
   * `collections` is given), each collection in the order its records were written: importing in
   * this order meets every reference first, and keeps keys made in one instant in their order.
   */
  exportRecords(collections?: readonly StoredCollection[]): AsyncIterable<StoredRecord>;
  /**
   * Inserts an exported record as it is (a sealed key stays sealed); 'present' when its unique
   * key is already stored, so importing the same records again changes nothing.
   */
  importRecord(entry: StoredRecord): Promise<ImportOutcome>;
}
