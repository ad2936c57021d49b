// A Store made of one object per aggregate port, so each adapter writes each aggregate once, in
// its own module, and this is the only place that lists which port answers which method.
import type { Store } from './port.js';
import type { CatalogStore } from './ports/catalogStore.js';
import type { CredentialStore } from './ports/credentialStore.js';
import type { EndorsementStore } from './ports/endorsementStore.js';
import type { ApiKeyStore } from './ports/apiKeyStore.js';
import type { BatchStore } from './ports/batchStore.js';
import type { IdempotencyStore } from './ports/idempotencyStore.js';
import type { ImageStore } from './ports/imageStore.js';
import type { IssuerStore } from './ports/issuerStore.js';
import type { MailStore } from './ports/mailStore.js';
import type { MailTemplateStore } from './ports/mailTemplateStore.js';
import type { MappingStore } from './ports/mappingStore.js';
import type { RecordTransfer } from './ports/recordTransfer.js';
import type { SettingStore } from './ports/settingStore.js';
import type { StatusStore } from './ports/statusStore.js';
import type { TierStore } from './ports/tierStore.js';
import type { WebhookStore } from './ports/webhookStore.js';
import type { WalletStore } from './ports/walletStore.js';
import type { StaffStore } from './ports/staffStore.js';
import type { PasskeyStore } from './ports/passkeyStore.js';
import type { ReevaluationStore } from './ports/reevaluationStore.js';
import type { PartnerMetricsStore } from './ports/partnerMetricsStore.js';
import { StorageFullError } from './ports/storageFullError.js';
import type { WriteProbe } from './ports/storageHealth.js';

/** Whether an adapter's error means the disk or the database's quota is full. */
export type StorageFullTest = (error: unknown) => boolean;

/**
 * The part with every method's failure passed through `translate`, thrown and rejected alike, so
 * each adapter names a full disk in one place rather than at every write.
 */
function translatingFailures<T extends object>(part: T, translate: (error: unknown) => unknown): T {
  return new Proxy(part, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(target, args);
          return result instanceof Promise
            ? result.catch((error: unknown) => {
                throw translate(error);
              })
            : result;
        } catch (error) {
          throw translate(error);
        }
      };
    },
  });
}

export interface StoreParts {
  issuers: IssuerStore;
  catalog: CatalogStore;
  credentials: CredentialStore;
  status: StatusStore;
  tiers: TierStore;
  settings: SettingStore & WriteProbe;
  idempotency: IdempotencyStore;
  images: ImageStore;
  mappings: MappingStore;
  endorsements: EndorsementStore;
  apiKeys: ApiKeyStore;
  batches: BatchStore;
  webhooks: WebhookStore;
  mail: MailStore;
  mailTemplates: MailTemplateStore;
  wallets: WalletStore;
  staff: StaffStore;
  passkeys: PasskeyStore;
  reevaluations: ReevaluationStore;
  partnerMetrics: PartnerMetricsStore;
  transfer: RecordTransfer;
  close(): Promise<void>;
}

export abstract class ComposedStore implements Store {
  readonly #parts: StoreParts;
  #writesFailing = false;

  protected constructor(parts: StoreParts, isStorageFull: StorageFullTest) {
    const translate = (error: unknown): unknown => {
      if (error instanceof StorageFullError || !isStorageFull(error)) return error;
      this.#writesFailing = true;
      return new StorageFullError(error);
    };
    const wrapped = Object.fromEntries(
      Object.entries(parts).map(([name, part]) => [
        name,
        typeof part === 'object' && part !== null ? translatingFailures(part, translate) : part,
      ]),
    ) as unknown as StoreParts;
    this.#parts = wrapped;
  }

  writesFailing(): boolean {
    return this.#writesFailing;
  }

  async probeWrite(bytes: number): Promise<void> {
    await this.#parts.settings.writeProbe(bytes);
    this.#writesFailing = false;
  }

