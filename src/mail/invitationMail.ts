// Staff invitations by e-mail, through the learner-mail outbox: queued under the invitation's
// id (claimed by insert, so one invitation is one message) with the link sealed, and composed
// when the sender takes it. It goes out even when the issuer turned learner e-mail off: that
// choice is about learners, and the invitee asked for nothing else.
import type { Language } from '../catalog/catalogTypes.js';
import type { Clock } from '../core/clock.js';
import { isRole, type Role } from '../core/roles.js';
import type { KeyEncryption } from '../keys/keyEncryption.js';
import type { MailStore } from '../store/port.js';
import { escapeHtml, htmlParagraphs, type OutgoingMail } from './composeMail.js';
import { mailDate, mailLanguage, mailText } from './mailTexts.js';

export interface InvitationMailInput {
  invitationId: string;
  issuerSlug: string;
  issuerName: string;
  email: string;
  role: Role;
  /** The single-use link that sets the password. */
  url: string;
  expiresAt: string;
  /** The language the inviter chose (a BCP 47 tag); English when none. */
  language?: string;
}

/** What the sealed details of an invitation message hold. */
interface InvitationDetails {
  url: string;
  issuerName: string;
  role: Role;
  expiresAt: string;
}

export const invitationMessageId = (invitationId: string): string =>
  `staff-invitation:${invitationId}`;

export class InvitationMail {
  constructor(
    private readonly store: Pick<MailStore, 'queueMailMessage'>,
    private readonly sealing: Pick<KeyEncryption, 'encrypt'>,
    private readonly clock: Clock,
    /** Called after something was queued, so the sender runs now. */
    private readonly onQueued: () => void,
  ) {}

  /** Queues the invitation's one message; false when it was queued before. */
  async queue(input: InvitationMailInput): Promise<boolean> {
    const now = this.clock().toISOString();
    const details: InvitationDetails = {
      url: input.url,
      issuerName: input.issuerName,
      role: input.role,
      expiresAt: input.expiresAt,
    };
    const queued = await this.store.queueMailMessage({
      id: invitationMessageId(input.invitationId),
      kind: 'staff-invitation',
      issuerSlug: input.issuerSlug,
      credentialId: input.invitationId,
      language: mailLanguage(input.language),
      sealedRecipient: this.sealing.encrypt(input.email),
      sealedDetails: this.sealing.encrypt(JSON.stringify(details)),
      state: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    });
    if (queued) this.onQueued();
    return queued;
  }
}

/** The details the message was queued with, or undefined when they cannot be read. */
export function readInvitationDetails(json: string): InvitationDetails | undefined {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) return undefined;
  const { url, issuerName, role, expiresAt } = value as Record<string, unknown>;
  if (typeof url !== 'string' || typeof issuerName !== 'string') return undefined;
  if (typeof role !== 'string' || !isRole(role) || typeof expiresAt !== 'string') return undefined;
  return { url, issuerName, role, expiresAt };
}

export function composeInvitationMail(
  content: { id: string; to: string; language: Language; details: InvitationDetails },
  host: string,
): OutgoingMail {
  const { language, details } = content;
  const values = {
    issuer: details.issuerName,
    role: mailText(language, `role.${details.role}`, {}),
    url: details.url,
    date: mailDate(details.expiresAt, language),
  };
  const subject = mailText(language, 'invitation.subject', values);
  const body = mailText(language, 'invitation.body', values);
  const footer = mailText(language, 'invitation.footer', values);
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">`,
    `<title>${escapeHtml(subject)}</title></head><body>`,
    htmlParagraphs(body, [details.url]),
    `<p><small>${escapeHtml(footer)}</small></p>`,
    '</body></html>',
  ].join('\n');
  return {
    messageId: `<${content.id.replace(':', '.')}@${host}>`,
    to: content.to,
    subject,
    text: `${body}\n\n--\n${footer}\n`,
    html,
    attachments: [],
  };
}
