// Wallet claim offers, their challenges and their one claim each, in SQLite.
import type {
  IssuerWalletSettingRecord,
  WalletChallengeRecord,
  WalletClaimRecord,
  WalletGrantRecord,
  WalletOfferCounts,
  WalletOfferRecord,
  WalletStore,
} from '../ports/walletStore.js';
import type { SqliteDatabase } from './database.js';
import type { Row } from './rows.js';
import { insertOrDuplicate } from './uniqueKeys.js';

export function toWalletOffer(row: Row): WalletOfferRecord {
  return {
    id: String(row.id),
    tokenHash: String(row.token_hash),
    issuerSlug: String(row.issuer_slug),
    credentialId: String(row.credential_id),
    createdAt: String(row.created_at),
    expiresAt: String(row.expires_at),
  };
}

export function toWalletChallenge(row: Row): WalletChallengeRecord {
  return {
    challenge: String(row.challenge),
    offerId: String(row.offer_id),
    createdAt: String(row.created_at),
  };
}

export function toWalletClaim(row: Row): WalletClaimRecord {
  return {
    offerId: String(row.offer_id),
    originalId: String(row.original_id),
    copyId: String(row.copy_id),
    holderDid: String(row.holder_did),
    claimedAt: String(row.claimed_at),
  };
}

export function toWalletGrant(row: Row): WalletGrantRecord {
  return {
    key: String(row.key),
    ...(row.offer_id === null ? {} : { offerId: String(row.offer_id) }),
    ...(row.secret_hash === null ? {} : { secretHash: String(row.secret_hash) }),
    createdAt: String(row.created_at),
    expiresAt: String(row.expires_at),
  };
}

export function toIssuerWalletSetting(row: Row): IssuerWalletSettingRecord {
  return {
    issuerSlug: String(row.issuer_slug),
    walletClaim: row.wallet_claim === 1,
    updatedAt: String(row.updated_at),
  };
}

export function insertIssuerWalletSettingRow(
  db: SqliteDatabase,
  setting: IssuerWalletSettingRecord,
): void {
  db.run(
    'INSERT INTO issuer_wallet_settings (issuer_slug, wallet_claim, updated_at) VALUES (?, ?, ?)',
    setting.issuerSlug,
    setting.walletClaim ? 1 : 0,
    setting.updatedAt,
  );
}

export function insertWalletGrantRow(db: SqliteDatabase, grant: WalletGrantRecord): void {
  db.run(
    `INSERT INTO wallet_grants (key, offer_id, secret_hash, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?)`,
    grant.key,
    grant.offerId ?? null,
    grant.secretHash ?? null,
    grant.createdAt,
    grant.expiresAt,
  );
}

