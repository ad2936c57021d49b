// An issuer's webhook endpoints: registered under the URL policy, the signing secret shown once
// and kept encrypted, listed without it, deleted, and their delivery log.
import type { Clock } from '../core/clock.js';
import { NotFoundError, ValidationError } from '../core/problems.js';
import { SERVICE_EVENT_TYPES, type ServiceEventType } from '../events/serviceEvents.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type { KeyEncryption } from '../keys/keyEncryption.js';
import type { UrlPolicy } from '../net/fetchWithPolicy.js';
import type {
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
  WebhookStore,
} from '../store/port.js';
import { generateWebhookSecret } from './webhookSecret.js';

export interface WebhookInput {
  url: string;
  events: ServiceEventType[];
  description?: string;
}

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  description?: string;
  createdAt: string;
}

export interface AttemptView {
  attempt: number;
  at: string;
  finishedAt?: string;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why there is no status: refused by the URL policy, unreachable, timed out. */
  error?: string;
}

export interface DeliveryView {
  /** Sent as webhook-id on every attempt. */
  id: string;
  event: string;
  type: string;
  state: 'queued' | 'delivered' | 'failed';
  createdAt: string;
  /** When the next attempt is due, while queued. */
  nextAttemptAt?: string;
  attempts: AttemptView[];
}

/** Deliveries shown per endpoint, newest first. */
const DELIVERY_LOG_LIMIT = 100;

export class WebhookEndpoints {
  constructor(
    private readonly store: Pick<
      WebhookStore,
      | 'insertWebhookEndpoint'
      | 'listWebhookEndpoints'
      | 'findWebhookEndpoint'
      | 'deleteWebhookEndpoint'
      | 'listWebhookDeliveries'
      | 'listWebhookAttempts'
    >,
    private readonly issuers: Pick<IssuerService, 'get'>,
    private readonly policy: Pick<UrlPolicy, 'refusal'>,
    private readonly keyEncryption: Pick<KeyEncryption, 'encrypt'>,
    private readonly clock: Clock,
  ) {}

  /** The endpoint and its signing secret, which is never shown again. */
  async register(
    slug: string,
    input: WebhookInput,
  ): Promise<{ webhook: WebhookView; secret: string }> {
    await this.issuers.get(slug);
    // Checked now so a mistake shows at once; every delivery is checked again when it is sent.
    const refusal = await this.policy.refusal(input.url);
    if (refusal) throw new ValidationError([{ field: 'url', message: refusal }]);
    const secret = generateWebhookSecret();
    const record: WebhookEndpointRecord = {
      id: crypto.randomUUID(),
      issuerSlug: slug,
      url: input.url,
      // One order for the same set, whatever order they were asked in.
      events: SERVICE_EVENT_TYPES.filter((type) => input.events.includes(type)),
      ...(input.description !== undefined ? { description: input.description } : {}),
      sealedSecret: this.keyEncryption.encrypt(secret),
      createdAt: this.clock().toISOString(),
    };
    await this.store.insertWebhookEndpoint(record);
    return { webhook: view(record), secret };
  }

  async list(slug: string): Promise<WebhookView[]> {
    await this.issuers.get(slug);
    return (await this.store.listWebhookEndpoints(slug)).map(view);
  }

  async remove(slug: string, id: string): Promise<void> {
    if (!(await this.store.deleteWebhookEndpoint(slug, id, this.clock().toISOString()))) {
      throw notFound(slug, id);
    }
  }

  /** One endpoint of this issuer's; another issuer's is answered like one that does not exist. */
  async one(slug: string, id: string): Promise<WebhookView> {
    return view(await this.#endpoint(slug, id));
  }

  async #endpoint(slug: string, id: string): Promise<WebhookEndpointRecord> {
    const endpoint = await this.store.findWebhookEndpoint(id);
    if (!endpoint || endpoint.issuerSlug !== slug || endpoint.deletedAt) throw notFound(slug, id);
    return endpoint;
  }

  async deliveries(slug: string, id: string): Promise<DeliveryView[]> {
    await this.#endpoint(slug, id);
    const deliveries = await this.store.listWebhookDeliveries(id, DELIVERY_LOG_LIMIT);
    const attempts = await this.store.listWebhookAttempts(deliveries.map((d) => d.id));
    return deliveries.map((delivery) =>
      deliveryView(
        delivery,
        attempts.filter((attempt) => attempt.deliveryId === delivery.id),
      ),
    );
  }
}

function notFound(slug: string, id: string): NotFoundError {
  return new NotFoundError(`issuer "${slug}" has no webhook with id ${id}`);
}

function view(record: WebhookEndpointRecord): WebhookView {
  return {
    id: record.id,
    url: record.url,
    events: record.events,
    ...(record.description !== undefined ? { description: record.description } : {}),
    createdAt: record.createdAt,
  };
}

function deliveryView(
  delivery: WebhookDeliveryRecord,
  attempts: WebhookAttemptRecord[],
): DeliveryView {
  const state = delivery.settled ?? 'queued';
  return {
    id: delivery.id,
    event: delivery.eventId,
    type: delivery.eventType,
    state,
    createdAt: delivery.createdAt,
    ...(state === 'queued' ? { nextAttemptAt: delivery.nextAttemptAt } : {}),
    attempts: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      at: attempt.startedAt,
      ...(attempt.finishedAt !== undefined ? { finishedAt: attempt.finishedAt } : {}),
      ...(attempt.httpStatus !== undefined ? { status: attempt.httpStatus } : {}),
      ...(attempt.error !== undefined ? { error: attempt.error } : {}),
    })),
  };
}
