// What partner metrics read and count: per-credential per-day use counters (page views and
// verifications by others), partner groups, and the few reads over credentials and wallet claims
// that a period's numbers need. The counters are statistics, not invariants (nothing is ever
// decided by reading one), yet racing requests lose none: SQLite adds one in a single upsert on
// the (credential, day, kind) key; MongoDB inserts one document per use and adds them up when
// read, since FerretDB's $inc upserts are not atomic.
import type { WalletClaimRecord } from './walletStore.js';

/** A public page view, or a verification of the credential by someone (the API or /verify). */
export type CredentialUseKind = 'view' | 'verification';
export const CREDENTIAL_USE_KINDS: readonly CredentialUseKind[] = ['view', 'verification'];

/** One counter row: how often a credential was used one way on one UTC day. Nothing about who. */
export interface CredentialUseCount {
  credentialId: string;
  issuerSlug: string;
  /** YYYY-MM-DD, UTC. */
  day: string;
  kind: CredentialUseKind;
  count: number;
}

/** An admin's group of issuers who run a programme together, shown side by side. */
export interface PartnerGroupRecord {
  id: string;
  name: string;
  issuerSlugs: string[];
  createdAt: string;
}

/** What the numbers need of a credential issued here (never its document). */
export interface MetricsCredential {
  id: string;
  achievementKey?: string;
  learnerKey?: string;
  validUntil?: string;
  renewalOf?: string;
  cohort?: string;
  region?: string;
  createdAt: string;
}

export interface PartnerMetricsStore {
  /** Adds `count` to the credential's counter of that kind on that day (made when absent). */
  countCredentialUse(use: CredentialUseCount): Promise<void>;
  /** The issuer's counter rows with a day from `fromDay` to `toDay`, both included. */
  listCredentialUseCounts(
    issuerSlug: string,
    fromDay: string,
    toDay: string,
  ): Promise<CredentialUseCount[]>;
  /** Every credential the issuer issued here (tiers, renewals and wallet copies included). */
  listMetricsCredentials(issuerSlug: string): Promise<MetricsCredential[]>;
  /** The claims of the offers of any of these credentials: one read however many are asked. */
  listWalletClaimsOfOriginals(originalIds: readonly string[]): Promise<WalletClaimRecord[]>;
  /** Throws DuplicateKeyError when the id is taken. */
  insertPartnerGroup(group: PartnerGroupRecord): Promise<void>;
  findPartnerGroup(id: string): Promise<PartnerGroupRecord | undefined>;
  /** Oldest first. */
  listPartnerGroups(): Promise<PartnerGroupRecord[]>;
}
