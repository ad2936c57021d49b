// Console passkeys and their ceremonies' challenges in MongoDB.
import type { PasskeyChallengeRecord, PasskeyRecord, PasskeyStore } from '../ports/passkeyStore.js';
import { insertIfAbsent, insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { Models, PasskeyChallengeDoc, PasskeyDoc } from './models.js';

export function toPasskey(doc: PasskeyDoc): PasskeyRecord {
  return {
    id: doc.id,
    staffId: doc.staffId,
    issuerSlug: doc.issuerSlug,
    name: doc.name,
    publicKey: doc.publicKey,
    counter: doc.counter,
    transports: [...doc.transports],
    createdAt: doc.createdAt,
    lastUsedAt: doc.lastUsedAt,
  } satisfies { [K in keyof Required<PasskeyRecord>]: PasskeyRecord[K] };
}

function toChallenge(doc: PasskeyChallengeDoc): PasskeyChallengeRecord {
  return {
    challenge: doc.challenge,
    ceremony: doc.ceremony,
    staffId: doc.staffId,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
  } satisfies { [K in keyof Required<PasskeyChallengeRecord>]: PasskeyChallengeRecord[K] };
}

export class MongoPasskeyStore implements PasskeyStore {
  constructor(private readonly models: Models) {}

  async insertPasskey(passkey: PasskeyRecord): Promise<void> {
    await insertOrDuplicate('staff_passkeys', () => this.models.passkeys.create(passkey));
  }

  async findPasskey(id: string): Promise<PasskeyRecord | undefined> {
    const doc = await retry(() => this.models.passkeys.findOne({ id }).lean<PasskeyDoc>());
    return doc ? toPasskey(doc) : undefined;
  }

  async listPasskeysOfStaff(staffId: string): Promise<PasskeyRecord[]> {
    const docs = await retry(() =>
      this.models.passkeys.find({ staffId }).sort({ createdAt: 1, _id: 1 }).lean<PasskeyDoc[]>(),
    );
    return docs.map(toPasskey);
  }

  async recordPasskeyUse(id: string, counter: number, usedAt: string): Promise<void> {
    // The counter is a clone hint checked at sign-in, not an invariant: the last use's stays.
    await retry(() =>
      this.models.passkeys.updateOne({ id }, { $set: { counter, lastUsedAt: usedAt } }),
    );
  }

  async removePasskey(staffId: string, id: string): Promise<boolean> {
    const result = await retry(() => this.models.passkeys.deleteOne({ id, staffId }));
    return result.deletedCount > 0;
  }

  async insertPasskeyChallenge(challenge: PasskeyChallengeRecord): Promise<void> {
    await insertOrDuplicate('passkey_challenges', () =>
      this.models.passkeyChallenges.create(challenge),
    );
  }

  async claimPasskeyChallenge(
    challenge: string,
    usedAt: string,
  ): Promise<PasskeyChallengeRecord | undefined> {
    const doc = await retry(() =>
      this.models.passkeyChallenges.findOne({ challenge }).lean<PasskeyChallengeDoc>(),
    );
    if (!doc) return undefined;
    const claimed = await insertIfAbsent(() =>
      this.models.passkeyChallengeUses.create({ challenge, usedAt }),
    );
    if (!claimed) return undefined;
    return toChallenge(doc);
  }

  async removePasskeyChallengesExpiredBefore(before: string): Promise<void> {
    const expired = await retry(() =>
      this.models.passkeyChallenges
        .find({ expiresAt: { $lt: before } }, { challenge: 1 })
        .lean<Array<Pick<PasskeyChallengeDoc, 'challenge'>>>(),
    );
    if (expired.length === 0) return;
    const challenges = expired.map((doc) => doc.challenge);
    // The challenges first: should the second step fail, a use is left over, never an expired
    // challenge without its use (expired ones are refused anyway, this keeps it plain).
    await retry(() => this.models.passkeyChallenges.deleteMany({ challenge: { $in: challenges } }));
    await retry(() =>
      this.models.passkeyChallengeUses.deleteMany({ challenge: { $in: challenges } }),
    );
  }
}
