// What a receiver is told about an event: the Standard Webhooks body {type, timestamp, data}.
// Only what the issuer already publishes goes out (ids, public URLs, achievement keys, counts):
// never the learner's e-mail or any other recipient detail.
import { credentialIdOf } from '../core/ids.js';
import type { ServiceEvent } from '../events/serviceEvents.js';
import type { CredentialRecord } from '../store/port.js';

export interface WebhookPayload {
  type: ServiceEvent['type'];
  /** When the event happened (ISO 8601). */
  timestamp: string;
  data: Record<string, string | number>;
}

/** The public page of a credential by its UUID. */
export type CredentialUrl = (uuid: string) => string;

function aboutCredential(record: CredentialRecord, url: string, issuerSlug: string) {
  return {
    credential: credentialIdOf(record.id),
    url,
    issuer: issuerSlug,
    ...(record.achievementKey ? { achievement: record.achievementKey } : {}),
  };
}

/** `now` stands in for events that carry no time of their own (a batch's completion). */
export function webhookPayload(
  event: ServiceEvent,
  credentialUrl: CredentialUrl,
  now: Date,
): WebhookPayload {
  switch (event.type) {
    case 'credential.issued':
    case 'tier.awarded':
      return {
        type: event.type,
        timestamp: event.record.createdAt,
        data: {
          ...aboutCredential(event.record, event.url, event.issuerSlug),
          issuedAt: event.record.createdAt,
          ...(event.record.validUntil ? { validUntil: event.record.validUntil } : {}),
          ...(event.batchId ? { batch: event.batchId } : {}),
        },
      };
    case 'credential.revoked':
    case 'credential.suspended':
    case 'credential.reinstated':
      return {
        type: event.type,
        timestamp: event.at,
        data: {
          ...aboutCredential(event.record, credentialUrl(event.record.id), event.issuerSlug),
          reason: event.reason,
          at: event.at,
        },
      };
    case 'credential.expired': {
      const at = event.record.validUntil ?? now.toISOString();
      return {
        type: event.type,
        timestamp: at,
        data: {
          ...aboutCredential(event.record, credentialUrl(event.record.id), event.issuerSlug),
          at,
        },
      };
    }
    case 'batch.completed':
      return {
        type: event.type,
        timestamp: now.toISOString(),
        data: {
          batch: event.batchId,
          issuer: event.issuerSlug,
          total: event.total,
          issued: event.issued,
          failed: event.failed,
        },
      };
  }
}
