// Export and import of every MongoDB collection as the port's records.
import type { Model } from 'mongoose';
import {
  STORED_COLLECTIONS,
  type ImportOutcome,
  type RecordTransfer,
  type StoredCollection,
  type StoredRecord,
  type StoredRecordOf,
  type StoredRecords,
} from '../ports/recordTransfer.js';
import { toEndorsement } from './endorsements.js';
import { toApiKey } from './apiKeys.js';
import { toStaff, toStaffInvitation, toStaffSession } from './staff.js';
import { toPasskey } from './passkeys.js';
import { insertIfAbsent, retryTransient as retry } from './errors.js';
import { toApprovedMapping, toMapping, toMappingEvent } from './mappings.js';
import type { Models } from './models.js';
import {
  credentialToDoc,
  statusEventToDoc,
  toAchievement,
  toCredential,
  toExpiryProcessing,
  toIdempotency,
  toIssuer,
  toIssuerImage,
  toIssuerKey,
  toSetting,
  toStatusAllocation,
  toStatusEvent,
  toStatusList,
  toTierClaim,
  toPendingStacking,
  toImportDisregard,
} from './records.js';
import { toWebhookAttempt, toWebhookDelivery, toWebhookEndpoint } from './webhooks.js';
import { toBatch, toBatchCompletion, toBatchLease, toBatchRow } from './batches.js';
import { toIssuerMailSetting, toMailAttempt, toMailMessage } from './mail.js';
import { toIssuerMailTemplate } from './mailTemplates.js';
import {
  toIssuerWalletSetting,
  toWalletChallenge,
  toWalletClaim,
  toWalletGrant,
  toWalletOffer,
} from './wallets.js';
import { importedCountId, summedUseCounts, toPartnerGroup } from './partnerMetrics.js';
import type { CredentialUseCount } from '../ports/partnerMetricsStore.js';

/** A collection's records in _id order: the order they were written, as listIssuerKeys reads it. */
async function* inWriteOrder<D, R>(model: Model<D>, convert: (doc: D) => R): AsyncIterable<R> {
  for await (const doc of model.find().sort({ _id: 1 }).lean<D[]>().cursor()) yield convert(doc);
}

async function* summedRecords(models: Models): AsyncIterable<CredentialUseCount> {
  yield* await summedUseCounts(models, {});
}

export class MongoRecordTransfer implements RecordTransfer {
  constructor(private readonly models: Models) {}

  async *exportRecords(
    collections: readonly StoredCollection[] = STORED_COLLECTIONS,
  ): AsyncIterable<StoredRecord> {
    for (const collection of STORED_COLLECTIONS) {
      if (collections.includes(collection)) yield* this.#exportCollection(collection);
    }
  }

