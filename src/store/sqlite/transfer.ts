// Export and import of every SQLite table as the port's records.
import {
  STORED_COLLECTIONS,
  type ImportOutcome,
  type RecordTransfer,
  type StoredCollection,
  type StoredRecord,
  type StoredRecordOf,
  type StoredRecords,
} from '../ports/recordTransfer.js';
import { insertAchievementRow } from './catalog.js';
import {
  CREDENTIAL_COLUMNS,
  insertCredentialRows,
  insertImportDisregardRow,
} from './credentials.js';
import type { SqliteDatabase } from './database.js';
import { insertEndorsementRow, toEndorsement } from './endorsements.js';
import { insertApiKeyRow, toApiKey } from './apiKeys.js';
import {
  insertStaffInvitationRow,
  insertStaffRow,
  insertStaffSessionRow,
  toStaff,
  toStaffInvitation,
  toStaffSession,
} from './staff.js';
import { insertPasskeyRow, toPasskey } from './passkeys.js';
import { insertIdempotencyRow } from './idempotency.js';
import {
  insertIssuerMailSettingRow,
  insertMailAttemptRow,
  insertMailMessageRow,
  toIssuerMailSetting,
  toMailAttempt,
  toMailMessage,
} from './mail.js';
import { insertIssuerMailTemplateRow, toIssuerMailTemplate } from './mailTemplates.js';
import { insertIssuerImageRow, toIssuerImage } from './images.js';
import { insertIssuerRow, insertKeyRow } from './issuers.js';
import {
  insertApprovedMappingRow,
  insertMappingEventRow,
  insertMappingRow,
  toApprovedMapping,
  toMapping,
  toMappingEvent,
} from './mappings.js';
import {
  toAchievement,
  toCredential,
  toExpiryProcessing,
  toIdempotency,
  toIssuer,
  toIssuerKey,
  toSetting,
  toStatusAllocation,
  toStatusEvent,
  toStatusList,
  toTierClaim,
  toPendingStacking,
  toImportDisregard,
  type Row,
} from './rows.js';
import { insertSettingRow } from './settings.js';
import { insertAllocationRow, insertEventRow, insertStatusListRow } from './status.js';
import { insertExpiryRow, insertPendingStackingRow, insertTierClaimRow } from './tiers.js';
import { insertIfAbsent } from './uniqueKeys.js';
import {
  insertWebhookAttemptRow,
  insertWebhookDeliveryRow,
  insertWebhookEndpointRow,
  toWebhookAttempt,
  toWebhookDelivery,
  toWebhookEndpoint,
} from './webhooks.js';
import {
  insertBatchCompletionRow,
  insertBatchLeaseRow,
  insertBatchRecordRow,
  insertBatchRowRow,
  toBatch,
  toBatchCompletion,
  toBatchLease,
  toBatchRow,
} from './batches.js';
import {
  insertIssuerWalletSettingRow,
  insertWalletChallengeRow,
  insertWalletClaimRow,
  insertWalletGrantRow,
  insertWalletOfferRow,
  toIssuerWalletSetting,
  toWalletChallenge,
  toWalletClaim,
  toWalletGrant,
  toWalletOffer,
} from './wallets.js';
import {
  insertCredentialUseCountRow,
  insertPartnerGroupRow,
  toCredentialUseCount,
  toPartnerGroup,
} from './partnerMetrics.js';

/** Rows read per query while exporting. */
const EXPORT_PAGE = 500;

/** Every column of a table, and the rowid to page by. */
const allOf = (table: string) => `SELECT *, rowid AS export_rowid FROM ${table}`;

/** How each collection is read for export; the credentials bring their constituents along. */
const EXPORTS: {
  [C in StoredCollection]: { select: string; convert: (row: Row) => StoredRecords[C] };
} = {
  settings: { select: allOf('settings'), convert: toSetting },
  issuers: { select: allOf('issuers'), convert: toIssuer },
  issuer_keys: { select: allOf('issuer_keys'), convert: toIssuerKey },
  issuer_images: { select: allOf('issuer_images'), convert: toIssuerImage },
  achievements: { select: allOf('achievements'), convert: toAchievement },
  credentials: {
    select: `SELECT ${CREDENTIAL_COLUMNS}, c.rowid AS export_rowid FROM credentials c`,
    convert: toCredential,
  },
  endorsements: { select: allOf('endorsements'), convert: toEndorsement },
  api_keys: { select: allOf('api_keys'), convert: toApiKey },
  staff_invitations: { select: allOf('staff_invitations'), convert: toStaffInvitation },
  staff: { select: allOf('staff'), convert: toStaff },
  staff_sessions: { select: allOf('staff_sessions'), convert: toStaffSession },
  staff_passkeys: { select: allOf('staff_passkeys'), convert: toPasskey },
  webhook_endpoints: { select: allOf('webhook_endpoints'), convert: toWebhookEndpoint },
  webhook_deliveries: { select: allOf('webhook_deliveries'), convert: toWebhookDelivery },
  webhook_attempts: { select: allOf('webhook_attempts'), convert: toWebhookAttempt },
  batches: { select: allOf('batches'), convert: toBatch },
  batch_rows: { select: allOf('batch_rows'), convert: toBatchRow },
  batch_leases: { select: allOf('batch_leases'), convert: toBatchLease },
  batch_completions: { select: allOf('batch_completions'), convert: toBatchCompletion },
  issuer_mail_settings: { select: allOf('issuer_mail_settings'), convert: toIssuerMailSetting },
  issuer_mail_templates: { select: allOf('issuer_mail_templates'), convert: toIssuerMailTemplate },
  mail_messages: { select: allOf('mail_messages'), convert: toMailMessage },
  mail_attempts: { select: allOf('mail_attempts'), convert: toMailAttempt },
  expiry_processing: { select: allOf('expiry_processing'), convert: toExpiryProcessing },
  status_lists: { select: allOf('status_lists'), convert: toStatusList },
  status_allocations: { select: allOf('status_allocations'), convert: toStatusAllocation },
  status_events: { select: allOf('status_events'), convert: toStatusEvent },
  tier_claims: { select: allOf('tier_claims'), convert: toTierClaim },
  pending_stacking: { select: allOf('pending_stacking'), convert: toPendingStacking },
  import_disregards: { select: allOf('import_disregards'), convert: toImportDisregard },
  idempotency_keys: { select: allOf('idempotency_keys'), convert: toIdempotency },
  mappings: { select: allOf('mappings'), convert: toMapping },
  mapping_events: { select: allOf('mapping_events'), convert: toMappingEvent },
  approved_mappings: { select: allOf('approved_mappings'), convert: toApprovedMapping },
  wallet_offers: { select: allOf('wallet_offers'), convert: toWalletOffer },
  wallet_challenges: { select: allOf('wallet_challenges'), convert: toWalletChallenge },
  wallet_claims: { select: allOf('wallet_claims'), convert: toWalletClaim },
  wallet_grants: { select: allOf('wallet_grants'), convert: toWalletGrant },
  issuer_wallet_settings: {
    select: allOf('issuer_wallet_settings'),
    convert: toIssuerWalletSetting,
  },
  credential_use_counts: { select: allOf('credential_use_counts'), convert: toCredentialUseCount },
  partner_groups: { select: allOf('partner_groups'), convert: toPartnerGroup },
};

