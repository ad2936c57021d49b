import type { Scope } from './scopes.js';

/**
 * What a staff member of an issuer may do. A role is a set of the API key scopes, so a console
 * session and an API key are two doors to the same rights: the route checks the scope either way.
 */
export const ROLES = ['owner', 'issuer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);

const SCOPES_OF_ROLE: Record<Role, readonly Scope[]> = {
  owner: [
    'awards:write',
    'batches:write',
    'status:write',
    'learners:read',
    'webhooks:manage',
    'metrics:read',
  ],
  issuer: ['awards:write', 'batches:write', 'status:write', 'learners:read', 'metrics:read'],
  // A viewer reads what the console shows and the partner metrics; no scope writes anything.
  viewer: ['metrics:read'],
};

export function scopesOfRole(role: Role): readonly Scope[] {
  return SCOPES_OF_ROLE[role];
}
