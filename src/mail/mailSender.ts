// Sends what the outbox holds when it is due. Each attempt is claimed by insert before anything
// goes out, so two instances on one store never make the same attempt; a failure waits twice as
// long as the one before, up to the configured number of attempts.
import type { Clock } from '../core/clock.js';
import type { KeyEncryption } from '../keys/keyEncryption.js';
import type { Logger } from '../logger.js';
import type { StatusService } from '../status/statusService.js';
import type {
  CredentialRecord,
  CredentialStore,
  MailMessageRecord,
  MailOutcome,
  MailStore,
  MailTemplateStore,
} from '../store/port.js';
import {
  composeMail,
  type OutgoingMail,
  type RenderQrPng,
  type WalletClaimLink,
} from './composeMail.js';
import { composeInvitationMail, readInvitationDetails } from './invitationMail.js';
import { mailLanguage } from './mailTexts.js';
import type { MailTransport } from './mailTransport.js';

/** Messages taken per round; the next round (kicked or on the interval) takes the rest. */
const ROUND_SIZE = 50;
/**
 * An attempt claimed this long ago and never recorded belongs to a sender that stopped (a crash
 * mid-send). It then counts as failed and the next attempt is made: the learner may get the
 * message twice, but never not at all. Far longer than an attempt's own timeouts.
 */
const ABANDONED_AFTER_MS = 10 * 60_000;
const MAX_ERROR_LENGTH = 500;

export interface MailSenderOptions {
  clock: Clock;
  maxAttempts: number;
  retryBaseSeconds: number;
  /** The service's host, the right-hand side of every Message-ID. */
  host: string;
  credentialUrl: (uuid: string) => string;
  /** The learner's private claim page of the credential's automatic wallet offer, if it has one. */
  walletClaimLink: (uuid: string) => Promise<WalletClaimLink | undefined>;
  renderQrPng: RenderQrPng;
}

export class MailSender {
  constructor(
    private readonly store: MailStore &
      Pick<MailTemplateStore, 'findIssuerMailTemplate'> &
      Pick<CredentialStore, 'findCredential' | 'listCredentialsOfLearner'>,
    private readonly status: Pick<StatusService, 'stateOf'>,
    private readonly sealing: Pick<KeyEncryption, 'decrypt'>,
    private readonly transport: MailTransport,
    private readonly logger: Logger,
    private readonly options: MailSenderOptions,
  ) {}

  /** One round: every message due now (up to a round's worth), one after another. */
  async sendDue(): Promise<void> {
    const now = this.options.clock().toISOString();
    for (const message of await this.store.listDueMailMessages(now, ROUND_SIZE)) {
      await this.#attempt(message);
    }
  }

