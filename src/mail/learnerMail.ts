// Learner e-mail, the use case: each credential issued to an e-mail address queues one message
// (and its expiry reminder), unless the issuer turned e-mail off. Queueing is claimed by insert
// under an id made of what it is about, so an event told twice queues nothing new.
import type { Clock } from '../core/clock.js';
import { credentialIdOf, uuidOfCredentialId } from '../core/ids.js';
import type { IssuedEvent, ServiceEvent } from '../events/serviceEvents.js';
import { achievementOf } from '../credentials/fields.js';
import { credentialJson } from '../credentials/subjectOf.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type { KeyEncryption } from '../keys/keyEncryption.js';
import type {
  CredentialRecord,
  MailKind,
  MailMessageRecord,
  MailState,
  MailStore,
} from '../store/port.js';
import { mailLanguage } from './mailTexts.js';

const DAY_MS = 86_400_000;
const OUTBOX_LIMIT = 100;

export interface MailStateView {
  state: MailState;
  attempts: number;
  lastError?: string;
}

/** A message as the issuer may see it: what it is about and how it went, never the address. */
export interface OutboxEntry {
  id: string;
  kind: MailKind;
  credential: string;
  language: string;
  state: MailState;
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  skipReason?: string;
  createdAt: string;
  finishedAt?: string;
}

export interface LearnerMailOptions {
  clock: Clock;
  /** Days before validUntil that a reminder goes out; 0 queues none. */
  reminderDays: number;
  /** Where mail goes (an SMTP server, or files), for the start-up log. */
  destination: string;
  /** Called after something was queued, so the sender runs now instead of on its interval. */
  onQueued: () => void;
  /**
   * Makes the credential's wallet claim offer when its issuer has walletClaim on (and does
   * nothing otherwise, or when it was made already): the sender then puts its link in the message.
   */
  makeWalletOffer: (record: CredentialRecord) => Promise<void>;
}

export const messageIdOf = (kind: MailKind, credentialUuid: string): string =>
  `${kind}:${credentialUuid}`;

function stated(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export class LearnerMail {
  constructor(
    private readonly store: MailStore,
    private readonly issuers: Pick<IssuerService, 'get'>,
    private readonly sealing: Pick<KeyEncryption, 'encrypt'>,
    private readonly options: LearnerMailOptions,
  ) {}

  get destination(): string {
    return this.options.destination;
  }

  /** The ServiceEvents follower. */
  async follow(event: ServiceEvent): Promise<void> {
    // Tier awards are told as credential.issued too: following only that sends one per credential.
    if (event.type !== 'credential.issued') return;
    const { recipient } = event;
    if (!recipient || !('email' in recipient)) return;
    if (!(await this.isEnabled(event.issuerSlug))) return;
    // The offer is made here, before the message is queued, rather than left to the wallet
    // follower: followers run one after another in the order they followed, and a message queued
    // first could be sent before the offer exists, without its link. Made here, every message
    // queued for a walletClaim issuer has its offer stored before it, whatever the order, however
    // many instances send; both inserts are claimed by ids made of the credential's, so the
    // follower that comes second, or the same event told again, adds nothing.
    await this.options.makeWalletOffer(event.record);
    if (await this.#queue(event, recipient.email.trim())) this.options.onQueued();
  }

  async #queue(event: IssuedEvent, address: string): Promise<boolean> {
    const { record } = event;
    const now = this.options.clock();
    const base = {
      issuerSlug: event.issuerSlug,
      credentialId: record.id,
      language: mailLanguage(
        event.language ?? stated(achievementOf(credentialJson(record)).inLanguage),
      ),
      sealedRecipient: this.sealing.encrypt(address),
      state: 'queued',
      attempts: 0,
      createdAt: now.toISOString(),
    } satisfies Partial<MailMessageRecord>;
    const queued = await this.store.queueMailMessage({
      ...base,
      id: messageIdOf('credential-issued', record.id),
      kind: 'credential-issued',
      nextAttemptAt: now.toISOString(),
    });
    const remindAt = this.#reminderTime(record.validUntil);
    // A credential that ends sooner than the reminder would go gets none: it would arrive with
    // the first message.
    if (remindAt && remindAt > now) {
      await this.store.queueMailMessage({
        ...base,
        id: messageIdOf('expiry-reminder', record.id),
        kind: 'expiry-reminder',
        nextAttemptAt: remindAt.toISOString(),
      });
    }
    return queued;
  }

  #reminderTime(validUntil: string | undefined): Date | undefined {
    if (!validUntil || this.options.reminderDays === 0) return undefined;
    return new Date(Date.parse(validUntil) - this.options.reminderDays * DAY_MS);
  }

  /** On unless the issuer turned it off. */
  async isEnabled(issuerSlug: string): Promise<boolean> {
    return (await this.store.findIssuerMailSetting(issuerSlug))?.enabled ?? true;
  }

  async setting(slug: string): Promise<{ slug: string; enabled: boolean }> {
    await this.issuers.get(slug);
    return { slug, enabled: await this.isEnabled(slug) };
  }

  /** Turns the issuer's learner e-mail on or off; off also stops reminders already queued. */
  async setEnabled(slug: string, enabled: boolean): Promise<{ slug: string; enabled: boolean }> {
    await this.issuers.get(slug);
    await this.store.putIssuerMailSetting({
      issuerSlug: slug,
      enabled,
      updatedAt: this.options.clock().toISOString(),
    });
    return { slug, enabled };
  }

  /**
   * How the first message about each credential went, by the id asked with (a UUID or its
   * urn:uuid: form); credentials without one (no address, e-mail off) are absent.
   */
  async statesFor(credentialIds: readonly string[]): Promise<Map<string, MailStateView>> {
    const uuidOf = (id: string) => uuidOfCredentialId(id) ?? id.toLowerCase();
    const messages = await this.store.listMailMessagesForCredentials(credentialIds.map(uuidOf));
    const byUuid = new Map(
      messages
        .filter((message) => message.kind === 'credential-issued')
        .map((message) => [message.credentialId, message]),
    );
    const states = new Map<string, MailStateView>();
    for (const id of credentialIds) {
      const message = byUuid.get(uuidOf(id));
      if (!message) continue;
      states.set(id, {
        state: message.state,
        attempts: message.attempts,
        ...(message.lastError ? { lastError: message.lastError } : {}),
      });
    }
    return states;
  }

  /** The issuer's latest messages, newest first. */
  async outbox(slug: string): Promise<OutboxEntry[]> {
    await this.issuers.get(slug);
    const messages = await this.store.listMailMessages(slug, OUTBOX_LIMIT);
    // Staff invitations share the outbox but are about no credential: not learner e-mail.
    const learners = messages.filter((message) => message.kind !== 'staff-invitation');
    return learners.map((message) => ({
      id: message.id,
      kind: message.kind,
      credential: credentialIdOf(message.credentialId),
      language: message.language,
      state: message.state,
      attempts: message.attempts,
      ...(message.state === 'queued' ? { nextAttemptAt: message.nextAttemptAt } : {}),
      ...(message.lastError ? { lastError: message.lastError } : {}),
      ...(message.skipReason ? { skipReason: message.skipReason } : {}),
      createdAt: message.createdAt,
      ...(message.finishedAt ? { finishedAt: message.finishedAt } : {}),
    }));
  }
}
