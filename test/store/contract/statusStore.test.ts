// The StatusStore contract: status lists, indexes and events, the same tests on every adapter.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../../src/store/port.js';
import type {
  StatusEvent,
  StatusListSnapshot,
  StatusStore,
} from '../../../src/store/ports/statusStore.js';
import { credential, issuer, issuerKey, statusEvent } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

const AT = '2026-01-05T00:00:00.000Z';

const byIndex = <T extends { index: number }>(entries: T[]): T[] =>
  [...entries].sort((a, b) => a.index - b.index);

describeOnEachStore('StatusStore', (current) => {
  let store: StatusStore;
  beforeEach(() => {
    store = current();
  });

  describe('status lists and indexes', () => {
    it('opens each list once and knows the highest, per issuer', async () => {
      expect(await store.latestStatusList('ngo')).toBeUndefined();
      expect(await store.claimStatusList('ngo', 1)).toBe(true);
      expect(await store.claimStatusList('ngo', 1)).toBe(false);
      expect(await store.claimStatusList('ngo', 3)).toBe(true);
      expect(await store.claimStatusList('ngo', 2)).toBe(true);
      expect(await store.claimStatusList('ipa', 7)).toBe(true);
      expect(await store.latestStatusList('ngo')).toBe(3);
      expect(await store.latestStatusList('ipa')).toBe(7);
    });

    it('gives an index to one credential only', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 5 }, a, AT);
      await expect(
        store.claimStatusIndex('ngo', { listNumber: 1, index: 5 }, b, AT),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      // The same position in another list or of another issuer is another index.
      await store.claimStatusIndex('ngo', { listNumber: 2, index: 5 }, b, AT);
      await store.claimStatusIndex('ipa', { listNumber: 1, index: 5 }, randomUUID(), AT);
      expect(await store.listUsedStatusIndexes('ngo', 1)).toEqual([5]);
      expect(await store.listUsedStatusIndexes('ngo', 2)).toEqual([5]);
      expect(await store.listUsedStatusIndexes('ngo', 3)).toEqual([]);
    });

    it('lets one credential hold a second position, as a retry after a failed issue does', async () => {
      const id = randomUUID();
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 3 }, id, AT);
      await store.releaseStatusIndex('ngo', { listNumber: 1, index: 3 }, id);
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 4 }, id, AT);
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 7 }, id, AT);
      expect((await store.listUsedStatusIndexes('ngo', 1)).sort((x, y) => x - y)).toEqual([4, 7]);
    });

    it('frees a released index for the next credential', async () => {
      const first = randomUUID();
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 9 }, first, AT);
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 10 }, randomUUID(), AT);
      await store.releaseStatusIndex('ngo', { listNumber: 1, index: 9 }, first);
      expect(await store.listUsedStatusIndexes('ngo', 1)).toEqual([10]);
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 9 }, randomUUID(), AT);
      expect((await store.listUsedStatusIndexes('ngo', 1)).sort((x, y) => x - y)).toEqual([9, 10]);
    });
  });

  describe('index claims whose credential never came', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 0, minute)).toISOString();
    const position = (index: number) => ({ listNumber: 1, index });
    beforeEach(async () => {
      await current().insertIssuer(issuer('ngo'), issuerKey('ngo'));
      await current().insertIssuer(issuer('ipa'), issuerKey('ipa'));
    });

    it('lists claims older than the bound with no credential on their position, oldest first', async () => {
      const full = current();
      const stored = credential({ status: position(2) });
      await full.insertCredential(stored);
      const gone = randomUUID();
      const retried = credential({ status: position(4) });
      // A claim whose credential was stored later on another position (a batch row resumed).
      await full.claimStatusIndex('ngo', position(3), retried.id, at(1));
      await full.claimStatusIndex('ngo', position(4), retried.id, at(1));
      await full.insertCredential(retried);
      await full.claimStatusIndex('ngo', position(2), stored.id, at(2));
      await full.claimStatusIndex('ngo', position(1), gone, at(0));
      await full.claimStatusIndex('ngo', position(9), randomUUID(), at(10));

      const orphans = await full.listOrphanStatusIndexClaims({ claimedBefore: at(5), limit: 10 });
      expect(orphans).toEqual([
        { issuerSlug: 'ngo', ...position(1), credentialId: gone, claimedAt: at(0) },
        { issuerSlug: 'ngo', ...position(3), credentialId: retried.id, claimedAt: at(1) },
      ]);
      expect(
        await full.listOrphanStatusIndexClaims({
          claimedBefore: at(5),
          claimedAfter: at(1),
          limit: 10,
        }),
      ).toHaveLength(1);
      expect(
        await full.listOrphanStatusIndexClaims({ claimedBefore: at(5), limit: 1 }),
      ).toHaveLength(1);
    });

    it('frees a claim only for the credential it names', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      await store.claimStatusIndex('ngo', position(6), a, at(0));
      await store.releaseStatusIndex('ngo', position(6), b);
      expect(await store.listUsedStatusIndexes('ngo', 1)).toEqual([6]);
      await store.releaseStatusIndex('ngo', position(6), a);
      expect(await store.listUsedStatusIndexes('ngo', 1)).toEqual([]);
    });

    it('never stores two credentials on one position, even once its claim was freed', async () => {
      const full = current();
      await full.insertCredential(credential({ status: position(7) }));
      await expect(
        full.insertCredential(credential({ status: position(7) })),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      // The same index of another list or issuer, and credentials without one, are not refused.
      await full.insertCredential(credential({ status: { listNumber: 2, index: 7 } }));
      await full.insertCredential(
        credential({
          issuerSlug: 'ipa',
          issuerDid: 'did:web:example.org:issuers:ipa',
          status: position(7),
        }),
      );
      await full.insertCredential(credential({ origin: 'imported' }));
      await full.insertCredential(credential({ origin: 'imported' }));
    });

    it('finds a freed claim behind many whose credentials were stored', async () => {
      const full = current();
      const records = Array.from({ length: 520 }, (_, n) =>
        credential({ status: position(100 + n) }),
      );
      await Promise.all(records.map((record) => full.insertCredential(record)));
      await Promise.all(
        records.map((record, n) =>
          full.claimStatusIndex('ngo', position(100 + n), record.id, at(1)),
        ),
      );
      await full.claimStatusIndex('ngo', position(50), randomUUID(), at(2));
      const orphans = await full.listOrphanStatusIndexClaims({ claimedBefore: at(3), limit: 10 });
      expect(orphans.map((claim) => claim.index)).toEqual([50]);
    });
  });

  describe('status events', () => {
    it('appends versions, refuses a version twice, and lists them oldest first', async () => {
      const id = randomUUID();
      const suspended = statusEvent({
        credentialId: id,
        version: 1,
        action: 'suspend',
        state: 'suspended',
      });
      const reinstated = statusEvent({
        credentialId: id,
        version: 2,
        action: 'reinstate',
        state: 'active',
        at: '2026-03-01T00:00:00.000Z',
      });
      await store.appendStatusEvent(reinstated);
      await store.appendStatusEvent(suspended);
      await expect(
        store.appendStatusEvent({ ...suspended, action: 'revoke', state: 'revoked' }),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.listStatusEvents(id)).toEqual([suspended, reinstated]);
      expect(await store.listStatusEvents(randomUUID())).toEqual([]);
    });

    it('gives the latest event of each asked credential in one read', async () => {
      const [twice, once, never] = [randomUUID(), randomUUID(), randomUUID()];
      const first = statusEvent({
        credentialId: twice,
        version: 1,
        action: 'suspend',
        state: 'suspended',
      });
      const second = statusEvent({
        credentialId: twice,
        version: 2,
        action: 'revoke',
        state: 'revoked',
      });
      const only = statusEvent({
        credentialId: once,
        version: 1,
        action: 'revoke',
        state: 'revoked',
      });
      for (const event of [second, only, first]) await store.appendStatusEvent(event);
      const byId = (events: Array<{ credentialId: string }>) =>
        [...events].sort((a, b) => a.credentialId.localeCompare(b.credentialId));
      expect(byId(await store.listLatestStatusEvents([twice, once, never]))).toEqual(
        byId([second, only]),
      );
      expect(await store.listLatestStatusEvents([never])).toEqual([]);
      expect(await store.listLatestStatusEvents([])).toEqual([]);
    });

    it('gives the latest event of each of many credentials, each once however often asked', async () => {
      const ids = Array.from({ length: 1200 }, () => randomUUID());
      const changed = ids.filter((_, n) => n % 3 === 0);
      const latest = changed.map((credentialId) =>
        statusEvent({ credentialId, version: 2, action: 'reinstate', state: 'active' }),
      );
      await Promise.all(
        changed.flatMap((credentialId, n) => [
          store.appendStatusEvent(statusEvent({ credentialId, version: 1 })),
          store.appendStatusEvent(latest[n] ?? statusEvent({ credentialId })),
        ]),
      );
      // Each id asked twice, the copies far apart (in other chunks, where a store reads in chunks).
      const answer = await store.listLatestStatusEvents([...ids, ...ids]);
      const byId = (events: StatusEvent[]) =>
        [...events].sort((a, b) => a.credentialId.localeCompare(b.credentialId));
      expect(byId(answer)).toEqual(byId(latest));
    });

    it('gives the latest unsequenced state of every changed credential in one list', async () => {
      const [revoked, reinstated, suspended, untouched, otherList, released] = Array.from(
        { length: 6 },
        () => randomUUID(),
      );
      const positions: Array<[string | undefined, number, number]> = [
        [revoked, 1, 11],
        [reinstated, 1, 12],
        [suspended, 1, 13],
        [untouched, 1, 14],
        [otherList, 2, 11],
        [released, 1, 15],
      ];
      for (const [id, listNumber, index] of positions) {
        await store.claimStatusIndex('ngo', { listNumber, index }, id ?? '', AT);
      }
      const events = [
        statusEvent({
          credentialId: revoked ?? '',
          version: 1,
          action: 'suspend',
          state: 'suspended',
        }),
        statusEvent({
          credentialId: revoked ?? '',
          version: 2,
          action: 'revoke',
          state: 'revoked',
        }),
        statusEvent({
          credentialId: reinstated ?? '',
          version: 1,
          action: 'suspend',
          state: 'suspended',
        }),
        statusEvent({
          credentialId: reinstated ?? '',
          version: 2,
          action: 'reinstate',
          state: 'active',
        }),
        statusEvent({
          credentialId: suspended ?? '',
          version: 1,
          action: 'suspend',
          state: 'suspended',
        }),
        statusEvent({ credentialId: otherList ?? '', version: 1 }),
        statusEvent({ credentialId: released ?? '', version: 1 }),
        // A change with its list change is replayed from the list's changes, not read here.
        statusEvent({
          credentialId: suspended ?? '',
          version: 2,
          action: 'revoke',
          state: 'revoked',
          list: { listNumber: 1, index: 13, sequence: 1 },
        }),
      ];
      for (const event of events.reverse()) await store.appendStatusEvent(event);
      await store.releaseStatusIndex('ngo', { listNumber: 1, index: 15 }, released ?? '');

      expect(byIndex(await store.listUnsequencedStatusStates('ngo', 1))).toEqual([
        { index: 11, credentialId: revoked, state: 'revoked' },
        { index: 12, credentialId: reinstated, state: 'active' },
        { index: 13, credentialId: suspended, state: 'suspended' },
      ]);
      expect(await store.listUnsequencedStatusStates('ngo', 2)).toEqual([
        { index: 11, credentialId: otherList, state: 'revoked' },
      ]);
      expect(await store.listUnsequencedStatusStates('ipa', 1)).toEqual([]);
    });

    it("claims each place in a list's order of changes once, per issuer and list", async () => {
      const change = (listNumber: number, sequence: number, issuerSlug = 'ngo') =>
        statusEvent({
          credentialId: randomUUID(),
          issuerSlug,
          list: { listNumber, index: sequence, sequence },
        });
      expect(await store.latestStatusListSequence('ngo', 1)).toBe(0);
      // Changes recorded before sequences have no place in the order.
      await store.appendStatusEvent(statusEvent({ credentialId: randomUUID() }));
      expect(await store.latestStatusListSequence('ngo', 1)).toBe(0);

      const first = change(1, 1);
      await store.appendStatusEvent(first);
      await expect(store.appendStatusEvent(change(1, 1))).rejects.toBeInstanceOf(DuplicateKeyError);
      await store.appendStatusEvent(change(2, 1));
      await store.appendStatusEvent(change(1, 1, 'ipa'));
      await store.appendStatusEvent(change(1, 2));
      expect(await store.latestStatusListSequence('ngo', 1)).toBe(2);
      expect(await store.latestStatusListSequence('ngo', 2)).toBe(1);
      expect(await store.latestStatusListSequence('ipa', 1)).toBe(1);
      expect(await store.listStatusEvents(first.credentialId)).toEqual([first]);
    });

    it('lets one of two changes racing for the same place in a list land', async () => {
      const racing = [randomUUID(), randomUUID()].map((credentialId, index) =>
        statusEvent({ credentialId, list: { listNumber: 1, index, sequence: 1 } }),
      );
      const outcomes = await Promise.allSettled(
        racing.map((event) => store.appendStatusEvent(event)),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const [refused] = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(DuplicateKeyError);
      expect(await store.listStatusListChanges('ngo', 1, 0)).toHaveLength(1);
    });

    it("lists a list's changes after a sequence, in sequence order", async () => {
      const changes = [3, 1, 4, 2].map((sequence) =>
        statusEvent({
          credentialId: randomUUID(),
          list: { listNumber: 1, index: 10 + sequence, sequence },
        }),
      );
      for (const event of changes) await store.appendStatusEvent(event);
      await store.appendStatusEvent(
        statusEvent({ credentialId: randomUUID(), list: { listNumber: 2, index: 1, sequence: 5 } }),
      );
      await store.appendStatusEvent(statusEvent({ credentialId: randomUUID() }));
      const inOrder = [...changes].sort(
        (a, b) => (a.list?.sequence ?? 0) - (b.list?.sequence ?? 0),
      );
      expect(await store.listStatusListChanges('ngo', 1, 0)).toEqual(inOrder);
      expect(await store.listStatusListChanges('ngo', 1, 2)).toEqual(inOrder.slice(2));
      expect(await store.listStatusListChanges('ngo', 1, 4)).toEqual([]);
      expect(await store.listStatusListChanges('ipa', 1, 0)).toEqual([]);
    });

    it('reads the audit log newest first, for one issuer or all, up to the limit', async () => {
      const at = (day: number) => `2026-04-0${day}T00:00:00.000Z`;
      const id = randomUUID();
      const ngo1 = statusEvent({
        credentialId: id,
        version: 1,
        action: 'suspend',
        state: 'suspended',
        at: at(1),
      });
      const ngo2 = statusEvent({
        credentialId: id,
        version: 2,
        action: 'revoke',
        state: 'revoked',
        at: at(3),
      });
      const ipa = statusEvent({ credentialId: randomUUID(), issuerSlug: 'ipa', at: at(2) });
      for (const event of [ngo2, ipa, ngo1]) await store.appendStatusEvent(event);
      expect(await store.listAuditLog({ limit: 10 })).toEqual([ngo2, ipa, ngo1]);
      expect(await store.listAuditLog({ limit: 2 })).toEqual([ngo2, ipa]);
      expect(await store.listAuditLog({ issuerSlug: 'ngo', limit: 10 })).toEqual([ngo2, ngo1]);
      expect(await store.listAuditLog({ issuerSlug: 'nobody', limit: 10 })).toEqual([]);
    });

    it('orders events of the same instant by version, newest first', async () => {
      const id = randomUUID();
      const events = [1, 2, 3].map((version) => statusEvent({ credentialId: id, version }));
      for (const event of events) await store.appendStatusEvent(event);
      expect(await store.listAuditLog({ limit: 10 })).toEqual(events.reverse());
    });
  });

  describe('status list snapshots', () => {
    const bits = (version: number, fill: number): StatusListSnapshot => {
      const revoked = new Uint8Array(16_384).fill(fill);
      revoked[0] = version;
      return {
        issuerSlug: 'ngo',
        listNumber: 1,
        version,
        revoked,
        suspended: new Uint8Array(16_384).fill(255 - fill),
      };
    };

    it("stores a list's bits and gives back the highest version", async () => {
      expect(await store.latestStatusListSnapshot('ngo', 1)).toBeUndefined();
      await store.saveStatusListSnapshot(bits(3, 0b1010_0000));
      await store.saveStatusListSnapshot(bits(7, 0b0000_0101));
      expect(await store.latestStatusListSnapshot('ngo', 1)).toEqual(bits(7, 0b0000_0101));
      expect(await store.latestStatusListSnapshot('ngo', 2)).toBeUndefined();
      expect(await store.latestStatusListSnapshot('ipa', 1)).toBeUndefined();
    });

    it('never lets an older snapshot saved later replace a newer one', async () => {
      await store.saveStatusListSnapshot(bits(9, 1));
      await store.saveStatusListSnapshot(bits(4, 2));
      expect(await store.latestStatusListSnapshot('ngo', 1)).toEqual(bits(9, 1));
    });

    it('keeps one snapshot when two writers save the same version, and the newest of racing ones', async () => {
      await Promise.all([
        store.saveStatusListSnapshot(bits(5, 3)),
        store.saveStatusListSnapshot(bits(5, 3)),
      ]);
      expect(await store.latestStatusListSnapshot('ngo', 1)).toEqual(bits(5, 3));
      await Promise.all(
        [6, 8, 7, 6].map((version) => store.saveStatusListSnapshot(bits(version, 4))),
      );
      expect(await store.latestStatusListSnapshot('ngo', 1)).toEqual(bits(8, 4));
    });
  });
});