  readonly insertIssuer: Store['insertIssuer'] = (...args) =>
    this.#parts.issuers.insertIssuer(...args);
  readonly findIssuer: Store['findIssuer'] = (...args) => this.#parts.issuers.findIssuer(...args);
  readonly findIssuerByApiKeyHash: Store['findIssuerByApiKeyHash'] = (...args) =>
    this.#parts.issuers.findIssuerByApiKeyHash(...args);
  readonly replaceIssuerApiKeyHash: Store['replaceIssuerApiKeyHash'] = (...args) =>
    this.#parts.issuers.replaceIssuerApiKeyHash(...args);
  readonly setIssuerStatusPurposes: Store['setIssuerStatusPurposes'] = (...args) =>
    this.#parts.issuers.setIssuerStatusPurposes(...args);
  readonly insertIssuerKey: Store['insertIssuerKey'] = (...args) =>
    this.#parts.issuers.insertIssuerKey(...args);
  readonly listIssuerKeys: Store['listIssuerKeys'] = (...args) =>
    this.#parts.issuers.listIssuerKeys(...args);

  readonly upsertAchievement: Store['upsertAchievement'] = (...args) =>
    this.#parts.catalog.upsertAchievement(...args);
  readonly findAchievement: Store['findAchievement'] = (...args) =>
    this.#parts.catalog.findAchievement(...args);
  readonly listAchievements: Store['listAchievements'] = (...args) =>
    this.#parts.catalog.listAchievements(...args);

  readonly insertCredential: Store['insertCredential'] = (...args) =>
    this.#parts.credentials.insertCredential(...args);
  readonly findCredential: Store['findCredential'] = (...args) =>
    this.#parts.credentials.findCredential(...args);
  readonly listCredentialsOfLearner: Store['listCredentialsOfLearner'] = (...args) =>
    this.#parts.credentials.listCredentialsOfLearner(...args);
  readonly listCredentialFactsOfLearners: Store['listCredentialFactsOfLearners'] = (...args) =>
    this.#parts.credentials.listCredentialFactsOfLearners(...args);
  readonly listTiersNaming: Store['listTiersNaming'] = (...args) =>
    this.#parts.credentials.listTiersNaming(...args);
  readonly listCredentialsOfIssuer: Store['listCredentialsOfIssuer'] = (...args) =>
    this.#parts.credentials.listCredentialsOfIssuer(...args);
  readonly searchCredentialsOfIssuer: Store['searchCredentialsOfIssuer'] = (...args) =>
    this.#parts.credentials.searchCredentialsOfIssuer(...args);
  readonly listImportedCredentials: Store['listImportedCredentials'] = (...args) =>
    this.#parts.credentials.listImportedCredentials(...args);
  readonly disregardImport: Store['disregardImport'] = (...args) =>
    this.#parts.credentials.disregardImport(...args);
  readonly findImportDisregards: Store['findImportDisregards'] = (...args) =>
    this.#parts.credentials.findImportDisregards(...args);

