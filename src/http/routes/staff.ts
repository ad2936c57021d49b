import { isUuid } from '../../core/ids.js';
import { NotFoundError } from '../../core/problems.js';
import { actorOf } from '../auth.js';
import { defineRoute } from '../route.js';

export const staffRoutes = [
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/staff/invitations',
    operationId: 'createStaffInvitation',
    summary:
      "Invite a staff member to the issuer's console with a role (owner, issuer, viewer): the invitation e-mail with its single-use link is queued to the address, and the link is answered here too",
    tag: 'Console',
    // No scope: the admin key or the issuer's own key (the owner's door) invites, never a scoped key.
    access: 'issuer',
    requestSchema: 'staff-invitation-create',
    responses: {
      201: {
        description: 'The invitation and its link (url), shown once',
        schema: 'staff-invitation',
      },
      409: { description: 'The address is already on the staff', schema: 'problem' },
    },
    async handle({ params, body, principal }, { staffInvitations }) {
      const { invitation, url } = await staffInvitations.invite(
        params.slug ?? '',
        body,
        actorOf(principal),
      );
      return { status: 201, body: { ...invitation, url } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/issuers/:slug/staff',
    operationId: 'listStaff',
    summary: "The issuer's staff with role and state: members (active), then unused invitations",
    tag: 'Console',
    access: 'issuer',
    responses: {
      200: { description: 'Members oldest first, then invitations', schema: 'staff-list' },
    },
    async handle({ params }, { staffDirectory }) {
      return { status: 200, body: { staff: await staffDirectory.list(params.slug ?? '') } };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/issuers/:slug/staff/:id/role',
    operationId: 'setStaffRole',
    summary: "A member's role from now on; their open sessions act with it at their next request",
    tag: 'Console',
    access: 'issuer',
    requestSchema: 'staff-role-set',
    responses: {
      204: { description: 'Changed' },
      404: { description: 'The issuer has no such member', schema: 'problem' },
    },
    async handle({ params, body }, { staffDirectory }) {
      // An API key is nobody's account: it may change any member's role.
      await staffDirectory.changeRole(params.slug ?? '', memberId(params), body.role, '');
      return { status: 204, body: undefined };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/issuers/:slug/staff/:id',
    operationId: 'removeStaff',
    summary: 'Remove a member: the account goes, its sessions end, its invitation link is dead',
    tag: 'Console',
    access: 'issuer',
    responses: {
      204: { description: 'Removed' },
      404: { description: 'The issuer has no such member', schema: 'problem' },
    },
    async handle({ params }, { staffDirectory }) {
      await staffDirectory.remove(params.slug ?? '', memberId(params), '');
      return { status: 204, body: undefined };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/issuers/:slug/staff/invitations/:id',
    operationId: 'withdrawStaffInvitation',
    summary: 'Withdraw an invitation nobody has used: its link opens nothing from now on',
    tag: 'Console',
    access: 'issuer',
    responses: {
      204: { description: 'Withdrawn' },
      404: { description: 'No unused invitation of this issuer has the id', schema: 'problem' },
    },
    async handle({ params }, { staffDirectory }) {
      await staffDirectory.withdraw(params.slug ?? '', memberId(params));
      return { status: 204, body: undefined };
    },
  }),
];

function memberId(params: Record<string, string>): string {
  const id = params.id ?? '';
  if (!isUuid(id)) throw new NotFoundError(`"${id}" is not a staff or invitation id (a UUID)`);
  return id.toLowerCase();
}
