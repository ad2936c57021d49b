// The IdempotencyStore contract: idempotency keys, the same tests on every adapter.
import { beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyStore } from '../../../src/store/ports/idempotencyStore.js';
import { describeOnEachStore } from '../storeAdapters.js';

describeOnEachStore('IdempotencyStore', (current) => {
  let store: IdempotencyStore;
  beforeEach(() => {
    store = current();
  });

  describe('idempotency keys', () => {
    const claim = {
      scope: 'ngo:awards',
      key: 'award-ana-1',
      requestHash: 'h1',
      createdAt: '2026-05-01T09:00:00.000Z',
    };

    it('claims a key once; later claims get the stored record and, once complete, its response', async () => {
      expect(await store.claimIdempotencyKey(claim)).toEqual({ claimed: true });
      // The record keeps the first claim's time, as its caller's clock gave it.
      const pending = await store.claimIdempotencyKey({
        ...claim,
        requestHash: 'h2',
        createdAt: '2026-05-01T09:00:05.000Z',
      });
      expect(pending).toMatchObject({
        claimed: false,
        existing: { ...claim, response: undefined },
      });

      await store.completeIdempotencyKey(claim.scope, claim.key, '{"status":201}');
      expect(await store.claimIdempotencyKey(claim)).toMatchObject({
        claimed: false,
        existing: { ...claim, response: '{"status":201}' },
      });
      expect(await store.claimIdempotencyKey({ ...claim, scope: 'ipa:awards' })).toEqual({
        claimed: true,
      });
    });

    it('frees a released claim, but never a completed one', async () => {
      await store.claimIdempotencyKey(claim);
      await store.releaseIdempotencyKey(claim.scope, claim.key);
      expect(await store.claimIdempotencyKey(claim)).toEqual({ claimed: true });
      await store.completeIdempotencyKey(claim.scope, claim.key, '{"status":201}');
      await store.releaseIdempotencyKey(claim.scope, claim.key);
      expect(await store.claimIdempotencyKey(claim)).toMatchObject({
        claimed: false,
        existing: { response: '{"status":201}' },
      });
    });

    it('keeps the work id a claim names, and frees by its time only the claim made then', async () => {
      const named = { ...claim, workId: 'credential-uuid-1' };
      await store.claimIdempotencyKey(named);
      expect(await store.claimIdempotencyKey(claim)).toMatchObject({
        claimed: false,
        existing: named,
      });
      await store.releaseIdempotencyKey(claim.scope, claim.key, '2026-05-01T08:00:00.000Z');
      expect(await store.claimIdempotencyKey(claim)).toMatchObject({ claimed: false });
      await store.releaseIdempotencyKey(claim.scope, claim.key, claim.createdAt);
      expect(await store.claimIdempotencyKey(claim)).toEqual({ claimed: true });
    });
  });
});