  readonly claimStatusList: Store['claimStatusList'] = (...args) =>
    this.#parts.status.claimStatusList(...args);
  readonly latestStatusList: Store['latestStatusList'] = (...args) =>
    this.#parts.status.latestStatusList(...args);
  readonly claimStatusIndex: Store['claimStatusIndex'] = (...args) =>
    this.#parts.status.claimStatusIndex(...args);
  readonly releaseStatusIndex: Store['releaseStatusIndex'] = (...args) =>
    this.#parts.status.releaseStatusIndex(...args);
  readonly listUsedStatusIndexes: Store['listUsedStatusIndexes'] = (...args) =>
    this.#parts.status.listUsedStatusIndexes(...args);
  readonly listOrphanStatusIndexClaims: Store['listOrphanStatusIndexClaims'] = (...args) =>
    this.#parts.status.listOrphanStatusIndexClaims(...args);
  readonly appendStatusEvent: Store['appendStatusEvent'] = (...args) =>
    this.#parts.status.appendStatusEvent(...args);
  readonly listStatusEvents: Store['listStatusEvents'] = (...args) =>
    this.#parts.status.listStatusEvents(...args);
  readonly listLatestStatusEvents: Store['listLatestStatusEvents'] = (...args) =>
    this.#parts.status.listLatestStatusEvents(...args);
  readonly listUnsequencedStatusStates: Store['listUnsequencedStatusStates'] = (...args) =>
    this.#parts.status.listUnsequencedStatusStates(...args);
  readonly latestStatusListSequence: Store['latestStatusListSequence'] = (...args) =>
    this.#parts.status.latestStatusListSequence(...args);
  readonly listStatusListChanges: Store['listStatusListChanges'] = (...args) =>
    this.#parts.status.listStatusListChanges(...args);
  readonly latestStatusListSnapshot: Store['latestStatusListSnapshot'] = (...args) =>
    this.#parts.status.latestStatusListSnapshot(...args);
  readonly saveStatusListSnapshot: Store['saveStatusListSnapshot'] = (...args) =>
    this.#parts.status.saveStatusListSnapshot(...args);
  readonly listAuditLog: Store['listAuditLog'] = (...args) =>
    this.#parts.status.listAuditLog(...args);

  readonly claimTierCopy: Store['claimTierCopy'] = (...args) =>
    this.#parts.tiers.claimTierCopy(...args);
  readonly releaseTierCopy: Store['releaseTierCopy'] = (...args) =>
    this.#parts.tiers.releaseTierCopy(...args);
  readonly listOrphanTierClaims: Store['listOrphanTierClaims'] = (...args) =>
    this.#parts.tiers.listOrphanTierClaims(...args);
  readonly notePendingStacking: Store['notePendingStacking'] = (...args) =>
    this.#parts.tiers.notePendingStacking(...args);
  readonly settlePendingStacking: Store['settlePendingStacking'] = (...args) =>
    this.#parts.tiers.settlePendingStacking(...args);
  readonly listPendingStacking: Store['listPendingStacking'] = (...args) =>
    this.#parts.tiers.listPendingStacking(...args);
  readonly listUnprocessedExpiries: Store['listUnprocessedExpiries'] = (...args) =>
    this.#parts.tiers.listUnprocessedExpiries(...args);
  readonly claimExpiryProcessing: Store['claimExpiryProcessing'] = (...args) =>
    this.#parts.tiers.claimExpiryProcessing(...args);

  readonly claimSetting: Store['claimSetting'] = (...args) =>
    this.#parts.settings.claimSetting(...args);
  readonly findSetting: Store['findSetting'] = (...args) =>
    this.#parts.settings.findSetting(...args);

  readonly claimIdempotencyKey: Store['claimIdempotencyKey'] = (...args) =>
    this.#parts.idempotency.claimIdempotencyKey(...args);
  readonly completeIdempotencyKey: Store['completeIdempotencyKey'] = (...args) =>
    this.#parts.idempotency.completeIdempotencyKey(...args);
  readonly releaseIdempotencyKey: Store['releaseIdempotencyKey'] = (...args) =>
    this.#parts.idempotency.releaseIdempotencyKey(...args);

  readonly putIssuerImage: Store['putIssuerImage'] = (...args) =>
    this.#parts.images.putIssuerImage(...args);
  readonly findIssuerImage: Store['findIssuerImage'] = (...args) =>
    this.#parts.images.findIssuerImage(...args);

  readonly insertEndorsement: Store['insertEndorsement'] = (...args) =>
    this.#parts.endorsements.insertEndorsement(...args);
  readonly listEndorsements: Store['listEndorsements'] = (...args) =>
    this.#parts.endorsements.listEndorsements(...args);

  readonly insertApiKey: Store['insertApiKey'] = (...args) =>
    this.#parts.apiKeys.insertApiKey(...args);
  readonly findApiKeyByHash: Store['findApiKeyByHash'] = (...args) =>
    this.#parts.apiKeys.findApiKeyByHash(...args);
  readonly listApiKeys: Store['listApiKeys'] = (...args) =>
    this.#parts.apiKeys.listApiKeys(...args);
  readonly revokeApiKey: Store['revokeApiKey'] = (...args) =>
    this.#parts.apiKeys.revokeApiKey(...args);

