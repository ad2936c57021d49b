// Issuers' learner e-mail templates in MongoDB, under a unique (issuer, kind, language) index.
import type {
  IssuerMailTemplateRecord,
  LearnerMailKind,
  MailTemplateStore,
} from '../ports/mailTemplateStore.js';
import { retryTransient as retry, upsertByKey } from './errors.js';
import type { IssuerMailTemplateDoc, Models } from './models.js';

type AllFields<T> = { [K in keyof Required<T>]: T[K] };

export function toIssuerMailTemplate(doc: IssuerMailTemplateDoc): IssuerMailTemplateRecord {
  return {
    issuerSlug: doc.issuerSlug,
    kind: doc.kind,
    language: doc.language,
    subject: doc.subject,
    body: doc.body,
    updatedAt: doc.updatedAt,
  } satisfies AllFields<IssuerMailTemplateRecord>;
}

export class MongoMailTemplateStore implements MailTemplateStore {
  constructor(private readonly models: Models) {}

  async putIssuerMailTemplate(template: IssuerMailTemplateRecord): Promise<void> {
    const { issuerSlug, kind, language, subject, body, updatedAt } = template;
    // Two first writes racing both try the insert; the unique index lets one in and the other's
    // retry (upsertByKey) becomes an update: the last write wins, as in SQLite.
    await upsertByKey(() =>
      this.models.issuerMailTemplates.updateOne(
        { issuerSlug, kind, language },
        { $set: { subject, body, updatedAt } },
        { upsert: true },
      ),
    );
  }

  async findIssuerMailTemplate(
    issuerSlug: string,
    kind: LearnerMailKind,
    language: string,
  ): Promise<IssuerMailTemplateRecord | undefined> {
    const doc = await retry(() =>
      this.models.issuerMailTemplates
        .findOne({ issuerSlug, kind, language })
        .lean<IssuerMailTemplateDoc>(),
    );
    return doc ? toIssuerMailTemplate(doc) : undefined;
  }

  async listIssuerMailTemplates(issuerSlug: string): Promise<IssuerMailTemplateRecord[]> {
    const docs = await retry(() =>
      this.models.issuerMailTemplates
        .find({ issuerSlug })
        .sort({ kind: 1, language: 1 })
        .lean<IssuerMailTemplateDoc[]>(),
    );
    return docs.map(toIssuerMailTemplate);
  }

  async deleteIssuerMailTemplate(
    issuerSlug: string,
    kind: LearnerMailKind,
    language: string,
  ): Promise<void> {
    await retry(() => this.models.issuerMailTemplates.deleteOne({ issuerSlug, kind, language }));
  }
}
