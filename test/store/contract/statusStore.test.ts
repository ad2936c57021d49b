// The StatusStore contract: status lists, indexes and events, the same tests on every adapter.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../../src/store/port.js';
import type { StatusEvent, StatusStore } from '../../../src/store/ports/statusStore.js';
import { statusEvent } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

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
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 5 }, a);
      await expect(
        store.claimStatusIndex('ngo', { listNumber: 1, index: 5 }, b),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      // The same position in another list or of another issuer is another index.
      await store.claimStatusIndex('ngo', { listNumber: 2, index: 5 }, b);
      await store.claimStatusIndex('ipa', { listNumber: 1, index: 5 }, randomUUID());
      expect(await store.listUsedStatusIndexes('ngo', 1)).toEqual([5]);
      expect(await store.listUsedStatusIndexes('ngo', 2)).toEqual([5]);
      expect(await store.listUsedStatusIndexes('ngo', 3)).toEqual([]);
    });

    it('lets one credential hold a second position, as a retry after a failed issue does', async () => {
      const id = randomUUID();
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 3 }, id);
      await store.releaseStatusIndex('ngo', { listNumber: 1, index: 3 });
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 4 }, id);
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 7 }, id);
      expect((await store.listUsedStatusIndexes('ngo', 1)).sort((x, y) => x - y)).toEqual([4, 7]);
    });

    it('frees a released index for the next credential', async () => {
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 9 }, randomUUID());
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 10 }, randomUUID());
      await store.releaseStatusIndex('ngo', { listNumber: 1, index: 9 });
      expect(await store.listUsedStatusIndexes('ngo', 1)).toEqual([10]);
      await store.claimStatusIndex('ngo', { listNumber: 1, index: 9 }, randomUUID());
      expect((await store.listUsedStatusIndexes('ngo', 1)).sort((x, y) => x - y)).toEqual([9, 10]);
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

    it('gives the latest state of every changed credential in one list', async () => {
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
        await store.claimStatusIndex('ngo', { listNumber, index }, id ?? '');
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
      ];
      for (const event of events.reverse()) await store.appendStatusEvent(event);
      await store.releaseStatusIndex('ngo', { listNumber: 1, index: 15 });

      expect(byIndex(await store.listStatusStates('ngo', 1))).toEqual([
        { index: 11, credentialId: revoked, state: 'revoked' },
        { index: 12, credentialId: reinstated, state: 'active' },
        { index: 13, credentialId: suspended, state: 'suspended' },
      ]);
      expect(await store.listStatusStates('ngo', 2)).toEqual([
        { index: 11, credentialId: otherList, state: 'revoked' },
      ]);
      expect(await store.listStatusStates('ipa', 1)).toEqual([]);
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
});