  readonly insertBatch: Store['insertBatch'] = (...args) =>
    this.#parts.batches.insertBatch(...args);
  readonly findBatch: Store['findBatch'] = (...args) => this.#parts.batches.findBatch(...args);
  readonly listBatches: Store['listBatches'] = (...args) =>
    this.#parts.batches.listBatches(...args);
  readonly listUnfinishedBatches: Store['listUnfinishedBatches'] = (...args) =>
    this.#parts.batches.listUnfinishedBatches(...args);
  readonly claimBatchRow: Store['claimBatchRow'] = (...args) =>
    this.#parts.batches.claimBatchRow(...args);
  readonly finishBatchRow: Store['finishBatchRow'] = (...args) =>
    this.#parts.batches.finishBatchRow(...args);
  readonly listBatchRows: Store['listBatchRows'] = (...args) =>
    this.#parts.batches.listBatchRows(...args);
  readonly claimBatchLease: Store['claimBatchLease'] = (...args) =>
    this.#parts.batches.claimBatchLease(...args);
  readonly latestBatchLease: Store['latestBatchLease'] = (...args) =>
    this.#parts.batches.latestBatchLease(...args);
  readonly renewBatchLease: Store['renewBatchLease'] = (...args) =>
    this.#parts.batches.renewBatchLease(...args);
  readonly claimBatchCompletion: Store['claimBatchCompletion'] = (...args) =>
    this.#parts.batches.claimBatchCompletion(...args);
  readonly batchCompletedAt: Store['batchCompletedAt'] = (...args) =>
    this.#parts.batches.batchCompletedAt(...args);
  readonly insertWebhookEndpoint: Store['insertWebhookEndpoint'] = (...args) =>
    this.#parts.webhooks.insertWebhookEndpoint(...args);
  readonly listWebhookEndpoints: Store['listWebhookEndpoints'] = (...args) =>
    this.#parts.webhooks.listWebhookEndpoints(...args);
  readonly findWebhookEndpoint: Store['findWebhookEndpoint'] = (...args) =>
    this.#parts.webhooks.findWebhookEndpoint(...args);
  readonly deleteWebhookEndpoint: Store['deleteWebhookEndpoint'] = (...args) =>
    this.#parts.webhooks.deleteWebhookEndpoint(...args);
  readonly queueWebhookDelivery: Store['queueWebhookDelivery'] = (...args) =>
    this.#parts.webhooks.queueWebhookDelivery(...args);
  readonly listWebhookDeliveries: Store['listWebhookDeliveries'] = (...args) =>
    this.#parts.webhooks.listWebhookDeliveries(...args);
  readonly listDueWebhookDeliveries: Store['listDueWebhookDeliveries'] = (...args) =>
    this.#parts.webhooks.listDueWebhookDeliveries(...args);
  readonly countWebhookDeliveriesByState: Store['countWebhookDeliveriesByState'] = (...args) =>
    this.#parts.webhooks.countWebhookDeliveriesByState(...args);
  readonly rescheduleWebhookDelivery: Store['rescheduleWebhookDelivery'] = (...args) =>
    this.#parts.webhooks.rescheduleWebhookDelivery(...args);
  readonly settleWebhookDelivery: Store['settleWebhookDelivery'] = (...args) =>
    this.#parts.webhooks.settleWebhookDelivery(...args);
  readonly claimWebhookAttempt: Store['claimWebhookAttempt'] = (...args) =>
    this.#parts.webhooks.claimWebhookAttempt(...args);
  readonly finishWebhookAttempt: Store['finishWebhookAttempt'] = (...args) =>
    this.#parts.webhooks.finishWebhookAttempt(...args);
  readonly listWebhookAttempts: Store['listWebhookAttempts'] = (...args) =>
    this.#parts.webhooks.listWebhookAttempts(...args);

