/** What a status change can make a credential: the states its issuer controls. */
export type CredentialState = 'active' | 'suspended' | 'revoked';

/** Where a credential stands for anyone looking at it: its state, or expired by its own dates. */
export type Standing = CredentialState | 'expired';

/** How a credential is secured: an embedded Data Integrity proof, or VC-JOSE (a compact JWS). */
export type CredentialFormat = 'di' | 'jwt';

/** What an issuer can do to a credential's status. */
export type StatusAction = 'revoke' | 'suspend' | 'reinstate';