  async *#exportCollection<C extends StoredCollection>(
    collection: C,
  ): AsyncIterable<StoredRecordOf<C>> {
    const read: () => AsyncIterable<StoredRecords[C]> = this.#readers[collection];
    for await (const record of read()) yield { collection, record };
  }

  readonly #readers: { [C in StoredCollection]: () => AsyncIterable<StoredRecords[C]> } = {
    settings: () => inWriteOrder(this.models.settings, toSetting),
    issuers: () => inWriteOrder(this.models.issuers, toIssuer),
    issuer_keys: () => inWriteOrder(this.models.issuerKeys, toIssuerKey),
    issuer_images: () => inWriteOrder(this.models.issuerImages, toIssuerImage),
    achievements: () => inWriteOrder(this.models.achievements, toAchievement),
    credentials: () => inWriteOrder(this.models.credentials, toCredential),
    endorsements: () => inWriteOrder(this.models.endorsements, toEndorsement),
    api_keys: () => inWriteOrder(this.models.apiKeys, toApiKey),
    staff_invitations: () => inWriteOrder(this.models.staffInvitations, toStaffInvitation),
    staff: () => inWriteOrder(this.models.staff, toStaff),
    staff_sessions: () => inWriteOrder(this.models.staffSessions, toStaffSession),
    staff_passkeys: () => inWriteOrder(this.models.passkeys, toPasskey),
    webhook_endpoints: () => inWriteOrder(this.models.webhookEndpoints, toWebhookEndpoint),
    webhook_deliveries: () => inWriteOrder(this.models.webhookDeliveries, toWebhookDelivery),
    webhook_attempts: () => inWriteOrder(this.models.webhookAttempts, toWebhookAttempt),
    batches: () => inWriteOrder(this.models.batches, toBatch),
    batch_rows: () => inWriteOrder(this.models.batchRows, toBatchRow),
    batch_leases: () => inWriteOrder(this.models.batchLeases, toBatchLease),
    batch_completions: () => inWriteOrder(this.models.batchCompletions, toBatchCompletion),
    issuer_mail_settings: () => inWriteOrder(this.models.issuerMailSettings, toIssuerMailSetting),
    issuer_mail_templates: () =>
      inWriteOrder(this.models.issuerMailTemplates, toIssuerMailTemplate),
    mail_messages: () => inWriteOrder(this.models.mailMessages, toMailMessage),
    mail_attempts: () => inWriteOrder(this.models.mailAttempts, toMailAttempt),
    expiry_processing: () => inWriteOrder(this.models.expiryProcessing, toExpiryProcessing),
    status_lists: () => inWriteOrder(this.models.statusLists, toStatusList),
    status_allocations: () => inWriteOrder(this.models.statusAllocations, toStatusAllocation),
    status_events: () => inWriteOrder(this.models.statusEvents, toStatusEvent),
    tier_claims: () => inWriteOrder(this.models.tierClaims, toTierClaim),
    pending_stacking: () => inWriteOrder(this.models.pendingStacking, toPendingStacking),
    import_disregards: () => inWriteOrder(this.models.importDisregards, toImportDisregard),
    idempotency_keys: () => inWriteOrder(this.models.idempotencyKeys, toIdempotency),
    mappings: () => inWriteOrder(this.models.mappings, toMapping),
    mapping_events: () => inWriteOrder(this.models.mappingEvents, toMappingEvent),
    approved_mappings: () => inWriteOrder(this.models.approvedMappings, toApprovedMapping),
    wallet_offers: () => inWriteOrder(this.models.walletOffers, toWalletOffer),
    wallet_challenges: () => inWriteOrder(this.models.walletChallenges, toWalletChallenge),
    wallet_claims: () => inWriteOrder(this.models.walletClaims, toWalletClaim),
    wallet_grants: () => inWriteOrder(this.models.walletGrants, toWalletGrant),
    issuer_wallet_settings: () =>
      inWriteOrder(this.models.issuerWalletSettings, toIssuerWalletSetting),
    // One record per (credential, day, kind), its counts added up, as SQLite keeps them.
    credential_use_counts: () => summedRecords(this.models),
    partner_groups: () => inWriteOrder(this.models.partnerGroups, toPartnerGroup),
  };

  async importRecord(entry: StoredRecord): Promise<ImportOutcome> {
    // Unlike a claim, an import may run again after a lost reply: a duplicate of the same record
    // is the answer 'present' either way.
    const inserted = await retry(() => insertIfAbsent(() => this.#insertEntry(entry)));
    return inserted ? 'inserted' : 'present';
  }

  #insertEntry<C extends StoredCollection>(entry: StoredRecordOf<C>): Promise<unknown> {
    const insert: (record: StoredRecords[C]) => Promise<unknown> =
      this.#inserters[entry.collection];
    return insert(entry.record);
  }

  readonly #inserters: {
    [C in StoredCollection]: (record: StoredRecords[C]) => Promise<unknown>;
  } = {
    settings: (record) => this.models.settings.create(record),
    issuers: (record) => this.models.issuers.create(record),
    issuer_keys: (record) => this.models.issuerKeys.create(record),
    issuer_images: (record) => this.models.issuerImages.create(record),
    achievements: (record) => this.models.achievements.create(record),
    credentials: (record) => this.models.credentials.create(credentialToDoc(record)),
    endorsements: (record) => this.models.endorsements.create(record),
    api_keys: (record) => this.models.apiKeys.create(record),
    staff_invitations: (record) => this.models.staffInvitations.create(record),
    staff: (record) => this.models.staff.create(record),
    staff_sessions: (record) => this.models.staffSessions.create(record),
    staff_passkeys: (record) => this.models.passkeys.create(record),
    webhook_endpoints: (record) => this.models.webhookEndpoints.create(record),
    webhook_deliveries: (record) => this.models.webhookDeliveries.create(record),
    webhook_attempts: (record) => this.models.webhookAttempts.create(record),
    batches: (record) => this.models.batches.create(record),
    batch_rows: (record) => this.models.batchRows.create(record),
    batch_leases: (record) => this.models.batchLeases.create(record),
    batch_completions: (record) => this.models.batchCompletions.create(record),
    issuer_mail_settings: (record) => this.models.issuerMailSettings.create(record),
    issuer_mail_templates: (record) => this.models.issuerMailTemplates.create(record),
    mail_messages: (record) => this.models.mailMessages.create(record),
    mail_attempts: (record) => this.models.mailAttempts.create(record),
    expiry_processing: (record) => this.models.expiryProcessing.create(record),
    status_lists: (record) => this.models.statusLists.create(record),
    status_allocations: (record) => this.models.statusAllocations.create(record),
    status_events: (record) => this.models.statusEvents.create(statusEventToDoc(record)),
    tier_claims: (record) => this.models.tierClaims.create(record),
    pending_stacking: (record) => this.models.pendingStacking.create(record),
    import_disregards: (record) => this.models.importDisregards.create(record),
    idempotency_keys: (record) => this.models.idempotencyKeys.create(record),
    mappings: (record) => this.models.mappings.create(record),
    mapping_events: (record) => this.models.mappingEvents.create(record),
    approved_mappings: (record) => this.models.approvedMappings.create(record),
    wallet_offers: (record) => this.models.walletOffers.create(record),
    wallet_challenges: (record) => this.models.walletChallenges.create(record),
    wallet_claims: (record) => this.models.walletClaims.create(record),
    wallet_grants: (record) => this.models.walletGrants.create(record),
    issuer_wallet_settings: (record) => this.models.issuerWalletSettings.create(record),
    credential_use_counts: (record) =>
      this.models.credentialUseCounts.create({ ...record, id: importedCountId(record) }),
    partner_groups: (record) => this.models.partnerGroups.create(record),
  };
}
