// Partner metrics in SQLite: use counters (one row per credential, day and kind, incremented by
// one atomic upsert), partner groups, and the reads over credentials and wallet claims.
import type { WalletClaimRecord } from '../ports/walletStore.js';
import {
  type CredentialUseCount,
  type MetricsCredential,
  type PartnerGroupRecord,
  type PartnerMetricsStore,
} from '../ports/partnerMetricsStore.js';
import type { SqliteDatabase } from './database.js';
import { optional, type Row } from './rows.js';
import { insertOrDuplicate } from './uniqueKeys.js';
import { toWalletClaim } from './wallets.js';

export function toCredentialUseCount(row: Row): CredentialUseCount {
  return {
    credentialId: String(row.credential_id),
    issuerSlug: String(row.issuer_slug),
    day: String(row.day),
    kind: row.kind === 'view' ? 'view' : 'verification',
    count: Number(row.count),
  };
}

export function toPartnerGroup(row: Row): PartnerGroupRecord {
  return {
    id: String(row.id),
    name: String(row.name),
    issuerSlugs: JSON.parse(String(row.issuer_slugs)) as string[],
    createdAt: String(row.created_at),
  };
}

/** As stored, for an import: the count is kept, not added to. */
export function insertCredentialUseCountRow(db: SqliteDatabase, use: CredentialUseCount): void {
  db.run(
    `INSERT INTO credential_use_counts (credential_id, issuer_slug, day, kind, count)
     VALUES (?, ?, ?, ?, ?)`,
    use.credentialId,
    use.issuerSlug,
    use.day,
    use.kind,
    use.count,
  );
}

export function insertPartnerGroupRow(db: SqliteDatabase, group: PartnerGroupRecord): void {
  db.run(
    'INSERT INTO partner_groups (id, name, issuer_slugs, created_at) VALUES (?, ?, ?, ?)',
    group.id,
    group.name,
    JSON.stringify(group.issuerSlugs),
    group.createdAt,
  );
}

function toMetricsCredential(row: Row): MetricsCredential {
  const optionalFields = {
    achievementKey: optional(row.achievement_key),
    learnerKey: optional(row.learner_key),
    validUntil: optional(row.valid_until),
    renewalOf: optional(row.renewal_of),
    cohort: optional(row.cohort),
    region: optional(row.region),
  };
  return {
    id: String(row.id),
    createdAt: String(row.created_at),
    ...Object.fromEntries(Object.entries(optionalFields).filter(([, value]) => value)),
  };
}

export class SqlitePartnerMetricsStore implements PartnerMetricsStore {
  constructor(private readonly db: SqliteDatabase) {}

  async countCredentialUse(use: CredentialUseCount): Promise<void> {
    this.db.run(
      `INSERT INTO credential_use_counts (credential_id, issuer_slug, day, kind, count)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (credential_id, day, kind) DO UPDATE SET count = count + excluded.count`,
      use.credentialId,
      use.issuerSlug,
      use.day,
      use.kind,
      use.count,
    );
  }

  async listCredentialUseCounts(
    issuerSlug: string,
    fromDay: string,
    toDay: string,
  ): Promise<CredentialUseCount[]> {
    return this.db
      .all(
        `SELECT * FROM credential_use_counts WHERE issuer_slug = ? AND day >= ? AND day <= ?
         ORDER BY day, credential_id, kind`,
        issuerSlug,
        fromDay,
        toDay,
      )
      .map(toCredentialUseCount);
  }

  async listMetricsCredentials(issuerSlug: string): Promise<MetricsCredential[]> {
    return this.db
      .all(
        `SELECT id, achievement_key, learner_key, valid_until, renewal_of, cohort, region, created_at
         FROM credentials WHERE issuer_slug = ? AND origin = 'issued' ORDER BY created_at, rowid`,
        issuerSlug,
      )
      .map(toMetricsCredential);
  }

  async listWalletClaimsOfOriginals(originalIds: readonly string[]): Promise<WalletClaimRecord[]> {
    if (originalIds.length === 0) return [];
    return this.db
      .all(
        `SELECT * FROM wallet_claims WHERE original_id IN (SELECT value FROM json_each(?))
         ORDER BY claimed_at, rowid`,
        JSON.stringify(originalIds),
      )
      .map(toWalletClaim);
  }

  async insertPartnerGroup(group: PartnerGroupRecord): Promise<void> {
    insertOrDuplicate('partner_groups', () => insertPartnerGroupRow(this.db, group));
  }

  async findPartnerGroup(id: string): Promise<PartnerGroupRecord | undefined> {
    const row = this.db.get('SELECT * FROM partner_groups WHERE id = ?', id);
    return row ? toPartnerGroup(row) : undefined;
  }

  async listPartnerGroups(): Promise<PartnerGroupRecord[]> {
    return this.db
      .all('SELECT * FROM partner_groups ORDER BY created_at, rowid')
      .map(toPartnerGroup);
  }
}
