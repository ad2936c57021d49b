// Console sign-in sessions: a random id in the cookie, only its hash stored, each session a
// record made by insert that expires and can be ended here or everywhere.
import type { Clock } from '../core/clock.js';
import { UnauthenticatedError } from '../core/problems.js';
import type { Role } from '../core/roles.js';
import type { StaffRecord, StaffSessionRecord, StaffStore } from '../store/port.js';
import { normalEmail } from './staffInvitations.js';
import { hashPassword, MIN_PASSWORD_LENGTH, passwordMatches } from './passwords.js';
import { csrfTokenOf, hashSecretToken, newSecretToken } from './secretTokens.js';

/** Who is signed in, as pages and routes see it. */
export interface ConsoleSession {
  staffId: string;
  issuerSlug: string;
  email: string;
  role: Role;
  /** Every console form carries it; a POST without it is refused. */
  csrfToken: string;
  expiresAt: string;
}

export interface StartedSession {
  /** For the cookie only: never stored, never logged. */
  sessionId: string;
  session: ConsoleSession;
}

type Store = Pick<
  StaffStore,
  | 'findStaff'
  | 'listStaffByEmail'
  | 'insertStaffSession'
  | 'findStaffSession'
  | 'endStaffSession'
  | 'endSessionsOfStaff'
>;

const HOUR_MS = 3_600_000;
const WRONG = 'the e-mail address or the password is not right';

export class ConsoleSessions {
  // Checked when no account has the e-mail, so a wrong address costs as long as a wrong password.
  #decoy: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly hours: number,
  ) {}

  async start(staff: StaffRecord): Promise<StartedSession> {
    const now = this.clock();
    const sessionId = newSecretToken();
    const record: StaffSessionRecord = {
      idHash: hashSecretToken(sessionId),
      staffId: staff.id,
      issuerSlug: staff.issuerSlug,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.hours * HOUR_MS).toISOString(),
    };
    await this.store.insertStaffSession(record);
    return { sessionId, session: this.#session(sessionId, staff, record) };
  }

  /**
   * The account whose password matches. One e-mail may be on the staff of several issuers; the
   * password picks the account (the oldest, should two share one).
   */
  async signIn(email: string, password: string): Promise<StartedSession> {
    const accounts = await this.store.listStaffByEmail(normalEmail(email));
    if (accounts.length === 0) {
      this.#decoy ??= hashPassword('x'.repeat(MIN_PASSWORD_LENGTH));
      await passwordMatches(await this.#decoy, password);
      throw new UnauthenticatedError(WRONG);
    }
    for (const staff of accounts) {
      if (await passwordMatches(staff.passwordHash, password)) return this.start(staff);
    }
    throw new UnauthenticatedError(WRONG);
  }

  /** The session a cookie names, while it is open; the role is read afresh every time. */
  async resolve(sessionId: string | undefined): Promise<ConsoleSession | undefined> {
    if (!sessionId) return undefined;
    const record = await this.store.findStaffSession(hashSecretToken(sessionId));
    if (!record || record.endedAt !== undefined) return undefined;
    if (Date.parse(record.expiresAt) <= this.clock().getTime()) return undefined;
    const staff = await this.store.findStaff(record.staffId);
    return staff ? this.#session(sessionId, staff, record) : undefined;
  }

  async signOut(sessionId: string): Promise<void> {
    await this.store.endStaffSession(hashSecretToken(sessionId), this.clock().toISOString());
  }

  /** Ends every session of the account, on every device. */
  async signOutEverywhere(session: ConsoleSession): Promise<void> {
    await this.store.endSessionsOfStaff(session.staffId, this.clock().toISOString());
  }

  #session(sessionId: string, staff: StaffRecord, record: StaffSessionRecord): ConsoleSession {
    return {
      staffId: staff.id,
      issuerSlug: staff.issuerSlug,
      email: staff.email,
      role: staff.role,
      csrfToken: csrfTokenOf(sessionId),
      expiresAt: record.expiresAt,
    };
  }
}
