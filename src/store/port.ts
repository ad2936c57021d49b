// The one door to storage: the ports per aggregate, and the Store that is all of them. Every
// invariant racing requests could break is a unique key that an insert claims; adapters never
// check-then-write and never keep counters. Use cases take the narrowest port they need.
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
import type { PartnerMetricsStore } from './ports/partnerMetricsStore.js';
import type { StorageHealth } from './ports/storageHealth.js';
import type { ReevaluationStore } from './ports/reevaluationStore.js';

export type * from './ports/catalogStore.js';
export type * from './ports/credentialStore.js';
export type * from './ports/endorsementStore.js';
export type * from './ports/apiKeyStore.js';
export type * from './ports/batchStore.js';
export type * from './ports/idempotencyStore.js';
export type * from './ports/imageStore.js';
export type * from './ports/issuerStore.js';
export type * from './ports/mailStore.js';
export * from './ports/mailTemplateStore.js';
export type * from './ports/mappingStore.js';
export type * from './ports/settingStore.js';
export type * from './ports/statusStore.js';
export type * from './ports/tierStore.js';
export type * from './ports/webhookStore.js';
export type * from './ports/walletStore.js';
export type * from './ports/staffStore.js';
export type * from './ports/passkeyStore.js';
export * from './ports/partnerMetricsStore.js';
export type * from './ports/storageHealth.js';
export type * from './ports/reevaluationStore.js';
export * from './ports/recordTransfer.js';
export { DuplicateKeyError } from './ports/duplicateKeyError.js';
export { StorageFullError } from './ports/storageFullError.js';

/** Every port in one object, as the adapters implement it and the composition root hands it out. */
export interface Store
  extends
    IssuerStore,
    CatalogStore,
    CredentialStore,
    StatusStore,
    TierStore,
    SettingStore,
    IdempotencyStore,
    ImageStore,
    MappingStore,
    EndorsementStore,
    ApiKeyStore,
    BatchStore,
    WebhookStore,
    MailStore,
    MailTemplateStore,
    WalletStore,
    StaffStore,
    PasskeyStore,
    ReevaluationStore,
    PartnerMetricsStore,
    StorageHealth,
    RecordTransfer {
  close(): Promise<void>;
}