  readonly insertMapping: Store['insertMapping'] = (...args) =>
    this.#parts.mappings.insertMapping(...args);
  readonly findMapping: Store['findMapping'] = (...args) =>
    this.#parts.mappings.findMapping(...args);
  readonly listMappings: Store['listMappings'] = (...args) =>
    this.#parts.mappings.listMappings(...args);
  readonly appendMappingEvent: Store['appendMappingEvent'] = (...args) =>
    this.#parts.mappings.appendMappingEvent(...args);
  readonly listMappingEvents: Store['listMappingEvents'] = (...args) =>
    this.#parts.mappings.listMappingEvents(...args);
  readonly listLatestMappingEvents: Store['listLatestMappingEvents'] = (...args) =>
    this.#parts.mappings.listLatestMappingEvents(...args);
  readonly claimApprovedMapping: Store['claimApprovedMapping'] = (...args) =>
    this.#parts.mappings.claimApprovedMapping(...args);
  readonly releaseApprovedMapping: Store['releaseApprovedMapping'] = (...args) =>
    this.#parts.mappings.releaseApprovedMapping(...args);
  readonly listApprovedMappings: Store['listApprovedMappings'] = (...args) =>
    this.#parts.mappings.listApprovedMappings(...args);
  readonly countCredentialsByAchievement: Store['countCredentialsByAchievement'] = (...args) =>
    this.#parts.mappings.countCredentialsByAchievement(...args);

