import type { Connection } from 'mongoose';
import { ComposedStore } from '../composedStore.js';
import { MongoMailStore } from './mail.js';
import { MongoMailTemplateStore } from './mailTemplates.js';
import { MongoCatalogStore } from './catalog.js';
import { openConnection } from './connection.js';
import { MongoCredentialStore } from './credentials.js';
import { MongoEndorsementStore } from './endorsements.js';
import { MongoApiKeyStore } from './apiKeys.js';
import { MongoStaffStore } from './staff.js';
import { MongoPasskeyStore } from './passkeys.js';
import { MongoReevaluationStore } from './reevaluations.js';
import { MongoBatchStore } from './batches.js';
import { MongoIdempotencyStore } from './idempotency.js';
import { MongoImageStore } from './images.js';
import { MongoIssuerStore } from './issuers.js';
import { MongoMappingStore } from './mappings.js';
import { bindModels, createIndexes, type Models } from './models.js';
import { MongoSettingStore } from './settings.js';
import { MongoStatusStore } from './status.js';
import { MongoTierStore } from './tiers.js';
import { MongoRecordTransfer } from './transfer.js';
import { MongoWebhookStore } from './webhooks.js';
import { MongoWalletStore } from './wallets.js';
import { MongoPartnerMetricsStore } from './partnerMetrics.js';
import { isMongoStorageFull } from './errors.js';

/**
 * MongoDB through mongoose, used when MONGODB_URI is set, one module per aggregate. No
 * transactions and no conditional updates: every invariant is a unique index that an insert
 * claims, which MongoDB and FerretDB both enforce exactly.
 */
export class MongoStore extends ComposedStore {
  private constructor(connection: Connection, models: Models) {
    super(
      {
        issuers: new MongoIssuerStore(models),
        catalog: new MongoCatalogStore(models),
        credentials: new MongoCredentialStore(models),
        status: new MongoStatusStore(models),
        tiers: new MongoTierStore(models),
        settings: new MongoSettingStore(models),
        idempotency: new MongoIdempotencyStore(models),
        images: new MongoImageStore(models),
        mappings: new MongoMappingStore(models),
        endorsements: new MongoEndorsementStore(models),
        apiKeys: new MongoApiKeyStore(models),
        staff: new MongoStaffStore(models),
        passkeys: new MongoPasskeyStore(models),
        reevaluations: new MongoReevaluationStore(models),
        batches: new MongoBatchStore(models),
        webhooks: new MongoWebhookStore(models),
        mail: new MongoMailStore(models),
        mailTemplates: new MongoMailTemplateStore(models),
        wallets: new MongoWalletStore(models),
        partnerMetrics: new MongoPartnerMetricsStore(models),
        transfer: new MongoRecordTransfer(models),
        close: () => connection.close(),
      },
      isMongoStorageFull,
    );
  }

  /** Connects and creates every index before returning. `dbName` overrides the URI's database. */
  static async open(uri: string, options: { dbName?: string } = {}): Promise<MongoStore> {
    const connection = await openConnection(uri, options.dbName);
    try {
      const models = bindModels(connection);
      await createIndexes(models);
      return new MongoStore(connection, models);
    } catch (error) {
      await connection.close();
      throw error;
    }
  }
}
