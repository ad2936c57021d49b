// The endorsement index in SQLite: one row per EndorsementCredential, keyed by its credential id.
import type {
  EndorsementRecord,
  EndorsementStore,
  EndorsementSubjectRef,
} from '../ports/endorsementStore.js';
import type { SqliteDatabase } from './database.js';
import type { Row } from './rows.js';
import { insertOrDuplicate } from './uniqueKeys.js';

export function toEndorsement(row: Row): EndorsementRecord {
  const subjectKind = String(row.subject_kind);
  if (subjectKind !== 'achievement' && subjectKind !== 'issuer') {
    throw new Error(`endorsements holds a subject of kind ${subjectKind}`);
  }
  return {
    credentialId: String(row.credential_id),
    endorserSlug: String(row.endorser_slug),
    subjectKind,
    subjectKey: String(row.subject_key),
    createdAt: String(row.created_at),
  };
}

/** A plain insert: a taken credential id is a unique violation (an import's 'present'). */
export function insertEndorsementRow(db: SqliteDatabase, endorsement: EndorsementRecord): void {
  db.run(
    `INSERT INTO endorsements (credential_id, endorser_slug, subject_kind, subject_key, created_at)
     VALUES (?, ?, ?, ?, ?)`,
    endorsement.credentialId,
    endorsement.endorserSlug,
    endorsement.subjectKind,
    endorsement.subjectKey,
    endorsement.createdAt,
  );
}

export class SqliteEndorsementStore implements EndorsementStore {
  constructor(private readonly db: SqliteDatabase) {}

  async insertEndorsement(endorsement: EndorsementRecord): Promise<void> {
    insertOrDuplicate('endorsements', () => insertEndorsementRow(this.db, endorsement));
  }

  async listEndorsements(about?: readonly EndorsementSubjectRef[]): Promise<EndorsementRecord[]> {
    if (about !== undefined && about.length === 0) return [];
    const where = about
      ? `WHERE ${about.map(() => '(subject_kind = ? AND subject_key = ?)').join(' OR ')}`
      : '';
    return this.db
      .all(
        `SELECT * FROM endorsements ${where} ORDER BY created_at, rowid`,
        ...(about ?? []).flatMap((subject) => [subject.kind, subject.key]),
      )
      .map(toEndorsement);
  }
}
