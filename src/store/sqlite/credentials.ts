// Credentials in SQLite: one row each, and a tier's constituents in credential_constituents.
import type {
  CredentialFacts,
  CredentialRecord,
  CredentialStore,
  ImportDisregardRecord,
  IssuerCredentialFilter,
} from '../ports/credentialStore.js';
import type { SqliteDatabase } from './database.js';
import { toCredential, toCredentialFacts, toImportDisregard } from './rows.js';
import { insertIfAbsent, insertOrDuplicate } from './uniqueKeys.js';

/** A credential's columns with its constituents as a JSON array, for toCredential. */
export const CREDENTIAL_COLUMNS = `c.*, (SELECT json_group_array(constituent_id) FROM credential_constituents
  WHERE tier_id = c.id) AS constituents`;

export function insertImportDisregardRow(db: SqliteDatabase, d: ImportDisregardRecord): void {
  db.run(
    'INSERT INTO import_disregards (credential_id, reason, actor, at) VALUES (?, ?, ?, ?)',
    d.credentialId,
    d.reason,
    d.actor,
    d.at,
  );
}

/** The credential with its constituents, or nothing. */
export function insertCredentialRows(db: SqliteDatabase, credential: CredentialRecord): void {
  db.transaction(() => {
    db.run(
      `INSERT INTO credentials (id, origin, issuer_did, issuer_slug, format, document, achievement_key,
         learner_key, valid_from, valid_until, status_list, status_index, renewal_of, imported_for,
         created_at, vc_jwt, cohort, region, renewal_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      credential.id,
      credential.origin,
      credential.issuerDid,
      credential.issuerSlug ?? null,
      credential.format,
      credential.document,
      credential.achievementKey ?? null,
      credential.learnerKey ?? null,
      credential.validFrom,
      credential.validUntil ?? null,
      credential.status?.listNumber ?? null,
      credential.status?.index ?? null,
      credential.renewalOf ?? null,
      credential.importedFor ?? null,
      credential.createdAt,
      credential.vcJwt ?? null,
      credential.cohort ?? null,
      credential.region ?? null,
      credential.renewalReason ?? null,
    );
    for (const constituentId of credential.constituentIds) {
      db.run(
        'INSERT INTO credential_constituents (tier_id, constituent_id) VALUES (?, ?)',
        credential.id,
        constituentId,
      );
    }
  });
}

export class SqliteCredentialStore implements CredentialStore {
  constructor(private readonly db: SqliteDatabase) {}

  async insertCredential(credential: CredentialRecord): Promise<void> {
    insertOrDuplicate('credentials', () => insertCredentialRows(this.db, credential));
  }

  async listImportedCredentials(
    afterId: string | undefined,
    limit: number,
  ): Promise<CredentialRecord[]> {
    return this.db
      .all(
        `SELECT ${CREDENTIAL_COLUMNS} FROM credentials c
         WHERE c.origin = 'imported' AND c.id > ? ORDER BY c.id LIMIT ?`,
        afterId ?? '',
        limit,
      )
      .map(toCredential);
  }

  async disregardImport(disregard: ImportDisregardRecord): Promise<boolean> {
    return insertIfAbsent(() => insertImportDisregardRow(this.db, disregard));
  }

  async findImportDisregards(credentialIds: readonly string[]): Promise<ImportDisregardRecord[]> {
    if (credentialIds.length === 0) return [];
    return this.db
      .all(
        `SELECT * FROM import_disregards WHERE credential_id IN (SELECT value FROM json_each(?))`,
        JSON.stringify(credentialIds),
      )
      .map(toImportDisregard);
  }

  async findCredential(id: string): Promise<CredentialRecord | undefined> {
    const row = this.db.get(`SELECT ${CREDENTIAL_COLUMNS} FROM credentials c WHERE c.id = ?`, id);
    return row ? toCredential(row) : undefined;
  }

  async listCredentialsOfLearner(learnerKey: string): Promise<CredentialRecord[]> {
    return this.db
      .all(
        `SELECT ${CREDENTIAL_COLUMNS} FROM credentials c WHERE c.learner_key = ? ORDER BY c.created_at, c.id`,
        learnerKey,
      )
      .map(toCredential);
  }

  async listCredentialFactsOfLearners(learnerKeys: readonly string[]): Promise<CredentialFacts[]> {
    if (learnerKeys.length === 0) return [];
    return this.db
      .all(
        `SELECT id, origin, achievement_key, learner_key, valid_from, valid_until, imported_for,
           created_at
         FROM credentials WHERE learner_key IN (SELECT value FROM json_each(?))
         ORDER BY learner_key, created_at, id`,
        JSON.stringify(learnerKeys),
      )
      .map(toCredentialFacts);
  }

  async listTiersNaming(constituentId: string): Promise<CredentialRecord[]> {
    return this.db
      .all(
        `SELECT ${CREDENTIAL_COLUMNS} FROM credentials c
         JOIN credential_constituents k ON k.tier_id = c.id
         WHERE k.constituent_id = ? ORDER BY c.created_at, c.id`,
        constituentId,
      )
      .map(toCredential);
  }

  async listCredentialsOfIssuer(issuerSlug: string, limit: number): Promise<CredentialRecord[]> {
    // rowid breaks ties between credentials made in one instant: the later write comes first.
    return this.db
      .all(
        `SELECT ${CREDENTIAL_COLUMNS} FROM credentials c
         WHERE c.issuer_slug = ? AND c.origin = 'issued'
         ORDER BY c.created_at DESC, c.rowid DESC LIMIT ?`,
        issuerSlug,
        limit,
      )
      .map(toCredential);
  }

  async searchCredentialsOfIssuer(filter: IssuerCredentialFilter): Promise<CredentialRecord[]> {
    const where = [`c.issuer_slug = ?`, `c.origin = 'issued'`];
    const values: unknown[] = [filter.issuerSlug];
    const add = (clause: string, ...more: unknown[]) => {
      where.push(clause);
      values.push(...more);
    };
    if (filter.learnerKey !== undefined) add('c.learner_key = ?', filter.learnerKey);
    if (filter.achievementKey !== undefined) add('c.achievement_key = ?', filter.achievementKey);
    if (filter.ids !== undefined) {
      add('c.id IN (SELECT value FROM json_each(?))', JSON.stringify(filter.ids));
    }
    if (filter.createdFrom !== undefined) add('c.created_at >= ?', filter.createdFrom);
    if (filter.createdBefore !== undefined) add('c.created_at < ?', filter.createdBefore);
    if (filter.after !== undefined) {
      const { createdAt, id } = filter.after;
      add('(c.created_at < ? OR (c.created_at = ? AND c.id < ?))', createdAt, createdAt, id);
    }
    return this.db
      .all(
        `SELECT ${CREDENTIAL_COLUMNS} FROM credentials c WHERE ${where.join(' AND ')}
         ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
        ...values,
        filter.limit,
      )
      .map(toCredential);
  }
}
