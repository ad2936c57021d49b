// Issuers' own learner e-mail texts, the use case: per kind of message and language, the text in
// force (the issuer's template, else the service's), a template kept only when nothing is wrong
// with it, reset by deleting it, and any of them previewed with sample values.
import { catalogLanguage, LANGUAGES, type Language } from '../catalog/catalogTypes.js';
import type { Clock } from '../core/clock.js';
import { NotFoundError, ValidationError } from '../core/problems.js';
import type { IssuerService } from '../issuers/issuerService.js';
import {
  LEARNER_MAIL_KINDS,
  type IssuerMailTemplateRecord,
  type LearnerMailKind,
  type MailTemplateStore,
} from '../store/port.js';
import { learnerMailParts, type MailParts } from './composeMail.js';
import { mailText } from './mailTexts.js';
import {
  defaultTemplate,
  PLACEHOLDERS,
  templateProblems,
  type MailTemplateText,
  type Placeholder,
} from './templateText.js';

export interface MailTemplateView {
  kind: LearnerMailKind;
  language: Language;
  /** The issuer's own text is in force (else the service's). */
  customised: boolean;
  subject: string;
  body: string;
  /** When the issuer last wrote it; only when customised. */
  updatedAt?: string;
  placeholders: readonly Placeholder[];
}

export interface MailTemplatesOptions {
  clock: Clock;
  /** The links a preview shows: a credential page and a claim page, neither of them real. */
  sampleCredentialUrl: string;
  sampleClaimUrl: string;
  /** How long a claim link lasts, for the preview's claim date. */
  claimHours: number;
}

const YEAR_MS = 365 * 86_400_000;
const HOUR_MS = 3_600_000;

interface TemplateKey {
  kind: LearnerMailKind;
  language: Language;
}

/** The kind and language a path names; anything else names no template (404). */
function keyOf(kind: string, language: string): TemplateKey {
  const learnerKind = LEARNER_MAIL_KINDS.find((each) => each === kind);
  if (!learnerKind) {
    throw new NotFoundError(
      `"${kind}" is not a kind of learner e-mail (${LEARNER_MAIL_KINDS.join(', ')})`,
    );
  }
  const written = catalogLanguage(language);
  if (!written) {
    throw new NotFoundError(
      `"${language}" is not a language learner e-mail is written in (${LANGUAGES.join(', ')})`,
    );
  }
  return { kind: learnerKind, language: written };
}

function viewOf(key: TemplateKey, stored: IssuerMailTemplateRecord | undefined): MailTemplateView {
  const text = stored ?? defaultTemplate(key.kind, key.language);
  return {
    ...key,
    customised: stored !== undefined,
    subject: text.subject,
    body: text.body,
    ...(stored ? { updatedAt: stored.updatedAt } : {}),
    placeholders: PLACEHOLDERS[key.kind],
  };
}

export class MailTemplates {
  constructor(
    private readonly store: MailTemplateStore,
    private readonly issuers: Pick<IssuerService, 'get'>,
    private readonly options: MailTemplatesOptions,
  ) {}

  /** Every kind in every language, in that order, each the text in force. */
  async list(slug: string): Promise<MailTemplateView[]> {
    await this.issuers.get(slug);
    const stored = await this.store.listIssuerMailTemplates(slug);
    return LEARNER_MAIL_KINDS.flatMap((kind) =>
      LANGUAGES.map((language) =>
        viewOf(
          { kind, language },
          stored.find((each) => each.kind === kind && each.language === language),
        ),
      ),
    );
  }

  async one(slug: string, kind: string, language: string): Promise<MailTemplateView> {
    const key = keyOf(kind, language);
    await this.issuers.get(slug);
    return viewOf(key, await this.store.findIssuerMailTemplate(slug, key.kind, key.language));
  }

  /** Keeps the issuer's template, replacing any before it; a bad one is refused, nothing kept. */
  async put(
    slug: string,
    kind: string,
    language: string,
    text: MailTemplateText,
  ): Promise<MailTemplateView> {
    const key = keyOf(kind, language);
    await this.issuers.get(slug);
    const problems = templateProblems(key.kind, text);
    if (problems.length > 0) throw new ValidationError(problems);
    const record: IssuerMailTemplateRecord = {
      issuerSlug: slug,
      ...key,
      subject: text.subject,
      body: text.body,
      updatedAt: this.options.clock().toISOString(),
    };
    await this.store.putIssuerMailTemplate(record);
    return viewOf(key, record);
  }

  /** Back to the service's text (nothing to do when it is in force already). */
  async reset(slug: string, kind: string, language: string): Promise<void> {
    const key = keyOf(kind, language);
    await this.issuers.get(slug);
    await this.store.deleteIssuerMailTemplate(slug, key.kind, key.language);
  }

  /**
   * The message `text` would make (a draft, checked as a template to keep is), or, without one,
   * the text in force: with the issuer's name, a sample achievement, links that lead nowhere, an
   * end date a year ahead and, for the first message, a claim link.
   */
  async preview(
    slug: string,
    kind: string,
    language: string,
    text?: MailTemplateText,
  ): Promise<MailParts> {
    const key = keyOf(kind, language);
    const issuer = await this.issuers.get(slug);
    if (text) {
      const problems = templateProblems(key.kind, text);
      if (problems.length > 0) throw new ValidationError(problems);
    }
    const template =
      text ?? (await this.store.findIssuerMailTemplate(slug, key.kind, key.language));
    const now = this.options.clock().getTime();
    return learnerMailParts(key.kind, key.language, template, {
      achievementName: mailText(key.language, 'preview.achievement', {}),
      issuerName: issuer.name,
      credentialUrl: this.options.sampleCredentialUrl,
      validUntil: new Date(now + YEAR_MS).toISOString(),
      ...(key.kind === 'credential-issued'
        ? {
            claim: {
              url: this.options.sampleClaimUrl,
              expiresAt: new Date(now + this.options.claimHours * HOUR_MS).toISOString(),
            },
          }
        : {}),
    });
  }
}
