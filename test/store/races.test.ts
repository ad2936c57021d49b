// Racing requests against every adapter: each invariant is a unique key an insert claims, so
// exactly one racer wins each key and every loser gets a clean answer, never a second copy.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError, type Store } from '../../src/store/port.js';
import { exportedRecords } from './records.js';
import { storeAdapters, type OpenStore } from './storeAdapters.js';

/** Starts every call before awaiting any, and reports how each one ended. */
function race<T>(
  count: number,
  call: (n: number) => Promise<T>,
): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(Array.from({ length: count }, (_, n) => call(n)));
}

function rejections<T>(results: PromiseSettledResult<T>[]): unknown[] {
  return results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
}

for (const adapter of storeAdapters()) {
  describe.skipIf(adapter.skipReason)(`Store races: ${adapter.name}`, () => {
    let opened: OpenStore;
    let store: Store;

    beforeEach(async () => {
      opened = await adapter.open();
      store = opened.store;
    });
    afterEach(async () => opened.dispose());

    it('200 idempotency claims on 150 keys: 150 claimed, 50 clean duplicate answers', async () => {
      const keyOf = (n: number) => `key-${n % 150}`;
      const results = await race(200, (n) =>
        store.claimIdempotencyKey({
          scope: 'ngo:awards',
          key: keyOf(n),
          requestHash: `h${n}`,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
        }),
      );
      expect(rejections(results)).toEqual([]);
      const answers = results.flatMap((result) =>
        result.status === 'fulfilled' ? [result.value] : [],
      );
      expect(answers.filter((answer) => answer.claimed)).toHaveLength(150);
      const duplicates = answers.flatMap((answer) => (answer.claimed ? [] : [answer.existing]));
      expect(duplicates).toHaveLength(50);
      expect(new Set(duplicates.map((existing) => existing.key)).size).toBe(50);
      for (const existing of duplicates) {
        expect(existing).toMatchObject({ scope: 'ngo:awards', response: undefined });
        expect(Number(existing.key.slice(4))).toBeLessThan(50);
      }
      // Each of the 150 keys is stored exactly once.
      const again = await Promise.all(
        Array.from({ length: 150 }, (_, n) =>
          store.claimIdempotencyKey({
            scope: 'ngo:awards',
            key: keyOf(n),
            requestHash: 'x',
            createdAt: '2026-02-01T00:00:00.000Z',
          }),
        ),
      );
      expect(again.every((answer) => !answer.claimed)).toBe(true);
    });

    it('200 status index claims on 60 positions: each position held once, every loser told so', async () => {
      const positionOf = (n: number) => ({
        listNumber: 1 + (n % 2),
        index: Math.floor(n / 2) % 30,
      });
      const results = await race(200, (n) =>
        store.claimStatusIndex('ngo', positionOf(n), randomUUID(), '2026-01-05T00:00:00.000Z'),
      );
      const losers = rejections(results);
      expect(losers.every((error) => error instanceof DuplicateKeyError)).toBe(true);
      expect(results.length - losers.length).toBe(60);
      for (const listNumber of [1, 2]) {
        const used = await store.listUsedStatusIndexes('ngo', listNumber);
        expect(used).toHaveLength(30);
        expect(new Set(used).size).toBe(30);
      }
    });

    it('50 claims of one tier copy: exactly one winner', async () => {
      const claim = { learnerKey: 'ana', achievementKey: 'dx-passport-2', epoch: 0 };
      const results = await race(50, (n) =>
        store.claimTierCopy({ ...claim, credentialId: `c${n}` }),
      );
      const losers = rejections(results);
      expect(losers).toHaveLength(49);
      expect(losers.every((error) => error instanceof DuplicateKeyError)).toBe(true);
      expect(await exportedRecords(store, ['tier_claims'])).toHaveLength(1);
    });

    it('50 claims of one expiry and one setting: one winner, and all agree on it', async () => {
      const id = randomUUID();
      const expiries = await Promise.all(
        Array.from({ length: 50 }, () => store.claimExpiryProcessing(id)),
      );
      expect(expiries.filter(Boolean)).toHaveLength(1);

      const settings = await Promise.all(
        Array.from({ length: 50 }, (_, n) => store.claimSetting('keyEncryption.salt', `salt-${n}`)),
      );
      expect(new Set(settings).size).toBe(1);
    });

    it('50 status changes claiming the same version: one is appended', async () => {
      const id = randomUUID();
      const results = await race(50, (n) =>
        store.appendStatusEvent({
          credentialId: id,
          issuerSlug: 'ngo',
          version: 1,
          action: 'revoke',
          state: 'revoked',
          reason: `reason ${n}`,
          actor: 'registrar',
          at: '2026-05-01T00:00:00.000Z',
        }),
      );
      expect(
        rejections(results).filter((error) => error instanceof DuplicateKeyError),
      ).toHaveLength(49);
      expect(await store.listStatusEvents(id)).toHaveLength(1);
    });
  });
}
