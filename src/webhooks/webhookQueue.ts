// Follows the service's events: every endpoint of the event's issuer that subscribed to its type
// gets one delivery, claimed by insert on (endpoint, event), so an event told again (a resumed
// batch) queues nothing new.
import type { Clock } from '../core/clock.js';
import type { ServiceEvent } from '../events/serviceEvents.js';
import type { WebhookStore } from '../store/port.js';
import { webhookPayload, type CredentialUrl } from './webhookPayload.js';

export class WebhookQueue {
  constructor(
    private readonly store: Pick<WebhookStore, 'listWebhookEndpoints' | 'queueWebhookDelivery'>,
    private readonly credentialUrl: CredentialUrl,
    private readonly clock: Clock,
    /** Tells the sender there is work, so a delivery goes out at once rather than on its round. */
    private readonly kick: () => void,
  ) {}

  readonly follow = async (event: ServiceEvent): Promise<void> => {
    const endpoints = (await this.store.listWebhookEndpoints(event.issuerSlug)).filter((endpoint) =>
      endpoint.events.includes(event.type),
    );
    if (endpoints.length === 0) return;
    const now = this.clock();
    const payload = JSON.stringify(webhookPayload(event, this.credentialUrl, now));
    let queued = false;
    for (const endpoint of endpoints) {
      const claimed = await this.store.queueWebhookDelivery({
        id: crypto.randomUUID(),
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        payload,
        createdAt: now.toISOString(),
        nextAttemptAt: now.toISOString(),
      });
      queued ||= claimed;
    }
    if (queued) this.kick();
  };
}
