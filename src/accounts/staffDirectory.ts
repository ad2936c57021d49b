// An issuer's staff as its owners manage them: who is on it (with a role, or invited and not
// yet joined), a role changed, a member removed (their sessions end with the account), an
// invitation withdrawn. An owner never changes or removes their own account here, so a console
// is not left without the person who was using it.
import type { Clock } from '../core/clock.js';
import { ConflictError, NotFoundError } from '../core/problems.js';
import type { Role } from '../core/roles.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type { StaffStore } from '../store/port.js';

export type StaffState = 'active' | 'invited' | 'expired';

export interface StaffEntry {
  /** The account's id when active, the invitation's id otherwise. */
  id: string;
  email: string;
  role: Role;
  state: StaffState;
  /** When the account was made, or the invitation sent. */
  since: string;
  /** Until when an invitation can be used (invited and expired only). */
  expiresAt?: string;
}

type Store = Pick<
  StaffStore,
  | 'listStaffOfIssuer'
  | 'listStaffInvitationsOfIssuer'
  | 'updateStaffRole'
  | 'removeStaff'
  | 'removeStaffInvitation'
>;

export class StaffDirectory {
  constructor(
    private readonly store: Store,
    private readonly issuers: Pick<IssuerService, 'get'>,
    private readonly clock: Clock,
  ) {}

  /** Members first (oldest first), then invitations nobody has used. */
  async list(slug: string): Promise<StaffEntry[]> {
    await this.issuers.get(slug);
    const members = await this.store.listStaffOfIssuer(slug);
    const used = new Set(members.map((member) => member.invitationId));
    const now = this.clock().getTime();
    const invitations = (await this.store.listStaffInvitationsOfIssuer(slug)).filter(
      (invitation) => !used.has(invitation.id),
    );
    return [
      ...members.map((member) => ({
        id: member.id,
        email: member.email,
        role: member.role,
        state: 'active' as const,
        since: member.createdAt,
      })),
      ...invitations.map((invitation) => ({
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        state:
          Date.parse(invitation.expiresAt) <= now ? ('expired' as const) : ('invited' as const),
        since: invitation.createdAt,
        expiresAt: invitation.expiresAt,
      })),
    ];
  }

  async changeRole(
    slug: string,
    staffId: string,
    role: Role,
    actingStaffId: string,
  ): Promise<void> {
    if (staffId === actingStaffId) {
      throw new ConflictError('you cannot change your own role; another owner can', 'own-account');
    }
    if (!(await this.store.updateStaffRole(slug, staffId, role))) throw notFound(slug, staffId);
  }

  /** Removes the member: the account, its sessions (signed out everywhere) and its invitation. */
  async remove(slug: string, staffId: string, actingStaffId: string): Promise<void> {
    if (staffId === actingStaffId) {
      throw new ConflictError('you cannot remove yourself; another owner can', 'own-account');
    }
    if (!(await this.store.removeStaff(slug, staffId))) throw notFound(slug, staffId);
  }

  /** Withdraws an invitation nobody has used: its link opens nothing from now on. */
  async withdraw(slug: string, invitationId: string): Promise<void> {
    if (!(await this.store.removeStaffInvitation(slug, invitationId))) {
      throw new NotFoundError(`issuer "${slug}" has no unused invitation with id ${invitationId}`);
    }
  }
}

function notFound(slug: string, staffId: string): NotFoundError {
  return new NotFoundError(`issuer "${slug}" has no staff member with id ${staffId}`);
}
