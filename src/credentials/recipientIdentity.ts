import { createHash, randomBytes } from 'node:crypto';

export type Recipient = { email: string } | { did: string };

/** Addresses differ in case and stray spaces more often than in substance. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'emailAddress';
  hashed: true;
  salt: string;
}

/** OB3 hashed identity: sha256$hex(sha256(address + salt)), so no address appears in the credential. */
export function hashedEmailIdentity(
  email: string,
  salt = randomBytes(16).toString('hex'),
): IdentityObject {
  const digest = createHash('sha256')
    .update(normaliseEmail(email) + salt)
    .digest('hex');
  return {
    type: 'IdentityObject',
    identityHash: `sha256$${digest}`,
    identityType: 'emailAddress',
    hashed: true,
    salt,
  };
}

/** True when the identity object names this address. */
export function identityMatchesEmail(identity: IdentityObject, email: string): boolean {
  return hashedEmailIdentity(email, identity.salt).identityHash === identity.identityHash;
}
