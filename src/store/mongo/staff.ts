// Issuer staff, their invitations and sessions in MongoDB.
import type { Role } from '../../core/roles.js';
import type {
  StaffInvitationRecord,
  StaffRecord,
  StaffSessionRecord,
  StaffStore,
} from '../ports/staffStore.js';
import { insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { Models, StaffDoc, StaffInvitationDoc, StaffSessionDoc } from './models.js';

export function toStaffInvitation(doc: StaffInvitationDoc): StaffInvitationRecord {
  return {
    id: doc.id,
    tokenHash: doc.tokenHash,
    issuerSlug: doc.issuerSlug,
    email: doc.email,
    role: doc.role,
    invitedBy: doc.invitedBy,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
  } satisfies { [K in keyof Required<StaffInvitationRecord>]: StaffInvitationRecord[K] };
}

export function toStaff(doc: StaffDoc): StaffRecord {
  return {
    id: doc.id,
    issuerSlug: doc.issuerSlug,
    email: doc.email,
    role: doc.role,
    passwordHash: doc.passwordHash,
    invitationId: doc.invitationId,
    createdAt: doc.createdAt,
  } satisfies { [K in keyof Required<StaffRecord>]: StaffRecord[K] };
}

export function toStaffSession(doc: StaffSessionDoc): StaffSessionRecord {
  return {
    idHash: doc.idHash,
    staffId: doc.staffId,
    issuerSlug: doc.issuerSlug,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    endedAt: doc.endedAt,
  } satisfies { [K in keyof Required<StaffSessionRecord>]: StaffSessionRecord[K] };
}

export class MongoStaffStore implements StaffStore {
  constructor(private readonly models: Models) {}

  async insertStaffInvitation(invitation: StaffInvitationRecord): Promise<void> {
    await insertOrDuplicate('staff_invitations', () =>
      this.models.staffInvitations.create(invitation),
    );
  }

  async findStaffInvitationByTokenHash(
    tokenHash: string,
  ): Promise<StaffInvitationRecord | undefined> {
    const doc = await retry(() =>
      this.models.staffInvitations.findOne({ tokenHash }).lean<StaffInvitationDoc>(),
    );
    return doc ? toStaffInvitation(doc) : undefined;
  }

  async insertStaff(staff: StaffRecord): Promise<void> {
    await insertOrDuplicate('staff', () => this.models.staff.create(staff));
  }

  async findStaff(id: string): Promise<StaffRecord | undefined> {
    const doc = await retry(() => this.models.staff.findOne({ id }).lean<StaffDoc>());
    return doc ? toStaff(doc) : undefined;
  }

  async listStaffByEmail(email: string): Promise<StaffRecord[]> {
    const docs = await retry(() =>
      this.models.staff.find({ email }).sort({ createdAt: 1, _id: 1 }).lean<StaffDoc[]>(),
    );
    return docs.map(toStaff);
  }

  async insertStaffSession(session: StaffSessionRecord): Promise<void> {
    await insertOrDuplicate('staff_sessions', () => this.models.staffSessions.create(session));
  }

  async findStaffSession(idHash: string): Promise<StaffSessionRecord | undefined> {
    const doc = await retry(() =>
      this.models.staffSessions.findOne({ idHash }).lean<StaffSessionDoc>(),
    );
    return doc ? toStaffSession(doc) : undefined;
  }

  async endStaffSession(idHash: string, endedAt: string): Promise<void> {
    // A conditional $set can safely run twice: the first end's time stays.
    await retry(() =>
      this.models.staffSessions.updateOne(
        { idHash, endedAt: { $exists: false } },
        { $set: { endedAt } },
      ),
    );
  }

  async endSessionsOfStaff(staffId: string, endedAt: string): Promise<void> {
    await retry(() =>
      this.models.staffSessions.updateMany(
        { staffId, endedAt: { $exists: false } },
        { $set: { endedAt } },
      ),
    );
  }

  async listStaffOfIssuer(issuerSlug: string): Promise<StaffRecord[]> {
    const docs = await retry(() =>
      this.models.staff.find({ issuerSlug }).sort({ createdAt: 1, _id: 1 }).lean<StaffDoc[]>(),
    );
    return docs.map(toStaff);
  }

  async listStaffInvitationsOfIssuer(issuerSlug: string): Promise<StaffInvitationRecord[]> {
    const docs = await retry(() =>
      this.models.staffInvitations
        .find({ issuerSlug })
        .sort({ createdAt: 1, _id: 1 })
        .lean<StaffInvitationDoc[]>(),
    );
    return docs.map(toStaffInvitation);
  }

  async updateStaffRole(issuerSlug: string, staffId: string, role: Role): Promise<boolean> {
    // The last owner's choice wins; no invariant rests on the role, it is read afresh each time.
    const result = await retry(() =>
      this.models.staff.updateOne({ id: staffId, issuerSlug }, { $set: { role } }),
    );
    return result.matchedCount > 0;
  }

  async removeStaff(issuerSlug: string, staffId: string): Promise<boolean> {
    const doc = await retry(() =>
      this.models.staff.findOne({ id: staffId, issuerSlug }).lean<StaffDoc>(),
    );
    if (!doc) return false;
    // The link first, then the account (its sessions then resolve to nobody), then the sessions and passkeys:
    // a step that fails leaves the account there to remove again, never a link that remakes it.
    await retry(() => this.models.staffInvitations.deleteOne({ id: doc.invitationId }));
    await retry(() => this.models.staff.deleteOne({ id: staffId }));
    await retry(() => this.models.staffSessions.deleteMany({ staffId }));
    await retry(() => this.models.passkeys.deleteMany({ staffId }));
    return true;
  }

  async removeStaffInvitation(issuerSlug: string, invitationId: string): Promise<boolean> {
    const used = await retry(() => this.models.staff.exists({ invitationId }));
    if (used) return false;
    const result = await retry(() =>
      this.models.staffInvitations.deleteOne({ id: invitationId, issuerSlug }),
    );
    return result.deletedCount > 0;
  }
}
