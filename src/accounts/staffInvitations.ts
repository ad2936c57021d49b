// Staff invitations: an admin (or the issuer's own key) invites an e-mail with a role; the link
// carries a single-use token, stored only as its hash, which expires. Accepting it makes the
// account, and that one insert is what uses the invitation up.
import type { Clock } from '../core/clock.js';
import { ConflictError, NotFoundError, ProblemError } from '../core/problems.js';
import type { Role } from '../core/roles.js';
import type { IssuerService } from '../issuers/issuerService.js';
import {
  DuplicateKeyError,
  type StaffInvitationRecord,
  type StaffRecord,
  type StaffStore,
} from '../store/port.js';
import { hashPassword } from './passwords.js';
import { hashSecretToken, newSecretToken } from './secretTokens.js';

export interface InvitationInput {
  email: string;
  role: Role;
  /** The language the invitation e-mail is written in (a BCP 47 tag); English when none. */
  language?: string;
}

/** Where the invitation e-mail is queued (src/mail's outbox): once per invitation. */
export interface InvitationMailer {
  queue(message: {
    invitationId: string;
    issuerSlug: string;
    issuerName: string;
    email: string;
    role: Role;
    url: string;
    expiresAt: string;
    language?: string;
  }): Promise<boolean>;
}

/** An invitation as the inviter and the invitee see it: never the token, nor its hash. */
export interface InvitationView {
  id: string;
  issuerSlug: string;
  issuerName: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

type Store = Pick<
  StaffStore,
  'insertStaffInvitation' | 'findStaffInvitationByTokenHash' | 'insertStaff' | 'listStaffByEmail'
>;

const DAY_MS = 86_400_000;

export const normalEmail = (email: string): string => email.trim().toLowerCase();

export class StaffInvitations {
  constructor(
    private readonly store: Store,
    private readonly issuers: Pick<IssuerService, 'get'>,
    private readonly clock: Clock,
    private readonly validDays: number,
    private readonly mailer: InvitationMailer,
    /** The console page a token opens (its absolute URL). */
    private readonly linkOf: (token: string) => string,
  ) {}

  /**
   * Queues the invitation e-mail to the address, and answers the link once to whoever invited
   * (for an admin who hands it over another way); only the token's hash is kept.
   */
  async invite(
    slug: string,
    input: InvitationInput,
    invitedBy: string,
  ): Promise<{ invitation: InvitationView; url: string }> {
    const issuer = await this.issuers.get(slug);
    const email = normalEmail(input.email);
    // An early, friendly answer; the account's own unique key is what holds the rule.
    if (await this.#hasAccount(slug, email)) {
      throw new ConflictError(`${email} is already on the staff of "${slug}"`, 'staff-exists');
    }
    const now = this.clock();
    const token = newSecretToken();
    const record: StaffInvitationRecord = {
      id: crypto.randomUUID(),
      tokenHash: hashSecretToken(token),
      issuerSlug: slug,
      email,
      role: input.role,
      invitedBy,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.validDays * DAY_MS).toISOString(),
    };
    await this.store.insertStaffInvitation(record);
    const url = this.linkOf(token);
    // After the invitation is stored: a message never names a link that opens nothing.
    await this.mailer.queue({
      invitationId: record.id,
      issuerSlug: slug,
      issuerName: issuer.name,
      email,
      role: record.role,
      url,
      expiresAt: record.expiresAt,
      ...(input.language !== undefined ? { language: input.language } : {}),
    });
    return { invitation: this.#view(record, issuer.name), url };
  }

  /** The invitation a link names, while it can still be accepted. */
  async open(token: string): Promise<InvitationView> {
    const record = await this.store.findStaffInvitationByTokenHash(hashSecretToken(token));
    if (!record) throw new NotFoundError('this invitation link is not known here');
    if (await this.#hasAccount(record.issuerSlug, record.email)) {
      throw new ConflictError(
        `this invitation has been used: ${record.email} has an account; sign in instead`,
        'invitation-used',
      );
    }
    if (Date.parse(record.expiresAt) <= this.clock().getTime()) {
      throw new ProblemError(
        'invitation-expired',
        `this invitation expired at ${record.expiresAt}; ask for a new one`,
      );
    }
    const issuer = await this.issuers.get(record.issuerSlug);
    return this.#view(record, issuer.name);
  }

  /** Makes the account with its password; a second use of the link finds the key taken. */
  async accept(token: string, password: string): Promise<StaffRecord> {
    const invitation = await this.open(token);
    const staff: StaffRecord = {
      id: crypto.randomUUID(),
      issuerSlug: invitation.issuerSlug,
      email: invitation.email,
      role: invitation.role,
      passwordHash: await hashPassword(password),
      invitationId: invitation.id,
      createdAt: this.clock().toISOString(),
    };
    try {
      await this.store.insertStaff(staff);
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw new ConflictError(
          `this invitation has been used: ${invitation.email} has an account; sign in instead`,
          'invitation-used',
        );
      }
      throw error;
    }
    return staff;
  }

  async #hasAccount(slug: string, email: string): Promise<boolean> {
    return (await this.store.listStaffByEmail(email)).some((staff) => staff.issuerSlug === slug);
  }

  #view(record: StaffInvitationRecord, issuerName: string): InvitationView {
    const { tokenHash: _hash, invitedBy: _by, ...shown } = record;
    return { ...shown, issuerName };
  }
}
