// Learner e-mail's outbox, attempts and issuer settings in SQLite.
import {
  MAIL_KINDS,
  MAIL_STATES,
  type IssuerMailSettingRecord,
  type MailAttemptRecord,
  type MailKind,
  type MailMessageRecord,
  type MailOutcome,
  type MailState,
  type MailStore,
} from '../ports/mailStore.js';
import type { SqliteDatabase } from './database.js';
import { optional, type Row } from './rows.js';
import { insertIfAbsent } from './uniqueKeys.js';

function toMailState(value: unknown): MailState {
  const state = MAIL_STATES.find((candidate) => candidate === value);
  if (!state) throw new Error(`unknown mail state ${String(value)}`);
  return state;
}

function toMailKind(value: unknown): MailKind {
  const kind = MAIL_KINDS.find((candidate) => candidate === value);
  if (!kind) throw new Error(`unknown mail kind ${String(value)}`);
  return kind;
}

export function toMailMessage(row: Row): MailMessageRecord {
  const kind = toMailKind(row.kind);
  return {
    id: String(row.id),
    kind,
    issuerSlug: String(row.issuer_slug),
    credentialId: String(row.credential_id),
    language: String(row.language),
    sealedRecipient: String(row.sealed_recipient),
    sealedDetails: optional(row.sealed_details),
    state: toMailState(row.state),
    attempts: Number(row.attempts),
    nextAttemptAt: String(row.next_attempt_at),
    lastError: optional(row.last_error),
    skipReason: optional(row.skip_reason),
    createdAt: String(row.created_at),
    finishedAt: optional(row.finished_at),
  };
}

export function toMailAttempt(row: Row): MailAttemptRecord {
  return {
    messageId: String(row.message_id),
    attemptNo: Number(row.attempt_no),
    claimedAt: String(row.claimed_at),
  };
}

export function toIssuerMailSetting(row: Row): IssuerMailSettingRecord {
  return {
    issuerSlug: String(row.issuer_slug),
    enabled: Number(row.enabled) === 1,
    updatedAt: String(row.updated_at),
  };
}

export function insertMailAttemptRow(db: SqliteDatabase, attempt: MailAttemptRecord): void {
  db.run(
    'INSERT INTO mail_attempts (message_id, attempt_no, claimed_at) VALUES (?, ?, ?)',
    attempt.messageId,
    attempt.attemptNo,
    attempt.claimedAt,
  );
}

/** Inserts a setting as it is (a record moved by migrate); an existing one is a duplicate. */
export function insertIssuerMailSettingRow(
  db: SqliteDatabase,
  setting: IssuerMailSettingRecord,
): void {
  db.run(
    'INSERT INTO issuer_mail_settings (issuer_slug, enabled, updated_at) VALUES (?, ?, ?)',
    setting.issuerSlug,
    setting.enabled ? 1 : 0,
    setting.updatedAt,
  );
}

export function insertMailMessageRow(db: SqliteDatabase, message: MailMessageRecord): void {
  db.run(
    `INSERT INTO mail_messages
       (id, kind, issuer_slug, credential_id, language, sealed_recipient, sealed_details, state,
        attempts, next_attempt_at, last_error, skip_reason, created_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    message.id,
    message.kind,
    message.issuerSlug,
    message.credentialId,
    message.language,
    message.sealedRecipient,
    message.sealedDetails ?? null,
    message.state,
    message.attempts,
    message.nextAttemptAt,
    message.lastError ?? null,
    message.skipReason ?? null,
    message.createdAt,
    message.finishedAt ?? null,
  );
}

export class SqliteMailStore implements MailStore {
  constructor(private readonly db: SqliteDatabase) {}

  async queueMailMessage(message: MailMessageRecord): Promise<boolean> {
    return insertIfAbsent(() => insertMailMessageRow(this.db, message));
  }

  async listDueMailMessages(now: string, limit: number): Promise<MailMessageRecord[]> {
    return this.db
      .all(
        `SELECT * FROM mail_messages WHERE state = 'queued' AND next_attempt_at <= ?
         ORDER BY next_attempt_at, rowid LIMIT ?`,
        now,
        limit,
      )
      .map(toMailMessage);
  }

  async countMailMessagesByState(): Promise<Record<MailState, number>> {
    const counts = Object.fromEntries(MAIL_STATES.map((state) => [state, 0])) as Record<
      MailState,
      number
    >;
    for (const row of this.db.all(
      'SELECT state, COUNT(*) AS n FROM mail_messages GROUP BY state',
    )) {
      counts[toMailState(row.state)] = Number(row.n);
    }
    return counts;
  }

  async claimMailAttempt(attempt: MailAttemptRecord): Promise<boolean> {
    return insertIfAbsent(() => insertMailAttemptRow(this.db, attempt));
  }

  async findMailAttempt(
    messageId: string,
    attemptNo: number,
  ): Promise<MailAttemptRecord | undefined> {
    const row = this.db.get(
      'SELECT * FROM mail_attempts WHERE message_id = ? AND attempt_no = ?',
      messageId,
      attemptNo,
    );
    return row ? toMailAttempt(row) : undefined;
  }

  async recordMailOutcome(
    messageId: string,
    attemptNo: number,
    outcome: MailOutcome,
  ): Promise<void> {
    this.db.run(
      `UPDATE mail_messages
         SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, skip_reason = ?,
             finished_at = ?
       WHERE id = ? AND state = 'queued' AND attempts < ?`,
      outcome.state,
      outcome.attempts,
      outcome.nextAttemptAt,
      outcome.lastError ?? null,
      outcome.skipReason ?? null,
      outcome.finishedAt ?? null,
      messageId,
      attemptNo,
    );
  }

  async listMailMessagesForCredentials(
    credentialIds: readonly string[],
  ): Promise<MailMessageRecord[]> {
    if (credentialIds.length === 0) return [];
    return this.db
      .all(
        `SELECT * FROM mail_messages WHERE credential_id IN (SELECT value FROM json_each(?))
         ORDER BY rowid`,
        JSON.stringify(credentialIds),
      )
      .map(toMailMessage);
  }

  async listMailMessages(issuerSlug: string, limit: number): Promise<MailMessageRecord[]> {
    return this.db
      .all(
        `SELECT * FROM mail_messages WHERE issuer_slug = ?
         ORDER BY created_at DESC, rowid DESC LIMIT ?`,
        issuerSlug,
        limit,
      )
      .map(toMailMessage);
  }

  async putIssuerMailSetting(setting: IssuerMailSettingRecord): Promise<void> {
    this.db.run(
      `INSERT INTO issuer_mail_settings (issuer_slug, enabled, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (issuer_slug) DO UPDATE SET enabled = excluded.enabled,
         updated_at = excluded.updated_at`,
      setting.issuerSlug,
      setting.enabled ? 1 : 0,
      setting.updatedAt,
    );
  }

  async findIssuerMailSetting(issuerSlug: string): Promise<IssuerMailSettingRecord | undefined> {
    const row = this.db.get('SELECT * FROM issuer_mail_settings WHERE issuer_slug = ?', issuerSlug);
    return row ? toIssuerMailSetting(row) : undefined;
  }
}
