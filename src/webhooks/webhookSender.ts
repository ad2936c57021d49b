// Sends due webhook deliveries, one background round at a time. Each attempt is claimed by insert
// on (delivery, attempt number) before anything is sent, so instances sharing one store never
// send the same attempt twice; what is due is worked out from the attempts themselves.
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../core/clock.js';
import type { KeyEncryption } from '../keys/keyEncryption.js';
import { FetchRefusedError, type UrlPolicy } from '../net/fetchWithPolicy.js';
import type {
  WebhookAttemptOutcome,
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
  WebhookStore,
} from '../store/port.js';
import { attemptDueAt, retryDeadline, type RetryPolicy } from './retrySchedule.js';

/** Deliveries looked at per page, and pages per round (a round then yields to the next). */
const PAGE = 50;
const PAGES_PER_ROUND = 10;

/** A receiver gets this long to answer; Standard Webhooks asks receivers to answer quickly. */
const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * An attempt with no outcome after this long was cut off (its instance stopped): the delivery
 * goes on as if it had failed. Until then nobody else looks at the delivery.
 */
const ABANDONED_AFTER_MS = ATTEMPT_TIMEOUT_MS + 50_000;

type SenderStore = Pick<
  WebhookStore,
  | 'listDueWebhookDeliveries'
  | 'listWebhookAttempts'
  | 'findWebhookEndpoint'
  | 'claimWebhookAttempt'
  | 'finishWebhookAttempt'
  | 'rescheduleWebhookDelivery'
  | 'settleWebhookDelivery'
>;

const at = (iso: string): Date => new Date(iso);

export class WebhookSender {
  constructor(
    private readonly store: SenderStore,
    private readonly keyEncryption: Pick<KeyEncryption, 'decrypt'>,
    private readonly policy: Pick<UrlPolicy, 'post'>,
    private readonly clock: Clock,
    private readonly retry: RetryPolicy,
  ) {}

  /** One round: every delivery due now gets its next attempt (or is settled). */
  async run(): Promise<void> {
    for (let page = 0; page < PAGES_PER_ROUND; page += 1) {
      const due = await this.store.listDueWebhookDeliveries(this.clock().toISOString(), PAGE);
      if (due.length === 0) return;
      const attempts = await this.store.listWebhookAttempts(due.map((delivery) => delivery.id));
      const endpoints = new Map<string, Promise<WebhookEndpointRecord | undefined>>();
      const endpointOf = (id: string) => {
        if (!endpoints.has(id)) endpoints.set(id, this.store.findWebhookEndpoint(id));
        return endpoints.get(id) as Promise<WebhookEndpointRecord | undefined>;
      };
      await Promise.all(
        due.map(async (delivery) =>
          this.#advance(
            delivery,
            attempts.filter((attempt) => attempt.deliveryId === delivery.id),
            await endpointOf(delivery.endpointId),
          ),
        ),
      );
      if (due.length < PAGE) return;
    }
  }

  async #advance(
    delivery: WebhookDeliveryRecord,
    made: WebhookAttemptRecord[],
    endpoint: WebhookEndpointRecord | undefined,
  ): Promise<void> {
    const now = this.clock();
    if (!endpoint || endpoint.deletedAt) {
      // The issuer deleted the endpoint: what was still queued for it is not sent.
      await this.store.settleWebhookDelivery(delivery.id, 'failed', now.toISOString());
      return;
    }
    const last = made.at(-1);
    if (last && last.finishedAt === undefined) {
      const abandonedAt = at(last.startedAt).getTime() + ABANDONED_AFTER_MS;
      if (now.getTime() < abandonedAt) {
        await this.store.rescheduleWebhookDelivery(
          delivery.id,
          new Date(abandonedAt).toISOString(),
        );
        return;
      }
    }
    if (last !== undefined && isDelivered(last)) {
      // The attempt landed but its instance stopped before settling the delivery.
      await this.store.settleWebhookDelivery(delivery.id, 'delivered', now.toISOString());
      return;
    }
    const attempt = made.length + 1;
    if (!(await this.#dueNow(delivery, last && at(last.startedAt), attempt, now))) return;
    // Nobody else looks at it while this attempt is under way.
    const busyUntil = new Date(now.getTime() + ABANDONED_AFTER_MS).toISOString();
    if (
      !(await this.store.claimWebhookAttempt({
        deliveryId: delivery.id,
        attempt,
        startedAt: now.toISOString(),
      }))
    ) {
      return;
    }
    await this.store.rescheduleWebhookDelivery(delivery.id, busyUntil);
    const outcome = await this.#send(endpoint, delivery, now);
    await this.store.finishWebhookAttempt(delivery.id, attempt, outcome);
    if (isDelivered(outcome)) {
      await this.store.settleWebhookDelivery(delivery.id, 'delivered', outcome.finishedAt);
      return;
    }
    await this.#dueNow(delivery, now, attempt + 1, this.clock());
  }

  /**
   * True when attempt `attempt` may be made now. Otherwise the delivery is rescheduled for when it
   * is due, or settled as failed when that is past the retry window.
   */
  async #dueNow(
    delivery: WebhookDeliveryRecord,
    previousStart: Date | undefined,
    attempt: number,
    now: Date,
  ): Promise<boolean> {
    const queuedAt = at(delivery.createdAt);
    const due = attemptDueAt(queuedAt, previousStart, attempt, this.retry);
    if (due > retryDeadline(queuedAt, this.retry)) {
      await this.store.settleWebhookDelivery(delivery.id, 'failed', now.toISOString());
      return false;
    }
    if (due > now) {
      await this.store.rescheduleWebhookDelivery(delivery.id, due.toISOString());
      return false;
    }
    return true;
  }

  /** Signs and POSTs the delivery's payload under the URL policy; any answer but 2xx is a failure. */
  async #send(
    endpoint: WebhookEndpointRecord,
    delivery: WebhookDeliveryRecord,
    now: Date,
  ): Promise<WebhookAttemptOutcome> {
    const secret = this.keyEncryption.decrypt(endpoint.sealedSecret);
    const headers = {
      'content-type': 'application/json',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(delivery.id, now, delivery.payload),
    };
    try {
      const { status } = await this.policy.post(endpoint.url, delivery.payload, headers, {
        timeoutMs: ATTEMPT_TIMEOUT_MS,
      });
      return { finishedAt: this.clock().toISOString(), httpStatus: status };
    } catch (error) {
      if (!(error instanceof FetchRefusedError)) throw error;
      return { finishedAt: this.clock().toISOString(), error: error.message };
    }
  }
}

function isDelivered(outcome: Pick<WebhookAttemptRecord, 'httpStatus'>): boolean {
  return outcome.httpStatus !== undefined && outcome.httpStatus >= 200 && outcome.httpStatus < 300;
}
