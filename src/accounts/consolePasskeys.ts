// Passkeys for the console (WebAuthn, through @simplewebauthn/server): a signed-in member adds
// one, and later signs in with it instead of a password. Each ceremony signs a challenge given
// out here and used once (claimed by insert); user verification is required, as the passkey is
// the only factor. The relying party is the service's public origin.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Clock } from '../core/clock.js';
import {
  ConflictError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../core/problems.js';
import type {
  PasskeyCeremony,
  PasskeyChallengeRecord,
  PasskeyRecord,
  PasskeyStore,
  StaffRecord,
  StaffStore,
} from '../store/port.js';
import { DuplicateKeyError } from '../store/port.js';
import type { ConsoleSession } from './consoleSessions.js';

/** Who the passkeys are for: the browser binds each one to this host and origin. */
export interface RelyingParty {
  /** Shown by some authenticators when making a passkey. */
  name: string;
  /** The host name of PUBLIC_URL. */
  id: string;
  /** The origin of PUBLIC_URL. */
  origin: string;
}

/** A passkey as its owner sees it: never its key. */
export interface PasskeyEntry {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt?: string;
}

export const MAX_PASSKEY_NAME_LENGTH = 60;
/** Long enough to find the passkey and confirm; a ceremony's own timeout is shorter. */
const CHALLENGE_MINUTES = 5;
const CEREMONY_TIMEOUT_MS = 120_000;
const MINUTE_MS = 60_000;
const WRONG = 'that passkey cannot sign in here';

type Store = Pick<
  PasskeyStore,
  | 'insertPasskey'
  | 'findPasskey'
  | 'listPasskeysOfStaff'
  | 'recordPasskeyUse'
  | 'removePasskey'
  | 'insertPasskeyChallenge'
  | 'claimPasskeyChallenge'
  | 'removePasskeyChallengesExpiredBefore'
> &
  Pick<StaffStore, 'findStaff'>;

const entryOf = (passkey: PasskeyRecord): PasskeyEntry => ({
  id: passkey.id,
  name: passkey.name,
  createdAt: passkey.createdAt,
  ...(passkey.lastUsedAt ? { lastUsedAt: passkey.lastUsedAt } : {}),
});

export class ConsolePasskeys {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly relyingParty: RelyingParty,
  ) {}

  async list(staffId: string): Promise<PasskeyEntry[]> {
    return (await this.store.listPasskeysOfStaff(staffId)).map(entryOf);
  }

  /** What the browser needs to make a passkey for the signed-in member. */
  async registrationOptions(
    session: ConsoleSession,
    issuerName: string,
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.store.listPasskeysOfStaff(session.staffId);
    const options = await generateRegistrationOptions({
      rpName: this.relyingParty.name,
      rpID: this.relyingParty.id,
      userName: session.email,
      userID: new TextEncoder().encode(session.staffId),
      userDisplayName: `${session.email} (${issuerName})`,
      timeout: CEREMONY_TIMEOUT_MS,
      attestationType: 'none',
      excludeCredentials: existing.map((passkey) => ({
        id: passkey.id,
        transports: passkey.transports,
      })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    await this.#giveOut(options.challenge, 'registration', session.staffId);
    return options;
  }

  /**
   * Keeps the passkey the browser made, when it signed a registration challenge this member was
   * given. A name that is empty or too long is a ValidationError on `name`; a response that does
   * not verify, one on `response`.
   */
  async register(
    session: ConsoleSession,
    name: string,
    response: RegistrationResponseJSON,
  ): Promise<PasskeyEntry> {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > MAX_PASSKEY_NAME_LENGTH) {
      throw new ValidationError([
        {
          field: 'name',
          message: `give the passkey a name of 1 to ${MAX_PASSKEY_NAME_LENGTH} characters`,
        },
      ]);
    }
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: (challenge) => this.#use(challenge, 'registration', session.staffId),
      expectedOrigin: this.relyingParty.origin,
      expectedRPID: this.relyingParty.id,
      requireUserVerification: true,
    }).catch((error: unknown) => {
      throw refusedResponse(error);
    });
    if (!verified.verified) throw refusedResponse(undefined);
    const { credential } = verified.registrationInfo;
    const passkey: PasskeyRecord = {
      id: credential.id,
      staffId: session.staffId,
      issuerSlug: session.issuerSlug,
      name: trimmed,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? [],
      createdAt: this.clock().toISOString(),
    };
    try {
      await this.store.insertPasskey(passkey);
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw new ConflictError('this passkey is registered already', 'passkey-registered');
      }
      throw error;
    }
    return entryOf(passkey);
  }

  /** What the browser needs to sign in with any passkey of this service (it offers them). */
  async authenticationOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const options = await generateAuthenticationOptions({
      rpID: this.relyingParty.id,
      timeout: CEREMONY_TIMEOUT_MS,
      userVerification: 'required',
    });
    await this.#giveOut(options.challenge, 'authentication', undefined);
    return options;
  }

  /** The account whose passkey signed a sign-in challenge; UnauthenticatedError otherwise. */
  async authenticate(response: AuthenticationResponseJSON): Promise<StaffRecord> {
    const passkey = await this.store.findPasskey(response.id);
    const staff = passkey && (await this.store.findStaff(passkey.staffId));
    if (!passkey || !staff) throw new UnauthenticatedError(WRONG);
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: (challenge) => this.#use(challenge, 'authentication', undefined),
      expectedOrigin: this.relyingParty.origin,
      expectedRPID: this.relyingParty.id,
      credential: {
        id: passkey.id,
        publicKey: Buffer.from(passkey.publicKey, 'base64url'),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: true,
    }).catch(() => ({ verified: false, authenticationInfo: undefined }));
    if (!verified.verified || !verified.authenticationInfo) throw new UnauthenticatedError(WRONG);
    await this.store.recordPasskeyUse(
      passkey.id,
      verified.authenticationInfo.newCounter,
      this.clock().toISOString(),
    );
    return staff;
  }

  async remove(staffId: string, passkeyId: string): Promise<void> {
    if (!(await this.store.removePasskey(staffId, passkeyId))) {
      throw new NotFoundError(`you have no passkey with id ${passkeyId}`);
    }
  }

  async #giveOut(
    challenge: string,
    ceremony: PasskeyCeremony,
    staffId: string | undefined,
  ): Promise<void> {
    const now = this.clock();
    // Each new ceremony also forgets the ones that ran out, so the table stays small.
    await this.store.removePasskeyChallengesExpiredBefore(now.toISOString());
    const record: PasskeyChallengeRecord = {
      challenge,
      ceremony,
      ...(staffId ? { staffId } : {}),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * MINUTE_MS).toISOString(),
    };
    await this.store.insertPasskeyChallenge(record);
  }

  /** The challenge's one use: true when it was given out for this ceremony and member, in time. */
  async #use(
    challenge: string,
    ceremony: PasskeyCeremony,
    staffId: string | undefined,
  ): Promise<boolean> {
    const now = this.clock();
    const claimed = await this.store.claimPasskeyChallenge(challenge, now.toISOString());
    return (
      claimed !== undefined &&
      claimed.ceremony === ceremony &&
      claimed.staffId === staffId &&
      Date.parse(claimed.expiresAt) > now.getTime()
    );
  }
}

function refusedResponse(error: unknown): ValidationError {
  const reason = error instanceof Error ? `: ${error.message}` : '';
  return new ValidationError([
    { field: 'response', message: `the browser's passkey did not verify${reason}` },
  ]);
}
