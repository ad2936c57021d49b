// What the outboxes hold right now, read from the store at scrape time: a count kept in memory
// would miss what other instances queued and sent, and would start from zero after a restart.
import type { MailState, MailStore, WebhookDeliveryState, WebhookStore } from '../store/port.js';

export interface OutboxCounts {
  mail: Record<MailState, number>;
  webhook: Record<WebhookDeliveryState, number>;
}

export class OutboxDepth {
  constructor(
    private readonly store: Pick<MailStore, 'countMailMessagesByState'> &
      Pick<WebhookStore, 'countWebhookDeliveriesByState'>,
  ) {}

  async counts(): Promise<OutboxCounts> {
    const [mail, webhook] = await Promise.all([
      this.store.countMailMessagesByState(),
      this.store.countWebhookDeliveriesByState(),
    ]);
    return { mail, webhook };
  }
}
