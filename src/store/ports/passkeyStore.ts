// Passkeys (WebAuthn credentials) of console staff, and the challenges their ceremonies sign.
// A passkey's id is unique everywhere, and each challenge is used once: both are keys claimed by
// insert. Only public keys are stored; nothing here is secret.

export interface PasskeyRecord {
  /** The credential id the authenticator chose (base64url); unique across all accounts. */
  id: string;
  staffId: string;
  issuerSlug: string;
  /** What its owner called it ("Work laptop"), to tell their passkeys apart. */
  name: string;
  /** The COSE public key (base64url) its sign-ins are verified with. */
  publicKey: string;
  /** The authenticator's signature counter when last used (0 for those that keep none). */
  counter: number;
  /** How the browser can reach it (internal, usb, hybrid, …), as the browser reported. */
  transports: string[];
  createdAt: string;
  lastUsedAt?: string;
}

export type PasskeyCeremony = 'registration' | 'authentication';

export interface PasskeyChallengeRecord {
  /** The challenge the browser was given (base64url). */
  challenge: string;
  ceremony: PasskeyCeremony;
  /** Registration only: the signed-in account the new passkey is for. */
  staffId?: string;
  createdAt: string;
  expiresAt: string;
}

export interface PasskeyStore {
  /** Throws DuplicateKeyError when a passkey of this id is registered already. */
  insertPasskey(passkey: PasskeyRecord): Promise<void>;
  findPasskey(id: string): Promise<PasskeyRecord | undefined>;
  /** The account's passkeys, oldest first. */
  listPasskeysOfStaff(staffId: string): Promise<PasskeyRecord[]>;
  /** A sign-in with it: the counter it reported and when. */
  recordPasskeyUse(id: string, counter: number, usedAt: string): Promise<void>;
  /** False when the account has no passkey of this id. */
  removePasskey(staffId: string, id: string): Promise<boolean>;
  /** Throws DuplicateKeyError when the challenge was given out before. */
  insertPasskeyChallenge(challenge: PasskeyChallengeRecord): Promise<void>;
  /**
   * Claims the challenge's one use (an insert keyed by the challenge): its record when this call
   * claimed it; undefined when it was never given out or was used already.
   */
  claimPasskeyChallenge(
    challenge: string,
    usedAt: string,
  ): Promise<PasskeyChallengeRecord | undefined>;
  /** Forgets challenges (and their uses) that expired before `before`. */
  removePasskeyChallengesExpiredBefore(before: string): Promise<void>;
}
