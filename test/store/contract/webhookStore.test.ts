// The WebhookStore contract: endpoints, the delivery outbox and its attempts, the same tests on
// every adapter. Deliveries and attempts are claimed by insert, so racing claims have one winner.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type {
  Store,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from '../../../src/store/port.js';
import { issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

function endpoint(fields: Partial<WebhookEndpointRecord> = {}): WebhookEndpointRecord {
  return {
    id: randomUUID(),
    issuerSlug: 'ngo',
    url: 'https://crm.ngo.example/hooks/credentials',
    events: ['credential.issued', 'credential.revoked'],
    sealedSecret: `v1.sealed.${randomUUID()}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

function delivery(
  endpointId: string,
  fields: Partial<WebhookDeliveryRecord> = {},
): WebhookDeliveryRecord {
  return {
    id: randomUUID(),
    endpointId,
    eventId: `credential.issued:${randomUUID()}`,
    eventType: 'credential.issued',
    payload: '{"type":"credential.issued","odd.key":{"$literal":"kept verbatim"}}',
    createdAt: '2026-01-01T00:00:00.000Z',
    nextAttemptAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

describeOnEachStore('WebhookStore', (current) => {
  let store: Store;
  beforeEach(async () => {
    store = current();
    await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
    await store.insertIssuer(issuer('ipa'), issuerKey('ipa'));
  });

  describe('endpoints', () => {
    it("finds an endpoint with every field as stored, and lists an issuer's oldest first", async () => {
      const second = endpoint({ createdAt: '2026-01-02T00:00:00.000Z', description: 'CRM' });
      const first = endpoint();
      await store.insertWebhookEndpoint(second);
      await store.insertWebhookEndpoint(first);
      await store.insertWebhookEndpoint(endpoint({ issuerSlug: 'ipa' }));
      expect(await store.findWebhookEndpoint(second.id)).toEqual(second);
      expect(await store.findWebhookEndpoint(randomUUID())).toBeUndefined();
      expect(await store.listWebhookEndpoints('ngo')).toEqual([first, second]);
    });

    it('deletes an endpoint of its own issuer once: unlisted, still found, the first time kept', async () => {
      const made = endpoint();
      await store.insertWebhookEndpoint(made);
      expect(await store.deleteWebhookEndpoint('ipa', made.id, '2026-02-01T00:00:00.000Z')).toBe(
        false,
      );
      expect(await store.deleteWebhookEndpoint('ngo', made.id, '2026-02-01T00:00:00.000Z')).toBe(
        true,
      );
      expect(await store.deleteWebhookEndpoint('ngo', made.id, '2026-03-01T00:00:00.000Z')).toBe(
        false,
      );
      expect(await store.listWebhookEndpoints('ngo')).toEqual([]);
      expect(await store.findWebhookEndpoint(made.id)).toEqual({
        ...made,
        deletedAt: '2026-02-01T00:00:00.000Z',
      });
    });
  });

  describe('deliveries', () => {
    let hook: WebhookEndpointRecord;
    beforeEach(async () => {
      hook = endpoint();
      await store.insertWebhookEndpoint(hook);
    });

    it('queues one delivery per endpoint and event, however many race for it', async () => {
      const eventId = 'credential.issued:5f0e6c1e-3a77-4c39-9d6e-2b4f3f8a9b10';
      const racing = await Promise.all(
        Array.from({ length: 5 }, () => store.queueWebhookDelivery(delivery(hook.id, { eventId }))),
      );
      expect(racing.filter(Boolean)).toHaveLength(1);
      const other = endpoint();
      await store.insertWebhookEndpoint(other);
      expect(await store.queueWebhookDelivery(delivery(other.id, { eventId }))).toBe(true);
      const [queued] = await store.listWebhookDeliveries(hook.id, 10);
      expect(queued?.eventId).toBe(eventId);
      expect(queued?.payload).toBe(
        '{"type":"credential.issued","odd.key":{"$literal":"kept verbatim"}}',
      );
    });

    it("lists an endpoint's deliveries newest first, at most the limit", async () => {
      const made = ['01', '03', '02'].map((day) =>
        delivery(hook.id, { createdAt: `2026-01-${day}T00:00:00.000Z` }),
      );
      for (const record of made) await store.queueWebhookDelivery(record);
      expect(await store.listWebhookDeliveries(hook.id, 2)).toEqual([made[1], made[2]]);
    });

    it('lists what is due, earliest first, and settles once', async () => {
      const later = delivery(hook.id, { nextAttemptAt: '2026-01-01T00:10:00.000Z' });
      const sooner = delivery(hook.id, { nextAttemptAt: '2026-01-01T00:05:00.000Z' });
      const notYet = delivery(hook.id, { nextAttemptAt: '2026-01-02T00:00:00.000Z' });
      for (const record of [later, sooner, notYet]) await store.queueWebhookDelivery(record);
      const dueAt = (now: string) =>
        store.listDueWebhookDeliveries(now, 10).then((due) => due.map((d) => d.id));
      expect(await dueAt('2026-01-01T01:00:00.000Z')).toEqual([sooner.id, later.id]);
      expect(await store.listDueWebhookDeliveries('2026-01-01T01:00:00.000Z', 1)).toEqual([sooner]);

      await store.rescheduleWebhookDelivery(sooner.id, '2026-01-01T02:00:00.000Z');
      expect(await dueAt('2026-01-01T01:00:00.000Z')).toEqual([later.id]);

      await store.settleWebhookDelivery(later.id, 'delivered', '2026-01-01T00:10:01.000Z');
      await store.settleWebhookDelivery(later.id, 'failed', '2026-01-01T00:20:00.000Z');
      // Settled: neither due nor moved by a late reschedule.
      await store.rescheduleWebhookDelivery(later.id, '2026-01-01T00:00:00.000Z');
      expect(await dueAt('2026-01-03T00:00:00.000Z')).toEqual([sooner.id, notYet.id]);
      const [listed] = (await store.listWebhookDeliveries(hook.id, 10)).filter(
        (d) => d.id === later.id,
      );
      expect(listed).toEqual({
        ...later,
        settled: 'delivered',
        settledAt: '2026-01-01T00:10:01.000Z',
      });
    });
  });

  describe('delivery depth', () => {
    it('counts deliveries pending, delivered and failed, naming the empty ones 0', async () => {
      expect(await store.countWebhookDeliveriesByState()).toEqual({
        pending: 0,
        delivered: 0,
        failed: 0,
      });
      const hook = endpoint();
      await store.insertWebhookEndpoint(hook);
      const [delivered, failed, pending] = [
        delivery(hook.id),
        delivery(hook.id),
        delivery(hook.id),
      ];
      for (const record of [delivered, failed, pending]) await store.queueWebhookDelivery(record);
      await store.queueWebhookDelivery(delivery(hook.id));
      await store.settleWebhookDelivery(delivered.id, 'delivered', '2026-01-01T00:00:01.000Z');
      await store.settleWebhookDelivery(failed.id, 'failed', '2026-01-01T00:00:02.000Z');
      expect(await store.countWebhookDeliveriesByState()).toEqual({
        pending: 2,
        delivered: 1,
        failed: 1,
      });
    });
  });

  describe('attempts', () => {
    it('claims each attempt number once, however many race, and records its outcome', async () => {
      const hook = endpoint();
      await store.insertWebhookEndpoint(hook);
      const queued = delivery(hook.id);
      const other = delivery(hook.id);
      await store.queueWebhookDelivery(queued);
      await store.queueWebhookDelivery(other);
      const first = { deliveryId: queued.id, attempt: 1, startedAt: '2026-01-01T00:00:00.000Z' };
      const racing = await Promise.all(
        Array.from({ length: 5 }, () => store.claimWebhookAttempt(first)),
      );
      expect(racing.filter(Boolean)).toHaveLength(1);
      await store.finishWebhookAttempt(queued.id, 1, {
        finishedAt: '2026-01-01T00:00:01.000Z',
        httpStatus: 500,
      });
      const second = { deliveryId: queued.id, attempt: 2, startedAt: '2026-01-01T00:00:30.000Z' };
      expect(await store.claimWebhookAttempt(second)).toBe(true);
      await store.finishWebhookAttempt(queued.id, 2, {
        finishedAt: '2026-01-01T00:00:35.000Z',
        error: 'https://crm.ngo.example/hooks: could not be fetched (timeout)',
      });
      const underWay = { deliveryId: other.id, attempt: 1, startedAt: '2026-01-01T00:01:00.000Z' };
      expect(await store.claimWebhookAttempt(underWay)).toBe(true);

      expect(await store.listWebhookAttempts([queued.id])).toEqual([
        { ...first, finishedAt: '2026-01-01T00:00:01.000Z', httpStatus: 500 },
        {
          ...second,
          finishedAt: '2026-01-01T00:00:35.000Z',
          error: 'https://crm.ngo.example/hooks: could not be fetched (timeout)',
        },
      ]);
      expect(await store.listWebhookAttempts([other.id])).toEqual([underWay]);
      expect(await store.listWebhookAttempts([])).toEqual([]);
      expect(await store.listWebhookAttempts([queued.id, other.id])).toHaveLength(3);
    });
  });
});
