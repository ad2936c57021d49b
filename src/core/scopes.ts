/**
 * What a scoped API key may do. An issuer's own key (made with the issuer) and the admin key have
 * every scope; a route that names no scope takes one of those, never a scoped key.
 */
export const SCOPES = [
  'awards:write',
  'batches:write',
  'status:write',
  'learners:read',
  'webhooks:manage',
  'metrics:read',
] as const;
export type Scope = (typeof SCOPES)[number];

export const isScope = (value: string): value is Scope =>
  (SCOPES as readonly string[]).includes(value);