  async #attempt(message: MailMessageRecord): Promise<void> {
    const attemptNo = message.attempts + 1;
    const claimedAt = this.options.clock().toISOString();
    if (!(await this.store.claimMailAttempt({ messageId: message.id, attemptNo, claimedAt }))) {
      await this.#recoverAbandoned(message, attemptNo);
      return;
    }
    if (message.kind === 'staff-invitation') return this.#sendInvitation(message, attemptNo);
    const { kind } = message;
    const record = await this.store.findCredential(message.credentialId);
    if (!record) return this.#skip(message, attemptNo, 'the credential is not stored here');
    const skipReason = await this.#skipReason(message, record);
    if (skipReason) return this.#skip(message, attemptNo, skipReason);
    const to = this.sealing.decrypt(message.sealedRecipient);
    const language = mailLanguage(message.language);
    await this.#send(message, attemptNo, to, async () => {
      // Only the first message carries it: a reminder is about renewing, mostly after the offer ended.
      const claim =
        kind === 'credential-issued' ? await this.options.walletClaimLink(record.id) : undefined;
      // Read at sending, not queueing: a reminder months later says what the issuer says now.
      const template = await this.store.findIssuerMailTemplate(message.issuerSlug, kind, language);
      return composeMail(
        {
          kind,
          id: message.id,
          record,
          url: this.options.credentialUrl(record.id),
          ...(claim ? { claim } : {}),
          language,
          to,
          ...(template ? { template } : {}),
        },
        this.options.renderQrPng,
        this.options.host,
      );
    });
  }

  /** A staff invitation: its sealed details say everything; learner e-mail off does not stop it. */
  async #sendInvitation(message: MailMessageRecord, attemptNo: number): Promise<void> {
    const details = message.sealedDetails
      ? readInvitationDetails(this.sealing.decrypt(message.sealedDetails))
      : undefined;
    if (!details) return this.#skip(message, attemptNo, 'the invitation details are unreadable');
    const to = this.sealing.decrypt(message.sealedRecipient);
    const language = mailLanguage(message.language);
    await this.#send(message, attemptNo, to, async () =>
      composeInvitationMail({ id: message.id, to, language, details }, this.options.host),
    );
  }

  /** Composes and sends; a failure of either is a failed attempt, retried later. */
  async #send(
    message: MailMessageRecord,
    attemptNo: number,
    to: string,
    compose: () => Promise<OutgoingMail>,
  ): Promise<void> {
    try {
      await this.transport.send(await compose());
    } catch (error) {
      await this.#failed(message, attemptNo, describe(error, to));
      return;
    }
    // Outside the try: a failure to record a sent message must not make it look unsent.
    await this.#record(message, attemptNo, {
      state: 'sent',
      attempts: attemptNo,
      nextAttemptAt: message.nextAttemptAt,
      // What an earlier attempt met stays: it explains why this one was needed.
      ...(message.lastError ? { lastError: message.lastError } : {}),
      finishedAt: this.options.clock().toISOString(),
    });
  }

  async #failed(message: MailMessageRecord, attemptNo: number, lastError: string): Promise<void> {
    const now = this.options.clock();
    const giveUp = attemptNo >= this.options.maxAttempts;
    const waitMs = this.options.retryBaseSeconds * 1000 * 2 ** (attemptNo - 1);
    // The id only: the address never reaches the log.
    this.logger.warn(
      { message: message.id, attempt: attemptNo, error: lastError, givenUp: giveUp },
      'learner e-mail not sent',
    );
    await this.#record(message, attemptNo, {
      state: giveUp ? 'failed' : 'queued',
      attempts: attemptNo,
      nextAttemptAt: giveUp
        ? message.nextAttemptAt
        : new Date(now.getTime() + waitMs).toISOString(),
      lastError,
      ...(giveUp ? { finishedAt: now.toISOString() } : {}),
    });
  }

  #skip(message: MailMessageRecord, attemptNo: number, skipReason: string): Promise<void> {
    return this.#record(message, attemptNo, {
      state: 'skipped',
      attempts: message.attempts,
      nextAttemptAt: message.nextAttemptAt,
      skipReason,
      finishedAt: this.options.clock().toISOString(),
    });
  }

  /** A lost claim is someone else's attempt in progress, unless its sender stopped long ago. */
  async #recoverAbandoned(message: MailMessageRecord, attemptNo: number): Promise<void> {
    const claim = await this.store.findMailAttempt(message.id, attemptNo);
    const now = this.options.clock().getTime();
    if (!claim || now - Date.parse(claim.claimedAt) < ABANDONED_AFTER_MS) return;
    await this.#failed(message, attemptNo, 'the sender stopped before the attempt finished');
  }

  /** Why the message should not go out now, if it should not. */
  async #skipReason(
    message: MailMessageRecord,
    record: CredentialRecord,
  ): Promise<string | undefined> {
    if ((await this.store.findIssuerMailSetting(message.issuerSlug))?.enabled === false) {
      return 'the issuer turned learner e-mail off';
    }
    const { state } = await this.status.stateOf(record);
    if (state !== 'active') return `the credential is ${state}`;
    if (message.kind === 'expiry-reminder' && (await this.#renewed(record))) {
      return 'the credential was renewed';
    }
    return undefined;
  }

  async #renewed(record: CredentialRecord): Promise<boolean> {
    if (!record.learnerKey) return false;
    const held = await this.store.listCredentialsOfLearner(record.learnerKey);
    return held.some((other) => other.renewalOf === record.id);
  }

  #record(message: MailMessageRecord, attemptNo: number, outcome: MailOutcome): Promise<void> {
    return this.store.recordMailOutcome(message.id, attemptNo, outcome);
  }
}

/** The error as the issuer may read it: the learner's address taken out, and not too long. */
function describe(error: unknown, address: string): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(address).join('<recipient>').slice(0, MAX_ERROR_LENGTH);
}
