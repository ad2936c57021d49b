// Learner e-mail: the outbox and each issuer's choice to send it. A message's id is its unique
// key (`credential-issued:<credentialId>`), so queueing the same thing twice queues it once; each
// send attempt is a unique (message, attempt number) claimed by insert, so instances sharing one
// store never make the same attempt twice. A staff invitation goes through the same outbox
// (`staff-invitation:<invitationId>`): one invitation, one message.

export type MailKind = 'credential-issued' | 'expiry-reminder' | 'staff-invitation';
export const MAIL_KINDS: readonly MailKind[] = [
  'credential-issued',
  'expiry-reminder',
  'staff-invitation',
];
export type MailState = 'queued' | 'sent' | 'failed' | 'skipped';
export const MAIL_STATES: readonly MailState[] = ['queued', 'sent', 'failed', 'skipped'];

export interface MailMessageRecord {
  /** `<kind>:<credentialId>`: the unique key a queueing claims. */
  id: string;
  kind: MailKind;
  issuerSlug: string;
  /** The credential's UUID (its record id); for a staff invitation, the invitation's id. */
  credentialId: string;
  /** The language the message is written in (en, zh-TW or ja). */
  language: string;
  /** The learner's address, encrypted at rest (keys/keyEncryption.ts). */
  sealedRecipient: string;
  /**
   * What a message about no credential says (a staff invitation: its link, the issuer's name,
   * the role), as JSON encrypted at rest: the link is a secret until it is used.
   */
  sealedDetails?: string;
  state: MailState;
  /** Attempts made so far. */
  attempts: number;
  /** While queued: the earliest time of the next attempt (for a reminder, first its send date). */
  nextAttemptAt: string;
  lastError?: string;
  /** Why a message was not sent (the credential was revoked, e-mail was turned off…). */
  skipReason?: string;
  createdAt: string;
  /** When it was sent, given up or skipped. */
  finishedAt?: string;
}

export interface MailAttemptRecord {
  messageId: string;
  /** 1 for the first attempt. */
  attemptNo: number;
  claimedAt: string;
}

/** What an attempt did to its message. */
export interface MailOutcome {
  state: MailState;
  /** The attempt's number when it tried to send; one less when it decided not to (skipped). */
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  skipReason?: string;
  finishedAt?: string;
}

export interface IssuerMailSettingRecord {
  issuerSlug: string;
  enabled: boolean;
  updatedAt: string;
}

export interface MailStore {
  /** Inserts a queued message; false (and nothing written) when its id is already taken. */
  queueMailMessage(message: MailMessageRecord): Promise<boolean>;
  /** Queued messages whose next attempt is due at `now`, earliest first. */
  listDueMailMessages(now: string, limit: number): Promise<MailMessageRecord[]>;
  /** Claims an attempt by insert; false when another sender claimed it first. */
  claimMailAttempt(attempt: MailAttemptRecord): Promise<boolean>;
  findMailAttempt(messageId: string, attemptNo: number): Promise<MailAttemptRecord | undefined>;
  /**
   * Records the outcome of attempt `attemptNo` (the claim's holder is the only writer of it);
   * ignored unless the message is still queued with fewer attempts than that.
   */
  recordMailOutcome(messageId: string, attemptNo: number, outcome: MailOutcome): Promise<void>;
  /** The messages about these credentials (record ids), any kind. */
  listMailMessagesForCredentials(credentialIds: readonly string[]): Promise<MailMessageRecord[]>;
  /** The issuer's latest messages, newest first. */
  listMailMessages(issuerSlug: string, limit: number): Promise<MailMessageRecord[]>;
  /** How many messages are in each state now (every state named, 0 when none). */
  countMailMessagesByState(): Promise<Record<MailState, number>>;
  /** The issuer's choice replaces any earlier one. */
  putIssuerMailSetting(setting: IssuerMailSettingRecord): Promise<void>;
  findIssuerMailSetting(issuerSlug: string): Promise<IssuerMailSettingRecord | undefined>;
}