/** How each collection's record is inserted as it is, by the module of its aggregate. */
const INSERTS: {
  [C in StoredCollection]: (db: SqliteDatabase, record: StoredRecords[C]) => void;
} = {
  settings: insertSettingRow,
  issuers: insertIssuerRow,
  issuer_keys: insertKeyRow,
  issuer_images: insertIssuerImageRow,
  achievements: insertAchievementRow,
  credentials: insertCredentialRows,
  endorsements: insertEndorsementRow,
  api_keys: insertApiKeyRow,
  staff_invitations: insertStaffInvitationRow,
  staff: insertStaffRow,
  staff_sessions: insertStaffSessionRow,
  staff_passkeys: insertPasskeyRow,
  webhook_endpoints: insertWebhookEndpointRow,
  webhook_deliveries: insertWebhookDeliveryRow,
  webhook_attempts: insertWebhookAttemptRow,
  batches: insertBatchRecordRow,
  batch_rows: insertBatchRowRow,
  batch_leases: insertBatchLeaseRow,
  batch_completions: insertBatchCompletionRow,
  issuer_mail_settings: insertIssuerMailSettingRow,
  issuer_mail_templates: insertIssuerMailTemplateRow,
  mail_messages: insertMailMessageRow,
  mail_attempts: insertMailAttemptRow,
  expiry_processing: insertExpiryRow,
  status_lists: insertStatusListRow,
  status_allocations: insertAllocationRow,
  status_events: insertEventRow,
  tier_claims: insertTierClaimRow,
  pending_stacking: insertPendingStackingRow,
  import_disregards: insertImportDisregardRow,
  idempotency_keys: insertIdempotencyRow,
  mappings: insertMappingRow,
  mapping_events: insertMappingEventRow,
  approved_mappings: insertApprovedMappingRow,
  wallet_offers: insertWalletOfferRow,
  wallet_challenges: insertWalletChallengeRow,
  wallet_claims: insertWalletClaimRow,
  wallet_grants: insertWalletGrantRow,
  issuer_wallet_settings: insertIssuerWalletSettingRow,
  credential_use_counts: insertCredentialUseCountRow,
  partner_groups: insertPartnerGroupRow,
};

export class SqliteRecordTransfer implements RecordTransfer {
  constructor(private readonly db: SqliteDatabase) {}

  async *exportRecords(
    collections: readonly StoredCollection[] = STORED_COLLECTIONS,
  ): AsyncIterable<StoredRecord> {
    for (const collection of STORED_COLLECTIONS) {
      if (collections.includes(collection)) yield* this.#exportCollection(collection);
    }
  }

  /** Page by page, so no statement stays open while the caller awaits between records. */
  *#exportCollection<C extends StoredCollection>(collection: C): Generator<StoredRecordOf<C>> {
    const { select, convert } = EXPORTS[collection];
    let after = 0;
    for (;;) {
      const rows = this.db.all(
        `${select} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
        after,
        EXPORT_PAGE,
      );
      for (const row of rows) yield { collection, record: convert(row) };
      if (rows.length < EXPORT_PAGE) return;
      after = Number(rows.at(-1)?.export_rowid);
    }
  }

  async importRecord(entry: StoredRecord): Promise<ImportOutcome> {
    return insertIfAbsent(() => this.#insertEntry(entry)) ? 'inserted' : 'present';
  }

  #insertEntry<C extends StoredCollection>(entry: StoredRecordOf<C>): void {
    const insert: (db: SqliteDatabase, record: StoredRecords[C]) => void =
      INSERTS[entry.collection];
    insert(this.db, entry.record);
  }
}