  readonly queueMailMessage: Store['queueMailMessage'] = (...args) =>
    this.#parts.mail.queueMailMessage(...args);
  readonly listDueMailMessages: Store['listDueMailMessages'] = (...args) =>
    this.#parts.mail.listDueMailMessages(...args);
  readonly countMailMessagesByState: Store['countMailMessagesByState'] = (...args) =>
    this.#parts.mail.countMailMessagesByState(...args);
  readonly claimMailAttempt: Store['claimMailAttempt'] = (...args) =>
    this.#parts.mail.claimMailAttempt(...args);
  readonly findMailAttempt: Store['findMailAttempt'] = (...args) =>
    this.#parts.mail.findMailAttempt(...args);
  readonly recordMailOutcome: Store['recordMailOutcome'] = (...args) =>
    this.#parts.mail.recordMailOutcome(...args);
  readonly listMailMessagesForCredentials: Store['listMailMessagesForCredentials'] = (...args) =>
    this.#parts.mail.listMailMessagesForCredentials(...args);
  readonly listMailMessages: Store['listMailMessages'] = (...args) =>
    this.#parts.mail.listMailMessages(...args);
  readonly putIssuerMailSetting: Store['putIssuerMailSetting'] = (...args) =>
    this.#parts.mail.putIssuerMailSetting(...args);
  readonly findIssuerMailSetting: Store['findIssuerMailSetting'] = (...args) =>
    this.#parts.mail.findIssuerMailSetting(...args);
  readonly putIssuerMailTemplate: Store['putIssuerMailTemplate'] = (...args) =>
    this.#parts.mailTemplates.putIssuerMailTemplate(...args);
  readonly findIssuerMailTemplate: Store['findIssuerMailTemplate'] = (...args) =>
    this.#parts.mailTemplates.findIssuerMailTemplate(...args);
  readonly listIssuerMailTemplates: Store['listIssuerMailTemplates'] = (...args) =>
    this.#parts.mailTemplates.listIssuerMailTemplates(...args);
  readonly deleteIssuerMailTemplate: Store['deleteIssuerMailTemplate'] = (...args) =>
    this.#parts.mailTemplates.deleteIssuerMailTemplate(...args);
  readonly insertWalletOffer: Store['insertWalletOffer'] = (...args) =>
    this.#parts.wallets.insertWalletOffer(...args);
  readonly findWalletOfferByTokenHash: Store['findWalletOfferByTokenHash'] = (...args) =>
    this.#parts.wallets.findWalletOfferByTokenHash(...args);
  readonly findWalletOffer: Store['findWalletOffer'] = (...args) =>
    this.#parts.wallets.findWalletOffer(...args);
  readonly listWalletOffersOfCredential: Store['listWalletOffersOfCredential'] = (...args) =>
    this.#parts.wallets.listWalletOffersOfCredential(...args);
  readonly countWalletOffersByState: Store['countWalletOffersByState'] = (...args) =>
    this.#parts.wallets.countWalletOffersByState(...args);
  readonly insertWalletChallenge: Store['insertWalletChallenge'] = (...args) =>
    this.#parts.wallets.insertWalletChallenge(...args);
  readonly findWalletChallenge: Store['findWalletChallenge'] = (...args) =>
    this.#parts.wallets.findWalletChallenge(...args);
  readonly insertWalletClaim: Store['insertWalletClaim'] = (...args) =>
    this.#parts.wallets.insertWalletClaim(...args);
  readonly deleteWalletClaim: Store['deleteWalletClaim'] = (...args) =>
    this.#parts.wallets.deleteWalletClaim(...args);
  readonly findWalletClaim: Store['findWalletClaim'] = (...args) =>
    this.#parts.wallets.findWalletClaim(...args);
  readonly listWalletClaimsOfOriginal: Store['listWalletClaimsOfOriginal'] = (...args) =>
    this.#parts.wallets.listWalletClaimsOfOriginal(...args);
  readonly insertWalletGrant: Store['insertWalletGrant'] = (...args) =>
    this.#parts.wallets.insertWalletGrant(...args);
  readonly findWalletGrant: Store['findWalletGrant'] = (...args) =>
    this.#parts.wallets.findWalletGrant(...args);
  readonly putIssuerWalletSetting: Store['putIssuerWalletSetting'] = (...args) =>
    this.#parts.wallets.putIssuerWalletSetting(...args);
  readonly findIssuerWalletSetting: Store['findIssuerWalletSetting'] = (...args) =>
    this.#parts.wallets.findIssuerWalletSetting(...args);
  readonly insertStaffInvitation: Store['insertStaffInvitation'] = (...args) =>
    this.#parts.staff.insertStaffInvitation(...args);
  readonly findStaffInvitationByTokenHash: Store['findStaffInvitationByTokenHash'] = (...args) =>
    this.#parts.staff.findStaffInvitationByTokenHash(...args);
  readonly insertStaff: Store['insertStaff'] = (...args) => this.#parts.staff.insertStaff(...args);
  readonly findStaff: Store['findStaff'] = (...args) => this.#parts.staff.findStaff(...args);
  readonly listStaffByEmail: Store['listStaffByEmail'] = (...args) =>
    this.#parts.staff.listStaffByEmail(...args);
  readonly insertStaffSession: Store['insertStaffSession'] = (...args) =>
    this.#parts.staff.insertStaffSession(...args);
  readonly findStaffSession: Store['findStaffSession'] = (...args) =>
    this.#parts.staff.findStaffSession(...args);
  readonly endStaffSession: Store['endStaffSession'] = (...args) =>
    this.#parts.staff.endStaffSession(...args);
  readonly endSessionsOfStaff: Store['endSessionsOfStaff'] = (...args) =>
    this.#parts.staff.endSessionsOfStaff(...args);
  readonly listStaffOfIssuer: Store['listStaffOfIssuer'] = (...args) =>
    this.#parts.staff.listStaffOfIssuer(...args);
  readonly listStaffInvitationsOfIssuer: Store['listStaffInvitationsOfIssuer'] = (...args) =>
    this.#parts.staff.listStaffInvitationsOfIssuer(...args);
  readonly updateStaffRole: Store['updateStaffRole'] = (...args) =>
    this.#parts.staff.updateStaffRole(...args);
  readonly removeStaff: Store['removeStaff'] = (...args) => this.#parts.staff.removeStaff(...args);
  readonly removeStaffInvitation: Store['removeStaffInvitation'] = (...args) =>
    this.#parts.staff.removeStaffInvitation(...args);

