/** What a status change can make a credential: the states its issuer controls. */
export type CredentialState = 'active' | 'suspended' | 'revoked';

/** Where a credential stands for anyone looking at it: its state, or expired by its own dates. */
export type Standing = CredentialState | 'expired';
