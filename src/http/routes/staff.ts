import { baseUrlOf } from '../../core/publicUrl.js';
import { actorOf } from '../auth.js';
import { defineRoute } from '../route.js';

export const staffRoutes = [
  defineRoute({
    method: 'post',
    path: '/issuers/:slug/staff/invitations',
    operationId: 'createStaffInvitation',
    summary:
      "Invite a staff member to the issuer's console with a role (owner, issuer, viewer); the link with its single-use token is answered only here",
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
    async handle({ params, body, principal }, { staffInvitations, config }) {
      const { invitation, token } = await staffInvitations.invite(
        params.slug ?? '',
        body,
        actorOf(principal),
      );
      const url = `${baseUrlOf(config.publicUrl)}/console/invitations/${token}`;
      return { status: 201, body: { ...invitation, url } };
    },
  }),
];
