// Issuers' webhook endpoints and the delivery outbox. One delivery per (endpoint, event) and one
// attempt per (delivery, attempt number) are unique keys claimed by insert: an event told twice
// queues once, and instances sharing one store never send the same attempt twice.

export interface WebhookEndpointRecord {
  /** A UUID, how the issuer names the endpoint. */
  id: string;
  issuerSlug: string;
  url: string;
  /** The event types it receives. */
  events: string[];
  description?: string;
  /** The signing secret, encrypted at rest (keys/keyEncryption.ts). */
  sealedSecret: string;
  createdAt: string;
  /** Set once the issuer deleted it: it is no longer listed and receives nothing. */
  deletedAt?: string;
}

export type WebhookSettlement = 'delivered' | 'failed';
/** Where a delivery stands: still being tried (pending), or settled. */
export type WebhookDeliveryState = 'pending' | WebhookSettlement;
export const WEBHOOK_DELIVERY_STATES: readonly WebhookDeliveryState[] = [
  'pending',
  'delivered',
  'failed',
];

export interface WebhookDeliveryRecord {
  /** A UUID, sent as webhook-id on every attempt. */
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  /** The JSON body, fixed when queued so every attempt sends (and signs) the same bytes. */
  payload: string;
  createdAt: string;
  /** When the sender should look at it next; the attempts themselves decide what is due. */
  nextAttemptAt: string;
  /** Set once: delivered, or given up. */
  settled?: WebhookSettlement;
  settledAt?: string;
}

export interface WebhookAttemptRecord {
  deliveryId: string;
  /** 1 for the first attempt. */
  attempt: number;
  startedAt: string;
  /** Missing while the attempt is under way (or when its sender stopped mid-way). */
  finishedAt?: string;
  httpStatus?: number;
  error?: string;
}

export type WebhookAttemptOutcome = Required<Pick<WebhookAttemptRecord, 'finishedAt'>> &
  Pick<WebhookAttemptRecord, 'httpStatus' | 'error'>;

export interface WebhookStore {
  insertWebhookEndpoint(endpoint: WebhookEndpointRecord): Promise<void>;
  /** The issuer's endpoints that are not deleted, oldest first. */
  listWebhookEndpoints(issuerSlug: string): Promise<WebhookEndpointRecord[]>;
  /** Deleted ones too: the sender needs to know an endpoint is gone. */
  findWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | undefined>;
  /** Marks it deleted; false when the issuer has no such endpoint that is not deleted already. */
  deleteWebhookEndpoint(issuerSlug: string, id: string, deletedAt: string): Promise<boolean>;

  /** Queues a delivery; false when this endpoint already has one for this event. */
  queueWebhookDelivery(delivery: WebhookDeliveryRecord): Promise<boolean>;
  /** An endpoint's deliveries, newest first, at most `limit`. */
  listWebhookDeliveries(endpointId: string, limit: number): Promise<WebhookDeliveryRecord[]>;
  /** Deliveries not settled whose nextAttemptAt is at or before `now`, earliest first. */
  listDueWebhookDeliveries(now: string, limit: number): Promise<WebhookDeliveryRecord[]>;
  rescheduleWebhookDelivery(id: string, nextAttemptAt: string): Promise<void>;
  /** Settles the delivery; the first settlement stays. */
  settleWebhookDelivery(id: string, settled: WebhookSettlement, at: string): Promise<void>;

  /** How many deliveries are in each state now (every state named, 0 when none). */
  countWebhookDeliveriesByState(): Promise<Record<WebhookDeliveryState, number>>;

  /** Claims the attempt; false when it was claimed already (by this or another instance). */
  claimWebhookAttempt(attempt: WebhookAttemptRecord): Promise<boolean>;
  finishWebhookAttempt(
    deliveryId: string,
    attempt: number,
    outcome: WebhookAttemptOutcome,
  ): Promise<void>;
  /** The attempts of these deliveries, by delivery and attempt number. */
  listWebhookAttempts(deliveryIds: readonly string[]): Promise<WebhookAttemptRecord[]>;
}
