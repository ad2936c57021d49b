// Webhook endpoints, deliveries and attempts in SQLite.
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
import type { SqliteDatabase } from './database.js';
import { optional, type Row } from './rows.js';
import { insertIfAbsent } from './uniqueKeys.js';

export function toWebhookEndpoint(row: Row): WebhookEndpointRecord {
  const record: WebhookEndpointRecord = {
    id: String(row.id),
    issuerSlug: String(row.issuer_slug),
    url: String(row.url),
    events: String(row.events).split(','),
    sealedSecret: String(row.sealed_secret),
    createdAt: String(row.created_at),
  };
  const description = optional(row.description);
  if (description !== undefined) record.description = description;
  const deletedAt = optional(row.deleted_at);
  if (deletedAt !== undefined) record.deletedAt = deletedAt;
  return record;
}

export function toWebhookDelivery(row: Row): WebhookDeliveryRecord {
  const record: WebhookDeliveryRecord = {
    id: String(row.id),
    endpointId: String(row.endpoint_id),
    eventId: String(row.event_id),
    eventType: String(row.event_type),
    payload: String(row.payload),
    createdAt: String(row.created_at),
    nextAttemptAt: String(row.next_attempt_at),
  };
  if (row.settled === 'delivered' || row.settled === 'failed') {
    record.settled = row.settled;
    record.settledAt = String(row.settled_at);
  }
  return record;
}

export function toWebhookAttempt(row: Row): WebhookAttemptRecord {
  const record: WebhookAttemptRecord = {
    deliveryId: String(row.delivery_id),
    attempt: Number(row.attempt),
    startedAt: String(row.started_at),
  };
  const finishedAt = optional(row.finished_at);
  if (finishedAt !== undefined) record.finishedAt = finishedAt;
  if (row.http_status !== null && row.http_status !== undefined) {
    record.httpStatus = Number(row.http_status);
  }
  const error = optional(row.error);
  if (error !== undefined) record.error = error;
  return record;
}

