// Learner e-mail's outbox, attempts and issuer settings in MongoDB.
import {
  MAIL_STATES,
  type IssuerMailSettingRecord,
  type MailAttemptRecord,
  type MailMessageRecord,
  type MailOutcome,
  type MailState,
  type MailStore,
} from '../ports/mailStore.js';
import { insertIfAbsent, retryTransient as retry, upsertByKey } from './errors.js';
import type { IssuerMailSettingDoc, MailAttemptDoc, MailMessageDoc, Models } from './models.js';

type AllFields<T> = { [K in keyof Required<T>]: T[K] };

export function toMailMessage(doc: MailMessageDoc): MailMessageRecord {
  return {
    id: doc.id,
    kind: doc.kind,
    issuerSlug: doc.issuerSlug,
    credentialId: doc.credentialId,
    language: doc.language,
    sealedRecipient: doc.sealedRecipient,
    sealedDetails: doc.sealedDetails,
    state: doc.state,
    attempts: doc.attempts,
    nextAttemptAt: doc.nextAttemptAt,
    lastError: doc.lastError,
    skipReason: doc.skipReason,
    createdAt: doc.createdAt,
    finishedAt: doc.finishedAt,
  } satisfies AllFields<MailMessageRecord>;
}

export function toMailAttempt(doc: MailAttemptDoc): MailAttemptRecord {
  return {
    messageId: doc.messageId,
    attemptNo: doc.attemptNo,
    claimedAt: doc.claimedAt,
  } satisfies AllFields<MailAttemptRecord>;
}

export function toIssuerMailSetting(doc: IssuerMailSettingDoc): IssuerMailSettingRecord {
  return {
    issuerSlug: doc.issuerSlug,
    enabled: doc.enabled,
    updatedAt: doc.updatedAt,
  } satisfies AllFields<IssuerMailSettingRecord>;
}

/** The fields that have a value, for a $set that must not write undefined. */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}

export class MongoMailStore implements MailStore {
  constructor(private readonly models: Models) {}

  async queueMailMessage(message: MailMessageRecord): Promise<boolean> {
    return insertIfAbsent(() => this.models.mailMessages.create(message));
  }

  async listDueMailMessages(now: string, limit: number): Promise<MailMessageRecord[]> {
    const docs = await retry(() =>
      this.models.mailMessages
        .find({ state: 'queued', nextAttemptAt: { $lte: now } })
        .sort({ nextAttemptAt: 1, _id: 1 })
        .limit(limit)
        .lean<MailMessageDoc[]>(),
    );
    return docs.map(toMailMessage);
  }

  async countMailMessagesByState(): Promise<Record<MailState, number>> {
    // One count per state rather than an aggregation: the states are few, and it runs the same
    // on MongoDB and FerretDB.
    const counts = await Promise.all(
      MAIL_STATES.map((state) => retry(() => this.models.mailMessages.countDocuments({ state }))),
    );
    return Object.fromEntries(MAIL_STATES.map((state, i) => [state, counts[i] ?? 0])) as Record<
      MailState,
      number
    >;
  }

  async claimMailAttempt(attempt: MailAttemptRecord): Promise<boolean> {
    return insertIfAbsent(() => this.models.mailAttempts.create(attempt));
  }

  async findMailAttempt(
    messageId: string,
    attemptNo: number,
  ): Promise<MailAttemptRecord | undefined> {
    const doc = await retry(() =>
      this.models.mailAttempts.findOne({ messageId, attemptNo }).lean<MailAttemptDoc>(),
    );
    return doc ? toMailAttempt(doc) : undefined;
  }

  async recordMailOutcome(
    messageId: string,
    attemptNo: number,
    outcome: MailOutcome,
  ): Promise<void> {
    const { lastError, skipReason, finishedAt, ...always } = outcome;
    const optional = { lastError, skipReason, finishedAt };
    const unset = Object.fromEntries(
      Object.entries(optional)
        .filter(([, value]) => value === undefined)
        .map(([field]) => [field, '']),
    );
    // Only the holder of this attempt's claim writes it, and the filter makes a repeat a no-op.
    await retry(() =>
      this.models.mailMessages.updateOne(
        { id: messageId, state: 'queued', attempts: { $lt: attemptNo } },
        { $set: { ...always, ...defined(optional) }, $unset: unset },
      ),
    );
  }

  async listMailMessagesForCredentials(
    credentialIds: readonly string[],
  ): Promise<MailMessageRecord[]> {
    if (credentialIds.length === 0) return [];
    const docs = await retry(() =>
      this.models.mailMessages
        .find({ credentialId: { $in: [...credentialIds] } })
        .sort({ _id: 1 })
        .lean<MailMessageDoc[]>(),
    );
    return docs.map(toMailMessage);
  }

  async listMailMessages(issuerSlug: string, limit: number): Promise<MailMessageRecord[]> {
    const docs = await retry(() =>
      this.models.mailMessages
        .find({ issuerSlug })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .lean<MailMessageDoc[]>(),
    );
    return docs.map(toMailMessage);
  }

  async putIssuerMailSetting(setting: IssuerMailSettingRecord): Promise<void> {
    await upsertByKey(() =>
      this.models.issuerMailSettings.updateOne(
        { issuerSlug: setting.issuerSlug },
        { $set: { enabled: setting.enabled, updatedAt: setting.updatedAt } },
        { upsert: true },
      ),
    );
  }

  async findIssuerMailSetting(issuerSlug: string): Promise<IssuerMailSettingRecord | undefined> {
    const doc = await retry(() =>
      this.models.issuerMailSettings.findOne({ issuerSlug }).lean<IssuerMailSettingDoc>(),
    );
    return doc ? toIssuerMailSetting(doc) : undefined;
  }
}