  readonly insertPasskey: Store['insertPasskey'] = (...args) =>
    this.#parts.passkeys.insertPasskey(...args);
  readonly findPasskey: Store['findPasskey'] = (...args) =>
    this.#parts.passkeys.findPasskey(...args);
  readonly listPasskeysOfStaff: Store['listPasskeysOfStaff'] = (...args) =>
    this.#parts.passkeys.listPasskeysOfStaff(...args);
  readonly recordPasskeyUse: Store['recordPasskeyUse'] = (...args) =>
    this.#parts.passkeys.recordPasskeyUse(...args);
  readonly removePasskey: Store['removePasskey'] = (...args) =>
    this.#parts.passkeys.removePasskey(...args);
  readonly insertPasskeyChallenge: Store['insertPasskeyChallenge'] = (...args) =>
    this.#parts.passkeys.insertPasskeyChallenge(...args);
  readonly claimPasskeyChallenge: Store['claimPasskeyChallenge'] = (...args) =>
    this.#parts.passkeys.claimPasskeyChallenge(...args);
  readonly removePasskeyChallengesExpiredBefore: Store['removePasskeyChallengesExpiredBefore'] = (
    ...args
  ) => this.#parts.passkeys.removePasskeyChallengesExpiredBefore(...args);

  readonly openTierReevaluation: Store['openTierReevaluation'] = (...args) =>
    this.#parts.reevaluations.openTierReevaluation(...args);
  readonly listOpenTierReevaluations: Store['listOpenTierReevaluations'] = (...args) =>
    this.#parts.reevaluations.listOpenTierReevaluations(...args);
  readonly listTierReevaluations: Store['listTierReevaluations'] = (...args) =>
    this.#parts.reevaluations.listTierReevaluations(...args);
  readonly claimReevaluationPart: Store['claimReevaluationPart'] = (...args) =>
    this.#parts.reevaluations.claimReevaluationPart(...args);
  readonly finishReevaluationPart: Store['finishReevaluationPart'] = (...args) =>
    this.#parts.reevaluations.finishReevaluationPart(...args);
  readonly listReevaluationParts: Store['listReevaluationParts'] = (...args) =>
    this.#parts.reevaluations.listReevaluationParts(...args);
  readonly completeTierReevaluation: Store['completeTierReevaluation'] = (...args) =>
    this.#parts.reevaluations.completeTierReevaluation(...args);
  readonly listLearnersHolding: Store['listLearnersHolding'] = (...args) =>
    this.#parts.reevaluations.listLearnersHolding(...args);
  readonly countCredentialUse: Store['countCredentialUse'] = (...args) =>
    this.#parts.partnerMetrics.countCredentialUse(...args);
  readonly listCredentialUseCounts: Store['listCredentialUseCounts'] = (...args) =>
    this.#parts.partnerMetrics.listCredentialUseCounts(...args);
  readonly listMetricsCredentials: Store['listMetricsCredentials'] = (...args) =>
    this.#parts.partnerMetrics.listMetricsCredentials(...args);
  readonly listWalletClaimsOfOriginals: Store['listWalletClaimsOfOriginals'] = (...args) =>
    this.#parts.partnerMetrics.listWalletClaimsOfOriginals(...args);
  readonly insertPartnerGroup: Store['insertPartnerGroup'] = (...args) =>
    this.#parts.partnerMetrics.insertPartnerGroup(...args);
  readonly findPartnerGroup: Store['findPartnerGroup'] = (...args) =>
    this.#parts.partnerMetrics.findPartnerGroup(...args);
  readonly listPartnerGroups: Store['listPartnerGroups'] = (...args) =>
    this.#parts.partnerMetrics.listPartnerGroups(...args);

  readonly exportRecords: Store['exportRecords'] = (...args) =>
    this.#parts.transfer.exportRecords(...args);
  readonly importRecord: Store['importRecord'] = (...args) =>
    this.#parts.transfer.importRecord(...args);

  close(): Promise<void> {
    return this.#parts.close();
  }
}
