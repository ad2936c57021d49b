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
  ) {}

  /** The token is answered once, to whoever invited; only its hash is kept. */
  async invite(
    slug: string,
    input: InvitationInput,
    invitedBy: string,
  ): Promise<{ invitation: InvitationView; token: string }> {
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
    return { invitation: this.#view(record, issuer.name), token };
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