export function insertWebhookEndpointRow(db: SqliteDatabase, endpoint: WebhookEndpointRecord) {
  db.run(
    `INSERT INTO webhook_endpoints
       (id, issuer_slug, url, events, description, sealed_secret, created_at, deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    endpoint.id,
    endpoint.issuerSlug,
    endpoint.url,
    endpoint.events.join(','),
    endpoint.description ?? null,
    endpoint.sealedSecret,
    endpoint.createdAt,
    endpoint.deletedAt ?? null,
  );
}

export function insertWebhookDeliveryRow(db: SqliteDatabase, delivery: WebhookDeliveryRecord) {
  db.run(
    `INSERT INTO webhook_deliveries
       (id, endpoint_id, event_id, event_type, payload, created_at, next_attempt_at, settled,
        settled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    delivery.id,
    delivery.endpointId,
    delivery.eventId,
    delivery.eventType,
    delivery.payload,
    delivery.createdAt,
    delivery.nextAttemptAt,
    delivery.settled ?? null,
    delivery.settledAt ?? null,
  );
}

export function insertWebhookAttemptRow(db: SqliteDatabase, attempt: WebhookAttemptRecord) {
  db.run(
    `INSERT INTO webhook_attempts
       (delivery_id, attempt, started_at, finished_at, http_status, error)
     VALUES (?, ?, ?, ?, ?, ?)`,
    attempt.deliveryId,
    attempt.attempt,
    attempt.startedAt,
    attempt.finishedAt ?? null,
    attempt.httpStatus ?? null,
    attempt.error ?? null,
  );
}

export class SqliteWebhookStore implements WebhookStore {
  constructor(private readonly db: SqliteDatabase) {}

  async insertWebhookEndpoint(endpoint: WebhookEndpointRecord): Promise<void> {
    insertWebhookEndpointRow(this.db, endpoint);
  }

  async listWebhookEndpoints(issuerSlug: string): Promise<WebhookEndpointRecord[]> {
    return this.db
      .all(
        `SELECT * FROM webhook_endpoints WHERE issuer_slug = ? AND deleted_at IS NULL
         ORDER BY created_at, rowid`,
        issuerSlug,
      )
      .map(toWebhookEndpoint);
  }

  async findWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | undefined> {
    const row = this.db.get('SELECT * FROM webhook_endpoints WHERE id = ?', id);
    return row ? toWebhookEndpoint(row) : undefined;
  }

  async deleteWebhookEndpoint(issuerSlug: string, id: string, deletedAt: string): Promise<boolean> {
    const live = `FROM webhook_endpoints WHERE issuer_slug = ? AND id = ? AND deleted_at IS NULL`;
    if (!this.db.get(`SELECT 1 AS found ${live}`, issuerSlug, id)) return false;
    this.db.run(
      'UPDATE webhook_endpoints SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL',
      deletedAt,
      id,
    );
    return true;
  }

  async queueWebhookDelivery(delivery: WebhookDeliveryRecord): Promise<boolean> {
    return insertIfAbsent(() => insertWebhookDeliveryRow(this.db, delivery));
  }

  async listWebhookDeliveries(endpointId: string, limit: number): Promise<WebhookDeliveryRecord[]> {
    return this.db
      .all(
        `SELECT * FROM webhook_deliveries WHERE endpoint_id = ?
         ORDER BY created_at DESC, rowid DESC LIMIT ?`,
        endpointId,
        limit,
      )
      .map(toWebhookDelivery);
  }

  async listDueWebhookDeliveries(now: string, limit: number): Promise<WebhookDeliveryRecord[]> {
    return this.db
      .all(
        `SELECT * FROM webhook_deliveries WHERE settled IS NULL AND next_attempt_at <= ?
         ORDER BY next_attempt_at, rowid LIMIT ?`,
        now,
        limit,
      )
      .map(toWebhookDelivery);
  }

  async countWebhookDeliveriesByState(): Promise<Record<WebhookDeliveryState, number>> {
    const counts = Object.fromEntries(WEBHOOK_DELIVERY_STATES.map((state) => [state, 0])) as Record<
      WebhookDeliveryState,
      number
    >;
    const rows = this.db.all(
      `SELECT COALESCE(settled, 'pending') AS state, COUNT(*) AS n
       FROM webhook_deliveries GROUP BY settled`,
    );
    for (const row of rows) {
      const state = WEBHOOK_DELIVERY_STATES.find((candidate) => candidate === row.state);
      if (!state) throw new Error(`unknown webhook delivery state ${String(row.state)}`);
      counts[state] = Number(row.n);
    }
    return counts;
  }

  async rescheduleWebhookDelivery(id: string, nextAttemptAt: string): Promise<void> {
    this.db.run(
      'UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND settled IS NULL',
      nextAttemptAt,
      id,
    );
  }

  async settleWebhookDelivery(id: string, settled: WebhookSettlement, at: string): Promise<void> {
    this.db.run(
      `UPDATE webhook_deliveries SET settled = ?, settled_at = ? WHERE id = ? AND settled IS NULL`,
      settled,
      at,
      id,
    );
  }

  async claimWebhookAttempt(attempt: WebhookAttemptRecord): Promise<boolean> {
    return insertIfAbsent(() => insertWebhookAttemptRow(this.db, attempt));
  }

  async finishWebhookAttempt(
    deliveryId: string,
    attempt: number,
    outcome: WebhookAttemptOutcome,
  ): Promise<void> {
    this.db.run(
      `UPDATE webhook_attempts SET finished_at = ?, http_status = ?, error = ?
       WHERE delivery_id = ? AND attempt = ?`,
      outcome.finishedAt,
      outcome.httpStatus ?? null,
      outcome.error ?? null,
      deliveryId,
      attempt,
    );
  }

  async listWebhookAttempts(deliveryIds: readonly string[]): Promise<WebhookAttemptRecord[]> {
    if (deliveryIds.length === 0) return [];
    return this.db
      .all(
        `SELECT * FROM webhook_attempts WHERE delivery_id IN (${deliveryIds.map(() => '?').join(',')})
         ORDER BY delivery_id, attempt`,
        ...deliveryIds,
      )
      .map(toWebhookAttempt);
  }
}
