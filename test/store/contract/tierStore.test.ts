// The TierStore contract: tier claims and expiry processing, the same tests on every adapter.
import { beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../../src/store/port.js';
import type { CredentialStore } from '../../../src/store/ports/credentialStore.js';
import type { IssuerStore } from '../../../src/store/ports/issuerStore.js';
import type { RecordTransfer } from '../../../src/store/ports/recordTransfer.js';
import type { TierStore } from '../../../src/store/ports/tierStore.js';
import { credential, exportedRecords, issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

describeOnEachStore('TierStore', (current) => {
  // Expiries are of stored credentials (of a stored issuer, for SQLite); tier claims are read back
  // through the export, the port has no read of its own.
  let store: TierStore & CredentialStore & IssuerStore & RecordTransfer;
  beforeEach(() => {
    store = current();
  });

  describe('expiries', () => {
    beforeEach(() => store.insertIssuer(issuer('ngo'), issuerKey('ngo')));
    const now = '2026-06-01T00:00:00Z';

    it('lists expired credentials soonest first, up to the limit, until their processing is claimed', async () => {
      const expired = ['2026-05-03', '2026-05-01', '2026-06-01', '2026-05-02'].map((day) =>
        credential({ validUntil: day === '2026-06-01' ? now : `${day}T00:00:00Z` }),
      );
      for (const record of expired) await store.insertCredential(record);
      await store.insertCredential(credential({ validUntil: '2026-06-01T00:00:01Z' }));
      await store.insertCredential(credential());
      const soonest = [...expired].sort((x, y) =>
        String(x.validUntil).localeCompare(String(y.validUntil)),
      );

      expect(await store.listUnprocessedExpiries(now, 10)).toEqual(soonest);
      expect(await store.listUnprocessedExpiries(now, 2)).toEqual(soonest.slice(0, 2));

      expect(await store.claimExpiryProcessing(soonest[0]?.id ?? '')).toBe(true);
      expect(await store.claimExpiryProcessing(soonest[0]?.id ?? '')).toBe(false);
      expect(await store.listUnprocessedExpiries(now, 2)).toEqual(soonest.slice(1, 3));
    });

    it('finds the unprocessed ones behind many processed ones', async () => {
      const records = Array.from({ length: 520 }, (_, n) =>
        credential({ validUntil: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString() }),
      );
      await Promise.all(records.map((record) => store.insertCredential(record)));
      await Promise.all(
        records.slice(0, 515).map((record) => store.claimExpiryProcessing(record.id)),
      );
      expect(await store.listUnprocessedExpiries(now, 3)).toEqual(records.slice(515, 518));
      expect(await store.listUnprocessedExpiries(now, 10)).toEqual(records.slice(515));
    });
  });

  describe('tier claims', () => {
    const claim = {
      learnerKey: 'ana',
      achievementKey: 'dx-passport-1',
      epoch: 0,
      credentialId: 'c1',
    };

    const tierClaims = async () =>
      (await exportedRecords(store, ['tier_claims'])).map((entry) => entry.record);

    it('holds one copy per learner, tier and epoch', async () => {
      await store.claimTierCopy(claim);
      await expect(store.claimTierCopy({ ...claim, credentialId: 'c2' })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      const others = [
        { ...claim, epoch: 1, credentialId: 'c3' },
        { ...claim, learnerKey: 'ben' },
        { ...claim, achievementKey: 'dx-passport-2' },
      ];
      for (const other of others) await store.claimTierCopy(other);
      expect(await tierClaims()).toEqual([claim, ...others]);
    });

    it('releases only the claim of the credential named', async () => {
      await store.claimTierCopy(claim);
      await store.releaseTierCopy({ ...claim, credentialId: 'someone-else' });
      expect(await tierClaims()).toEqual([claim]);
      await store.releaseTierCopy(claim);
      expect(await tierClaims()).toEqual([]);
      await store.claimTierCopy({ ...claim, credentialId: 'c2' });
    });
  });

  describe('claims whose credential never came', () => {
    beforeEach(() => store.insertIssuer(issuer('ngo'), issuerKey('ngo')));
    const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 0, minute)).toISOString();
    const claimAt = (learnerKey: string, minute: number | undefined, credentialId: string) => ({
      learnerKey,
      achievementKey: 'dx-passport-1',
      epoch: 0,
      credentialId,
      ...(minute === undefined ? {} : { claimedAt: at(minute) }),
    });

    it('lists claims older than the bound with no stored credential, oldest first, in the window asked', async () => {
      const stored = credential();
      await store.insertCredential(stored);
      const legacy = claimAt('from-before-times-were-kept', undefined, 'gone-0');
      const old = claimAt('old', 1, 'gone-1');
      const done = claimAt('done', 2, stored.id);
      const recent = claimAt('recent', 3, 'gone-3');
      const inFlight = claimAt('in-flight', 10, 'coming');
      for (const claim of [inFlight, recent, done, old, legacy]) await store.claimTierCopy(claim);

      const orphans = await store.listOrphanTierClaims({ claimedBefore: at(5), limit: 10 });
      expect(orphans.map((c) => c.learnerKey)).toEqual([
        'from-before-times-were-kept',
        'old',
        'recent',
      ]);
      expect(orphans[1]).toEqual(old);
      expect(
        (await store.listOrphanTierClaims({ claimedBefore: at(5), limit: 1 })).map(
          (c) => c.learnerKey,
        ),
      ).toEqual(['from-before-times-were-kept']);
      expect(
        (
          await store.listOrphanTierClaims({ claimedBefore: at(5), claimedAfter: at(2), limit: 10 })
        ).map((c) => c.learnerKey),
      ).toEqual(['recent']);
    });

    it('finds an orphan behind many claims whose credentials were stored', async () => {
      const records = Array.from({ length: 520 }, () => credential());
      await Promise.all(records.map((record) => store.insertCredential(record)));
      await Promise.all(
        records.map((record, n) => store.claimTierCopy(claimAt(`learner-${n}`, 1, record.id))),
      );
      await store.claimTierCopy(claimAt('orphan', 2, 'never-stored'));
      const orphans = await store.listOrphanTierClaims({ claimedBefore: at(3), limit: 10 });
      expect(orphans.map((c) => c.learnerKey)).toEqual(['orphan']);
    });
  });

  describe('awards whose tiers are due', () => {
    const note = (credentialId: string, minute: number) => ({
      credentialId,
      learnerKey: 'ana',
      achievementKey: 'it-passport',
      claimedAt: new Date(Date.UTC(2026, 5, 1, 0, minute)).toISOString(),
    });

    it('lists notes older than the bound, oldest first, once each, until settled', async () => {
      for (const n of [note('c3', 3), note('c1', 1), note('c2', 2), note('c9', 9)]) {
        await store.notePendingStacking(n);
      }
      await store.notePendingStacking({ ...note('c1', 1), claimedAt: '2026-07-01T00:00:00.000Z' });
      const before = '2026-06-01T00:05:00.000Z';
      expect(await store.listPendingStacking(before, 10)).toEqual([
        note('c1', 1),
        note('c2', 2),
        note('c3', 3),
      ]);
      expect(await store.listPendingStacking(before, 1)).toEqual([note('c1', 1)]);
      await store.settlePendingStacking('c1');
      await store.settlePendingStacking('never-noted');
      expect((await store.listPendingStacking(before, 10)).map((n) => n.credentialId)).toEqual([
        'c2',
        'c3',
      ]);
    });
  });
});
