// The PasskeyStore contract, the same tests on every adapter: a passkey's id is registered once
// across all accounts, a challenge is used once however many race for it, expired challenges
// are forgotten, and removing a member takes their passkeys with them.
import { beforeEach, describe, expect, it } from 'vitest';
import type { PasskeyChallengeRecord, StaffRecord, Store } from '../../../src/store/port.js';
import { DuplicateKeyError } from '../../../src/store/port.js';
import { invitation, issuer, issuerKey, passkey, staff } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

const challenge = (fields: Partial<PasskeyChallengeRecord> = {}): PasskeyChallengeRecord => ({
  challenge: `c-${Math.random().toString(36).slice(2)}`,
  ceremony: 'authentication',
  createdAt: '2026-01-02T00:00:00.000Z',
  expiresAt: '2026-01-02T00:05:00.000Z',
  ...fields,
});

describeOnEachStore('PasskeyStore', (current) => {
  let store: Store;
  let member: StaffRecord;
  beforeEach(async () => {
    store = current();
    await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
    const invited = invitation();
    await store.insertStaffInvitation(invited);
    member = staff(invited);
    await store.insertStaff(member);
  });

  describe('passkeys', () => {
    it('keeps every field, lists a member’s oldest first, and registers an id once', async () => {
      const laptop = passkey(member);
      const phone = passkey(member, { name: 'Phone', createdAt: '2026-01-03T00:00:00.000Z' });
      await store.insertPasskey(phone);
      await store.insertPasskey(laptop);
      expect(await store.findPasskey(laptop.id)).toEqual(laptop);
      expect((await store.listPasskeysOfStaff(member.id)).map((p) => p.name)).toEqual([
        'Work laptop',
        'Phone',
      ]);
      await expect(
        store.insertPasskey(passkey(member, { id: laptop.id, name: 'Again' })),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.findPasskey(laptop.id)).toEqual(laptop);
    });

    it('records a use, and removes only the member’s own passkey', async () => {
      const laptop = passkey(member);
      await store.insertPasskey(laptop);
      await store.recordPasskeyUse(laptop.id, 7, '2026-01-04T00:00:00.000Z');
      expect(await store.findPasskey(laptop.id)).toEqual({
        ...laptop,
        counter: 7,
        lastUsedAt: '2026-01-04T00:00:00.000Z',
      });
      expect(await store.removePasskey('someone-else', laptop.id)).toBe(false);
      expect(await store.removePasskey(member.id, laptop.id)).toBe(true);
      expect(await store.removePasskey(member.id, laptop.id)).toBe(false);
      expect(await store.findPasskey(laptop.id)).toBeUndefined();
    });

    it('removes a member’s passkeys with the member', async () => {
      const laptop = passkey(member);
      await store.insertPasskey(laptop);
      expect(await store.removeStaff('ngo', member.id)).toBe(true);
      expect(await store.findPasskey(laptop.id)).toBeUndefined();
    });
  });

  describe('challenges', () => {
    it('gives a challenge its record once, to one of many racing claims', async () => {
      const given = challenge({ ceremony: 'registration', staffId: member.id });
      await store.insertPasskeyChallenge(given);
      await expect(store.insertPasskeyChallenge(given)).rejects.toBeInstanceOf(DuplicateKeyError);
      const claims = await Promise.all(
        Array.from({ length: 5 }, () =>
          store.claimPasskeyChallenge(given.challenge, '2026-01-02T00:01:00.000Z'),
        ),
      );
      expect(claims.filter((claim) => claim !== undefined)).toEqual([given]);
      expect(
        await store.claimPasskeyChallenge(given.challenge, '2026-01-02T00:02:00.000Z'),
      ).toBeUndefined();
      expect(await store.claimPasskeyChallenge('never-given', '2026-01-02T00:02:00.000Z')).toBe(
        undefined,
      );
    });

    it('forgets challenges that expired, used or not, and keeps the others', async () => {
      const usedOld = challenge({ expiresAt: '2026-01-02T00:05:00.000Z' });
      const unusedOld = challenge({ expiresAt: '2026-01-02T00:06:00.000Z' });
      const fresh = challenge({ expiresAt: '2026-01-02T00:20:00.000Z' });
      for (const given of [usedOld, unusedOld, fresh]) await store.insertPasskeyChallenge(given);
      await store.claimPasskeyChallenge(usedOld.challenge, '2026-01-02T00:01:00.000Z');
      await store.removePasskeyChallengesExpiredBefore('2026-01-02T00:10:00.000Z');
      expect(
        await store.claimPasskeyChallenge(unusedOld.challenge, '2026-01-02T00:11:00.000Z'),
      ).toBeUndefined();
      expect(
        await store.claimPasskeyChallenge(fresh.challenge, '2026-01-02T00:11:00.000Z'),
      ).toEqual(fresh);
      // Given again after being forgotten, a challenge is a new one (random ones never repeat).
      await store.insertPasskeyChallenge(usedOld);
      expect(
        await store.claimPasskeyChallenge(usedOld.challenge, '2026-01-02T00:12:00.000Z'),
      ).toEqual(usedOld);
    });
  });
});