export function insertWalletOfferRow(db: SqliteDatabase, offer: WalletOfferRecord): void {
  db.run(
    `INSERT INTO wallet_offers (id, token_hash, issuer_slug, credential_id, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    offer.id,
    offer.tokenHash,
    offer.issuerSlug,
    offer.credentialId,
    offer.createdAt,
    offer.expiresAt,
  );
}

export function insertWalletChallengeRow(db: SqliteDatabase, record: WalletChallengeRecord): void {
  db.run(
    'INSERT INTO wallet_challenges (challenge, offer_id, created_at) VALUES (?, ?, ?)',
    record.challenge,
    record.offerId,
    record.createdAt,
  );
}

export function insertWalletClaimRow(db: SqliteDatabase, claim: WalletClaimRecord): void {
  db.run(
    `INSERT INTO wallet_claims (offer_id, original_id, copy_id, holder_did, claimed_at)
     VALUES (?, ?, ?, ?, ?)`,
    claim.offerId,
    claim.originalId,
    claim.copyId,
    claim.holderDid,
    claim.claimedAt,
  );
}

export class SqliteWalletStore implements WalletStore {
  constructor(private readonly db: SqliteDatabase) {}

  async insertWalletOffer(offer: WalletOfferRecord): Promise<void> {
    insertOrDuplicate('wallet_offers', () => insertWalletOfferRow(this.db, offer));
  }

  async findWalletOfferByTokenHash(tokenHash: string): Promise<WalletOfferRecord | undefined> {
    const row = this.db.get('SELECT * FROM wallet_offers WHERE token_hash = ?', tokenHash);
    return row ? toWalletOffer(row) : undefined;
  }

  async findWalletOffer(id: string): Promise<WalletOfferRecord | undefined> {
    const row = this.db.get('SELECT * FROM wallet_offers WHERE id = ?', id);
    return row ? toWalletOffer(row) : undefined;
  }

  async listWalletOffersOfCredential(credentialId: string): Promise<WalletOfferRecord[]> {
    return this.db
      .all(
        'SELECT * FROM wallet_offers WHERE credential_id = ? ORDER BY created_at, rowid',
        credentialId,
      )
      .map(toWalletOffer);
  }

  async countWalletOffersByState(now: string): Promise<WalletOfferCounts> {
    const row = this.db.get(
      `SELECT
         COUNT(c.offer_id) AS claimed,
         SUM(c.offer_id IS NULL AND o.expires_at > ?) AS offered,
         SUM(c.offer_id IS NULL AND o.expires_at <= ?) AS expired
       FROM wallet_offers o LEFT JOIN wallet_claims c ON c.offer_id = o.id`,
      now,
      now,
    ) as { claimed: number; offered: number | null; expired: number | null };
    return { offered: row.offered ?? 0, claimed: row.claimed, expired: row.expired ?? 0 };
  }

  async insertWalletChallenge(challenge: WalletChallengeRecord): Promise<void> {
    insertOrDuplicate('wallet_challenges', () => insertWalletChallengeRow(this.db, challenge));
  }

  async findWalletChallenge(challenge: string): Promise<WalletChallengeRecord | undefined> {
    const row = this.db.get('SELECT * FROM wallet_challenges WHERE challenge = ?', challenge);
    return row ? toWalletChallenge(row) : undefined;
  }

  async insertWalletClaim(claim: WalletClaimRecord): Promise<void> {
    insertOrDuplicate('wallet_claims', () => insertWalletClaimRow(this.db, claim));
  }

  async deleteWalletClaim(offerId: string, copyId: string): Promise<void> {
    this.db.run('DELETE FROM wallet_claims WHERE offer_id = ? AND copy_id = ?', offerId, copyId);
  }

  async findWalletClaim(offerId: string): Promise<WalletClaimRecord | undefined> {
    const row = this.db.get('SELECT * FROM wallet_claims WHERE offer_id = ?', offerId);
    return row ? toWalletClaim(row) : undefined;
  }

  async listWalletClaimsOfOriginal(originalId: string): Promise<WalletClaimRecord[]> {
    return this.db
      .all(
        'SELECT * FROM wallet_claims WHERE original_id = ? ORDER BY claimed_at, rowid',
        originalId,
      )
      .map(toWalletClaim);
  }

  async insertWalletGrant(grant: WalletGrantRecord): Promise<void> {
    insertOrDuplicate('wallet_grants', () => insertWalletGrantRow(this.db, grant));
  }

  async findWalletGrant(key: string): Promise<WalletGrantRecord | undefined> {
    const row = this.db.get('SELECT * FROM wallet_grants WHERE key = ?', key);
    return row ? toWalletGrant(row) : undefined;
  }

  async putIssuerWalletSetting(setting: IssuerWalletSettingRecord): Promise<void> {
    this.db.run(
      `INSERT INTO issuer_wallet_settings (issuer_slug, wallet_claim, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (issuer_slug) DO UPDATE SET wallet_claim = excluded.wallet_claim,
         updated_at = excluded.updated_at`,
      setting.issuerSlug,
      setting.walletClaim ? 1 : 0,
      setting.updatedAt,
    );
  }

  async findIssuerWalletSetting(
    issuerSlug: string,
  ): Promise<IssuerWalletSettingRecord | undefined> {
    const row = this.db.get(
      'SELECT * FROM issuer_wallet_settings WHERE issuer_slug = ?',
      issuerSlug,
    );
    return row ? toIssuerWalletSetting(row) : undefined;
  }
}
