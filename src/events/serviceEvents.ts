// What happened, told to whoever follows it (learner e-mail, webhooks). An event's id is
// derived from what it is about, so telling the same thing twice (a batch resumed after a
// crash) gives the same id and followers that queue by id queue it once.
import type { Recipient } from '../credentials/recipientIdentity.js';
import type { CredentialRecord } from '../store/port.js';

export interface IssuedEvent {
  type: 'credential.issued' | 'tier.awarded';
  id: string;
  issuerSlug: string;
  record: CredentialRecord;
  url: string;
  /** Known only where the award was asked for in person (an award, a batch row), never stored. */
  recipient?: Recipient;
  /** The credential's language (BCP 47), when the award named one. */
  language?: string;
  batchId?: string;
}

export interface StatusChangedEvent {
  type: 'credential.revoked' | 'credential.suspended' | 'credential.reinstated';
  id: string;
  issuerSlug: string;
  record: CredentialRecord;
  reason: string;
  at: string;
}

export interface ExpiredEvent {
  type: 'credential.expired';
  id: string;
  issuerSlug: string;
  record: CredentialRecord;
}

export interface BatchCompletedEvent {
  type: 'batch.completed';
  id: string;
  issuerSlug: string;
  batchId: string;
  total: number;
  issued: number;
  failed: number;
}

export type ServiceEvent = IssuedEvent | StatusChangedEvent | ExpiredEvent | BatchCompletedEvent;
export type ServiceEventType = ServiceEvent['type'];

export const SERVICE_EVENT_TYPES: readonly ServiceEventType[] = [
  'credential.issued',
  'credential.revoked',
  'credential.suspended',
  'credential.reinstated',
  'credential.expired',
  'tier.awarded',
  'batch.completed',
];

export type EventFollower = (event: ServiceEvent) => Promise<void>;

/**
 * Tells every follower, in the order they followed. What happened has already been stored, so
 * a follower that fails is reported (onError) and does not undo it or stop the others.
 */
export class ServiceEvents {
  readonly #followers: EventFollower[] = [];

  constructor(private readonly onError: (error: unknown, event: ServiceEvent) => void) {}

  follow(follower: EventFollower): void {
    this.#followers.push(follower);
  }

  async publish(event: ServiceEvent): Promise<void> {
    for (const follower of this.#followers) {
      try {
        await follower(event);
      } catch (error) {
        this.onError(error, event);
      }
    }
  }
}
