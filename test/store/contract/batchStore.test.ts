// The BatchStore contract: a batch stored whole, each row claimed once by insert with the id its
// credential will have, runner leases by generation and one completion, on every adapter.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BatchRecord, Store } from '../../../src/store/port.js';
import { DuplicateKeyError } from '../../../src/store/port.js';
import { issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

function batch(fields: Partial<BatchRecord> = {}): BatchRecord {
  return {
    id: randomUUID(),
    issuerSlug: 'ngo',
    format: 'di',
    rows: JSON.stringify([{ recipient: 'a@example.org', achievement: 'digital-basics' }]),
    total: 1,
    actor: 'admin',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

describeOnEachStore('BatchStore', (current) => {
  let store: Store;
  beforeEach(async () => {
    store = current();
    await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
  });

  describe('batches', () => {
    it('keeps a batch with every field, and lists an issuer’s newest first', async () => {
      const first = batch({ achievement: JSON.stringify({ name: 'Inline' }), format: 'jwt' });
      const second = batch({ createdAt: '2026-01-02T00:00:00.000Z' });
      await store.insertBatch(first);
      await store.insertBatch(second);
      expect(await store.findBatch(first.id)).toEqual(first);
      expect(await store.findBatch(randomUUID())).toBeUndefined();
      expect((await store.listBatches('ngo', 10)).map((b) => b.id)).toEqual([second.id, first.id]);
      expect(await store.listBatches('other', 10)).toEqual([]);
      await expect(store.insertBatch(first)).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    it('lists a batch as unfinished until its completion is claimed, which happens once', async () => {
      const done = batch();
      const open = batch({ createdAt: '2026-01-03T00:00:00.000Z' });
      await store.insertBatch(done);
      await store.insertBatch(open);
      expect(await store.claimBatchCompletion(done.id, '2026-01-04T00:00:00.000Z')).toBe(true);
      expect(await store.claimBatchCompletion(done.id, '2026-01-05T00:00:00.000Z')).toBe(false);
      expect(await store.batchCompletedAt(done.id)).toBe('2026-01-04T00:00:00.000Z');
      expect(await store.batchCompletedAt(open.id)).toBeUndefined();
      const unfinished = (await store.listUnfinishedBatches(10)).map((b) => b.id);
      expect(unfinished).toContain(open.id);
      expect(unfinished).not.toContain(done.id);
    });
  });

  describe('rows', () => {
    it('claims each row once, then moves only a claimed row to its outcome', async () => {
      const { id } = batch();
      await store.insertBatch(batch({ id }));
      const credentialId = randomUUID();
      const claim = {
        batchId: id,
        row: 2,
        state: 'claimed' as const,
        credentialId,
        updatedAt: '2026-01-01T00:00:01.000Z',
      };
      await store.claimBatchRow(claim);
      await expect(
        store.claimBatchRow({ ...claim, credentialId: randomUUID() }),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      await store.claimBatchRow({
        batchId: id,
        row: 1,
        state: 'failed',
        fieldErrors: JSON.stringify([{ field: 'recipient', message: 'is not an e-mail address' }]),
        updatedAt: '2026-01-01T00:00:01.000Z',
      });
      await store.finishBatchRow(id, 2, { state: 'issued', updatedAt: '2026-01-01T00:00:02.000Z' });
      // A finished row stays as it is: a late runner cannot turn it back into a failure.
      await store.finishBatchRow(id, 2, {
        state: 'failed',
        fieldErrors: '[]',
        updatedAt: '2026-01-01T00:00:03.000Z',
      });
      const rows = await store.listBatchRows(id);
      expect(rows.map((r) => [r.row, r.state])).toEqual([
        [1, 'failed'],
        [2, 'issued'],
      ]);
      expect(rows[1]).toEqual({ ...claim, state: 'issued', updatedAt: '2026-01-01T00:00:02.000Z' });
      expect(JSON.parse(rows[0]?.fieldErrors ?? '[]')).toEqual([
        { field: 'recipient', message: 'is not an e-mail address' },
      ]);
    });
  });

  describe('leases', () => {
    it('gives each generation to one runner, and only its holder extends it', async () => {
      const { id } = batch();
      await store.insertBatch(batch({ id }));
      expect(await store.latestBatchLease(id)).toBeUndefined();
      const lease = { batchId: id, generation: 1, holder: 'a', expiresAt: '2026-01-01T00:01:00Z' };
      await store.claimBatchLease(lease);
      await expect(store.claimBatchLease({ ...lease, holder: 'b' })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      await store.renewBatchLease({ ...lease, holder: 'b', expiresAt: '2026-01-01T09:00:00Z' });
      expect(await store.latestBatchLease(id)).toEqual(lease);
      await store.renewBatchLease({ ...lease, expiresAt: '2026-01-01T00:02:00Z' });
      expect((await store.latestBatchLease(id))?.expiresAt).toBe('2026-01-01T00:02:00Z');
      // Given up early (a runner that stops): an earlier expiry is set as well.
      await store.renewBatchLease({ ...lease, expiresAt: '2026-01-01T00:00:30Z' });
      expect((await store.latestBatchLease(id))?.expiresAt).toBe('2026-01-01T00:00:30Z');
      const next = { batchId: id, generation: 2, holder: 'b', expiresAt: '2026-01-01T00:05:00Z' };
      await store.claimBatchLease(next);
      expect(await store.latestBatchLease(id)).toEqual(next);
    });
  });
});
