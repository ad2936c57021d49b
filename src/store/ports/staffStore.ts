// Issuer staff for the console: invitations, accounts and sign-in sessions. Each secret (the
// invitation token, the session id) is stored only as its SHA-256; every uniqueness is a key
// claimed by insert.
import type { Role } from '../../core/roles.js';

export interface StaffInvitationRecord {
  id: string;
  /** SHA-256 of the token in the invitation link. */
  tokenHash: string;
  issuerSlug: string;
  /** Lower-cased. */
  email: string;
  role: Role;
  /** Who invited: "admin" or the issuer acting with its own key. */
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

export interface StaffRecord {
  id: string;
  issuerSlug: string;
  /** Lower-cased; unique per issuer. */
  email: string;
  role: Role;
  /** argon2id, in the PHC string format (it carries its own salt and parameters). */
  passwordHash: string;
  /** The invitation this account was made from; unique, so an invitation is used once. */
  invitationId: string;
  createdAt: string;
}

export interface StaffSessionRecord {
  /** SHA-256 of the session id the cookie carries. */
  idHash: string;
  staffId: string;
  issuerSlug: string;
  createdAt: string;
  expiresAt: string;
  /** Set when signed out (here or everywhere); an ended session is refused. */
  endedAt?: string;
}

export interface StaffStore {
  /** Throws DuplicateKeyError when the id or token hash is taken. */
  insertStaffInvitation(invitation: StaffInvitationRecord): Promise<void>;
  findStaffInvitationByTokenHash(tokenHash: string): Promise<StaffInvitationRecord | undefined>;
  /**
   * Throws DuplicateKeyError when the issuer has staff of this e-mail, or the invitation was
   * used: the one insert claims both.
   */
  insertStaff(staff: StaffRecord): Promise<void>;
  findStaff(id: string): Promise<StaffRecord | undefined>;
  /** Every account of this (lower-cased) e-mail, at any issuer, oldest first. */
  listStaffByEmail(email: string): Promise<StaffRecord[]>;
  /** Throws DuplicateKeyError when the id hash is taken. */
  insertStaffSession(session: StaffSessionRecord): Promise<void>;
  findStaffSession(idHash: string): Promise<StaffSessionRecord | undefined>;
  /** Ends one session (the first end's time stays). */
  endStaffSession(idHash: string, endedAt: string): Promise<void>;
  /** Ends every open session of the account. */
  endSessionsOfStaff(staffId: string, endedAt: string): Promise<void>;
  /** The issuer's accounts, oldest first. */
  listStaffOfIssuer(issuerSlug: string): Promise<StaffRecord[]>;
  /** The issuer's invitations, used or not, oldest first. */
  listStaffInvitationsOfIssuer(issuerSlug: string): Promise<StaffInvitationRecord[]>;
  /** The account's role from now on; false when the issuer has no such account. */
  updateStaffRole(issuerSlug: string, staffId: string, role: Role): Promise<boolean>;
  /**
   * Removes the account with its sessions and the invitation it was made from, so that link
   * cannot make it again; false when the issuer has no such account.
   */
  removeStaff(issuerSlug: string, staffId: string): Promise<boolean>;
  /** Withdraws an invitation not used yet; false when there is none such (or it was used). */
  removeStaffInvitation(issuerSlug: string, invitationId: string): Promise<boolean>;
}
