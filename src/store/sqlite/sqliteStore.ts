import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ComposedStore } from '../composedStore.js';
import { SqliteMailStore } from './mail.js';
import { SqliteMailTemplateStore } from './mailTemplates.js';
import { SqliteCatalogStore } from './catalog.js';
import { SqliteCredentialStore } from './credentials.js';
import { DATABASE_FILE, PRIVATE_DIR_MODE, SqliteDatabase } from './database.js';
import { SqliteEndorsementStore } from './endorsements.js';
import { SqliteApiKeyStore } from './apiKeys.js';
import { SqliteBatchStore } from './batches.js';
import { SqliteIdempotencyStore } from './idempotency.js';
import { SqliteImageStore } from './images.js';
import { SqliteIssuerStore } from './issuers.js';
import { SqliteMappingStore } from './mappings.js';
import { SqliteSettingStore } from './settings.js';
import { SqliteStatusStore } from './status.js';
import { SqliteTierStore } from './tiers.js';
import { SqliteReevaluationStore } from './reevaluations.js';
import { SqliteRecordTransfer } from './transfer.js';
import { SqliteWebhookStore } from './webhooks.js';
import { SqliteWalletStore } from './wallets.js';
import { SqliteStaffStore } from './staff.js';
import { SqlitePasskeyStore } from './passkeys.js';
import { SqlitePartnerMetricsStore } from './partnerMetrics.js';
import { isSqliteStorageFull } from './storageFull.js';

export { DATABASE_FILE } from './database.js';

/** The embedded default: one SQLite file in WAL mode under DATA_DIR, one module per aggregate. */
export class SqliteStore extends ComposedStore {
  constructor(file: string) {
    const db = new SqliteDatabase(file);
    super(
      {
        issuers: new SqliteIssuerStore(db),
        catalog: new SqliteCatalogStore(db),
        credentials: new SqliteCredentialStore(db),
        status: new SqliteStatusStore(db),
        tiers: new SqliteTierStore(db),
        settings: new SqliteSettingStore(db),
        idempotency: new SqliteIdempotencyStore(db),
        images: new SqliteImageStore(db),
        mappings: new SqliteMappingStore(db),
        endorsements: new SqliteEndorsementStore(db),
        apiKeys: new SqliteApiKeyStore(db),
        batches: new SqliteBatchStore(db),
        webhooks: new SqliteWebhookStore(db),
        mail: new SqliteMailStore(db),
        mailTemplates: new SqliteMailTemplateStore(db),
        wallets: new SqliteWalletStore(db),
        staff: new SqliteStaffStore(db),
        passkeys: new SqlitePasskeyStore(db),
        reevaluations: new SqliteReevaluationStore(db),
        partnerMetrics: new SqlitePartnerMetricsStore(db),
        transfer: new SqliteRecordTransfer(db),
        close: async () => db.close(),
      },
      isSqliteStorageFull,
    );
  }

  /** DATA_DIR is made (or, when it exists with looser modes, tightened to) owner-only first. */
  static inDataDir(dataDir: string): SqliteStore {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    chmodSync(dataDir, PRIVATE_DIR_MODE);
    return new SqliteStore(path.join(dataDir, DATABASE_FILE));
  }
}
