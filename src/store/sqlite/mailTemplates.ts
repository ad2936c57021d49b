// Issuers' learner e-mail templates in SQLite, keyed by (issuer, kind, language).
import {
  LEARNER_MAIL_KINDS,
  type IssuerMailTemplateRecord,
  type LearnerMailKind,
  type MailTemplateStore,
} from '../ports/mailTemplateStore.js';
import type { SqliteDatabase } from './database.js';
import type { Row } from './rows.js';

function toLearnerMailKind(value: unknown): LearnerMailKind {
  const kind = LEARNER_MAIL_KINDS.find((candidate) => candidate === value);
  if (!kind) throw new Error(`unknown learner mail kind ${String(value)}`);
  return kind;
}

export function toIssuerMailTemplate(row: Row): IssuerMailTemplateRecord {
  return {
    issuerSlug: String(row.issuer_slug),
    kind: toLearnerMailKind(row.kind),
    language: String(row.language),
    subject: String(row.subject),
    body: String(row.body),
    updatedAt: String(row.updated_at),
  };
}

const INSERT = `INSERT INTO issuer_mail_templates
  (issuer_slug, kind, language, subject, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)`;

const valuesOf = (template: IssuerMailTemplateRecord) =>
  [
    template.issuerSlug,
    template.kind,
    template.language,
    template.subject,
    template.body,
    template.updatedAt,
  ] as const;

/** Inserts a template as it is (a record moved by migrate); an existing one is a duplicate. */
export function insertIssuerMailTemplateRow(
  db: SqliteDatabase,
  template: IssuerMailTemplateRecord,
): void {
  db.run(INSERT, ...valuesOf(template));
}

export class SqliteMailTemplateStore implements MailTemplateStore {
  constructor(private readonly db: SqliteDatabase) {}

  async putIssuerMailTemplate(template: IssuerMailTemplateRecord): Promise<void> {
    this.db.run(
      `${INSERT} ON CONFLICT (issuer_slug, kind, language) DO UPDATE SET
         subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at`,
      ...valuesOf(template),
    );
  }

  async findIssuerMailTemplate(
    issuerSlug: string,
    kind: LearnerMailKind,
    language: string,
  ): Promise<IssuerMailTemplateRecord | undefined> {
    const row = this.db.get(
      'SELECT * FROM issuer_mail_templates WHERE issuer_slug = ? AND kind = ? AND language = ?',
      issuerSlug,
      kind,
      language,
    );
    return row ? toIssuerMailTemplate(row) : undefined;
  }

  async listIssuerMailTemplates(issuerSlug: string): Promise<IssuerMailTemplateRecord[]> {
    return this.db
      .all(
        'SELECT * FROM issuer_mail_templates WHERE issuer_slug = ? ORDER BY kind, language',
        issuerSlug,
      )
      .map(toIssuerMailTemplate);
  }

  async deleteIssuerMailTemplate(
    issuerSlug: string,
    kind: LearnerMailKind,
    language: string,
  ): Promise<void> {
    this.db.run(
      'DELETE FROM issuer_mail_templates WHERE issuer_slug = ? AND kind = ? AND language = ?',
      issuerSlug,
      kind,
      language,
    );
  }
}
