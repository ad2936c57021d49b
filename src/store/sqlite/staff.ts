// Issuer staff, their invitations and sessions in SQLite.
import { isRole, type Role } from '../../core/roles.js';
import type {
  StaffInvitationRecord,
  StaffRecord,
  StaffSessionRecord,
  StaffStore,
} from '../ports/staffStore.js';
import type { SqliteDatabase } from './database.js';
import { optional, type Row } from './rows.js';
import { insertOrDuplicate } from './uniqueKeys.js';

function roleOf(value: unknown): Role {
  const role = String(value);
  // The column's CHECK admits only roles; this narrows the type.
  if (!isRole(role)) throw new Error(`stored staff role "${role}" is not a role`);
  return role;
}

export function toStaffInvitation(row: Row): StaffInvitationRecord {
  return {
    id: String(row.id),
    tokenHash: String(row.token_hash),
    issuerSlug: String(row.issuer_slug),
    email: String(row.email),
    role: roleOf(row.role),
    invitedBy: String(row.invited_by),
    createdAt: String(row.created_at),
    expiresAt: String(row.expires_at),
  };
}

export function toStaff(row: Row): StaffRecord {
  return {
    id: String(row.id),
    issuerSlug: String(row.issuer_slug),
    email: String(row.email),
    role: roleOf(row.role),
    passwordHash: String(row.password_hash),
    invitationId: String(row.invitation_id),
    createdAt: String(row.created_at),
  };
}

export function toStaffSession(row: Row): StaffSessionRecord {
  return {
    idHash: String(row.id_hash),
    staffId: String(row.staff_id),
    issuerSlug: String(row.issuer_slug),
    createdAt: String(row.created_at),
    expiresAt: String(row.expires_at),
    endedAt: optional(row.ended_at),
  };
}

export function insertStaffInvitationRow(db: SqliteDatabase, record: StaffInvitationRecord): void {
  db.run(
    `INSERT INTO staff_invitations
       (id, token_hash, issuer_slug, email, role, invited_by, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    record.id,
    record.tokenHash,
    record.issuerSlug,
    record.email,
    record.role,
    record.invitedBy,
    record.createdAt,
    record.expiresAt,
  );
}

export function insertStaffRow(db: SqliteDatabase, record: StaffRecord): void {
  db.run(
    `INSERT INTO staff (id, issuer_slug, email, role, password_hash, invitation_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    record.id,
    record.issuerSlug,
    record.email,
    record.role,
    record.passwordHash,
    record.invitationId,
    record.createdAt,
  );
}

export function insertStaffSessionRow(db: SqliteDatabase, record: StaffSessionRecord): void {
  db.run(
    `INSERT INTO staff_sessions (id_hash, staff_id, issuer_slug, created_at, expires_at, ended_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    record.idHash,
    record.staffId,
    record.issuerSlug,
    record.createdAt,
    record.expiresAt,
    record.endedAt ?? null,
  );
}

export class SqliteStaffStore implements StaffStore {
  constructor(private readonly db: SqliteDatabase) {}

  async insertStaffInvitation(invitation: StaffInvitationRecord): Promise<void> {
    insertOrDuplicate('staff_invitations', () => insertStaffInvitationRow(this.db, invitation));
  }

  async findStaffInvitationByTokenHash(
    tokenHash: string,
  ): Promise<StaffInvitationRecord | undefined> {
    const row = this.db.get('SELECT * FROM staff_invitations WHERE token_hash = ?', tokenHash);
    return row ? toStaffInvitation(row) : undefined;
  }

  async insertStaff(staff: StaffRecord): Promise<void> {
    insertOrDuplicate('staff', () => insertStaffRow(this.db, staff));
  }

  async findStaff(id: string): Promise<StaffRecord | undefined> {
    const row = this.db.get('SELECT * FROM staff WHERE id = ?', id);
    return row ? toStaff(row) : undefined;
  }

  async listStaffByEmail(email: string): Promise<StaffRecord[]> {
    return this.db
      .all('SELECT * FROM staff WHERE email = ? ORDER BY created_at, rowid', email)
      .map(toStaff);
  }

  async insertStaffSession(session: StaffSessionRecord): Promise<void> {
    insertOrDuplicate('staff_sessions', () => insertStaffSessionRow(this.db, session));
  }

  async findStaffSession(idHash: string): Promise<StaffSessionRecord | undefined> {
    const row = this.db.get('SELECT * FROM staff_sessions WHERE id_hash = ?', idHash);
    return row ? toStaffSession(row) : undefined;
  }

  async endStaffSession(idHash: string, endedAt: string): Promise<void> {
    this.db.run(
      'UPDATE staff_sessions SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL',
      endedAt,
      idHash,
    );
  }

  async endSessionsOfStaff(staffId: string, endedAt: string): Promise<void> {
    this.db.run(
      'UPDATE staff_sessions SET ended_at = ? WHERE staff_id = ? AND ended_at IS NULL',
      endedAt,
      staffId,
    );
  }

  async listStaffOfIssuer(issuerSlug: string): Promise<StaffRecord[]> {
    return this.db
      .all('SELECT * FROM staff WHERE issuer_slug = ? ORDER BY created_at, rowid', issuerSlug)
      .map(toStaff);
  }

  async listStaffInvitationsOfIssuer(issuerSlug: string): Promise<StaffInvitationRecord[]> {
    return this.db
      .all(
        'SELECT * FROM staff_invitations WHERE issuer_slug = ? ORDER BY created_at, rowid',
        issuerSlug,
      )
      .map(toStaffInvitation);
  }

  async updateStaffRole(issuerSlug: string, staffId: string, role: Role): Promise<boolean> {
    const found = this.db.get(
      'SELECT id FROM staff WHERE id = ? AND issuer_slug = ?',
      staffId,
      issuerSlug,
    );
    if (!found) return false;
    this.db.run('UPDATE staff SET role = ? WHERE id = ?', role, staffId);
    return true;
  }

  async removeStaff(issuerSlug: string, staffId: string): Promise<boolean> {
    const row = this.db.get(
      'SELECT invitation_id FROM staff WHERE id = ? AND issuer_slug = ?',
      staffId,
      issuerSlug,
    );
    if (!row) return false;
    // Children first: sessions, passkeys and the account reference what they were made from.
    this.db.transaction(() => {
      this.db.run('DELETE FROM staff_sessions WHERE staff_id = ?', staffId);
      this.db.run('DELETE FROM staff_passkeys WHERE staff_id = ?', staffId);
      this.db.run('DELETE FROM staff WHERE id = ?', staffId);
      this.db.run('DELETE FROM staff_invitations WHERE id = ?', row.invitation_id);
    });
    return true;
  }

  async removeStaffInvitation(issuerSlug: string, invitationId: string): Promise<boolean> {
    const unused = this.db.get(
      `SELECT id FROM staff_invitations i WHERE id = ? AND issuer_slug = ?
         AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.invitation_id = i.id)`,
      invitationId,
      issuerSlug,
    );
    if (!unused) return false;
    this.db.run('DELETE FROM staff_invitations WHERE id = ?', invitationId);
    return true;
  }
}
