// Each issuer's own texts for learner e-mail, one per (issuer, kind, language): that triple is
// the unique key, a write is an upsert keyed by it (the last one wins, nothing else is read
// first), and a delete brings the service's default text back.
import type { MailKind } from './mailStore.js';

/** The messages learners get; a staff invitation's text stays the service's own. */
export type LearnerMailKind = Exclude<MailKind, 'staff-invitation'>;
export const LEARNER_MAIL_KINDS: readonly LearnerMailKind[] = [
  'credential-issued',
  'expiry-reminder',
];

export interface IssuerMailTemplateRecord {
  issuerSlug: string;
  kind: LearnerMailKind;
  /** The language of the messages it writes (en, zh-TW or ja). */
  language: string;
  /** One line, with `{name}` placeholders. */
  subject: string;
  /** Plain text, paragraphs apart by a blank line, with `{name}` placeholders. */
  body: string;
  updatedAt: string;
}

export interface MailTemplateStore {
  /** Writes the issuer's template for its kind and language, replacing the one there. */
  putIssuerMailTemplate(template: IssuerMailTemplateRecord): Promise<void>;
  findIssuerMailTemplate(
    issuerSlug: string,
    kind: LearnerMailKind,
    language: string,
  ): Promise<IssuerMailTemplateRecord | undefined>;
  /** The issuer's templates by kind, then language. */
  listIssuerMailTemplates(issuerSlug: string): Promise<IssuerMailTemplateRecord[]>;
  /** Deletes it, if there is one. */
  deleteIssuerMailTemplate(
    issuerSlug: string,
    kind: LearnerMailKind,
    language: string,
  ): Promise<void>;
}
