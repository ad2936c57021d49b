// Webhook endpoints, deliveries and attempts in MongoDB. Claims are inserts; the updates are
// conditional $sets that can safely run twice (FerretDB's findOneAndUpdate is not atomic, so
// nothing here depends on one).
import {
  WEBHOOK_DELIVERY_STATES,
  type WebhookAttemptOutcome,
  type WebhookAttemptRecord,
  type WebhookDeliveryRecord,
  type WebhookDeliveryState,
  type WebhookEndpointRecord,
  type WebhookSettlement,
  type WebhookStore,
} from '../ports/webhookStore.js';
import { insertIfAbsent, retryTransient as retry } from './errors.js';
import type {
  Models,
  WebhookAttemptDoc,
  WebhookDeliveryDoc,
  WebhookEndpointDoc,
} from './models.js';

/** Optional fields are left out when absent, as the SQLite adapter leaves them. */
function present<T extends object>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== null),
  ) as T;
}

export function toWebhookEndpoint(doc: WebhookEndpointDoc): WebhookEndpointRecord {
  return present({
    id: doc.id,
    issuerSlug: doc.issuerSlug,
    url: doc.url,
    events: [...doc.events],
    description: doc.description,
    sealedSecret: doc.sealedSecret,
    createdAt: doc.createdAt,
    deletedAt: doc.deletedAt,
  } satisfies { [K in keyof Required<WebhookEndpointRecord>]: WebhookEndpointRecord[K] });
}

export function toWebhookDelivery(doc: WebhookDeliveryDoc): WebhookDeliveryRecord {
  return present({
    id: doc.id,
    endpointId: doc.endpointId,
    eventId: doc.eventId,
    eventType: doc.eventType,
    payload: doc.payload,
    createdAt: doc.createdAt,
    nextAttemptAt: doc.nextAttemptAt,
    settled: doc.settled,
    settledAt: doc.settledAt,
  } satisfies { [K in keyof Required<WebhookDeliveryRecord>]: WebhookDeliveryRecord[K] });
}

export function toWebhookAttempt(doc: WebhookAttemptDoc): WebhookAttemptRecord {
  return present({
    deliveryId: doc.deliveryId,
    attempt: doc.attempt,
    startedAt: doc.startedAt,
    finishedAt: doc.finishedAt,
    httpStatus: doc.httpStatus,
    error: doc.error,
  } satisfies { [K in keyof Required<WebhookAttemptRecord>]: WebhookAttemptRecord[K] });
}

export class MongoWebhookStore implements WebhookStore {
  constructor(private readonly models: Models) {}

  async insertWebhookEndpoint(endpoint: WebhookEndpointRecord): Promise<void> {
    await this.models.webhookEndpoints.create(endpoint);
  }

  async listWebhookEndpoints(issuerSlug: string): Promise<WebhookEndpointRecord[]> {
    // _id breaks ties between endpoints made in one instant, in the order they were written.
    const docs = await retry(() =>
      this.models.webhookEndpoints
        .find({ issuerSlug, deletedAt: { $exists: false } })
        .sort({ createdAt: 1, _id: 1 })
        .lean<WebhookEndpointDoc[]>(),
    );
    return docs.map(toWebhookEndpoint);
  }

  async findWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | undefined> {
    const doc = await retry(() =>
      this.models.webhookEndpoints.findOne({ id }).lean<WebhookEndpointDoc>(),
    );
    return doc ? toWebhookEndpoint(doc) : undefined;
  }

  async deleteWebhookEndpoint(issuerSlug: string, id: string, deletedAt: string): Promise<boolean> {
    const live = { issuerSlug, id, deletedAt: { $exists: false } };
    if (!(await retry(() => this.models.webhookEndpoints.exists(live)))) return false;
    // Conditional, so the first deletion's time stays if two run at once.
    await retry(() => this.models.webhookEndpoints.updateOne(live, { $set: { deletedAt } }));
    return true;
  }

  async queueWebhookDelivery(delivery: WebhookDeliveryRecord): Promise<boolean> {
    return insertIfAbsent(() => this.models.webhookDeliveries.create(delivery));
  }

  async listWebhookDeliveries(endpointId: string, limit: number): Promise<WebhookDeliveryRecord[]> {
    const docs = await retry(() =>
      this.models.webhookDeliveries
        .find({ endpointId })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .lean<WebhookDeliveryDoc[]>(),
    );
    return docs.map(toWebhookDelivery);
  }

  async listDueWebhookDeliveries(now: string, limit: number): Promise<WebhookDeliveryRecord[]> {
    const docs = await retry(() =>
      this.models.webhookDeliveries
        .find({ settled: { $exists: false }, nextAttemptAt: { $lte: now } })
        .sort({ nextAttemptAt: 1, _id: 1 })
        .limit(limit)
        .lean<WebhookDeliveryDoc[]>(),
    );
    return docs.map(toWebhookDelivery);
  }

  async countWebhookDeliveriesByState(): Promise<Record<WebhookDeliveryState, number>> {
    // A pending delivery has no settled field at all, as listDueWebhookDeliveries reads it.
    const filterOf = (state: WebhookDeliveryState) =>
      state === 'pending' ? { settled: { $exists: false } } : { settled: state };
    const counts = await Promise.all(
      WEBHOOK_DELIVERY_STATES.map((state) =>
        retry(() => this.models.webhookDeliveries.countDocuments(filterOf(state))),
      ),
    );
    return Object.fromEntries(
      WEBHOOK_DELIVERY_STATES.map((state, i) => [state, counts[i] ?? 0]),
    ) as Record<WebhookDeliveryState, number>;
  }

  async rescheduleWebhookDelivery(id: string, nextAttemptAt: string): Promise<void> {
    await retry(() =>
      this.models.webhookDeliveries.updateOne(
        { id, settled: { $exists: false } },
        { $set: { nextAttemptAt } },
      ),
    );
  }

  async settleWebhookDelivery(id: string, settled: WebhookSettlement, at: string): Promise<void> {
    await retry(() =>
      this.models.webhookDeliveries.updateOne(
        { id, settled: { $exists: false } },
        { $set: { settled, settledAt: at } },
      ),
    );
  }

  async claimWebhookAttempt(attempt: WebhookAttemptRecord): Promise<boolean> {
    return insertIfAbsent(() => this.models.webhookAttempts.create(attempt));
  }

  async finishWebhookAttempt(
    deliveryId: string,
    attempt: number,
    outcome: WebhookAttemptOutcome,
  ): Promise<void> {
    await retry(() =>
      this.models.webhookAttempts.updateOne({ deliveryId, attempt }, { $set: present(outcome) }),
    );
  }

  async listWebhookAttempts(deliveryIds: readonly string[]): Promise<WebhookAttemptRecord[]> {
    if (deliveryIds.length === 0) return [];
    const docs = await retry(() =>
      this.models.webhookAttempts
        .find({ deliveryId: { $in: [...deliveryIds] } })
        .sort({ deliveryId: 1, attempt: 1 })
        .lean<WebhookAttemptDoc[]>(),
    );
    return docs.map(toWebhookAttempt);
  }
}
