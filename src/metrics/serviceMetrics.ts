// What an operator's Prometheus scrapes from GET /metrics. Each app has a registry of its own
// (tests run several apps in one process, and a shared default registry would mix their counts).
// Counters count what this process did since it started; the outbox and wallet offer gauges are
// read from the store at each scrape.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ServiceEvent } from '../events/serviceEvents.js';
import type { WalletOfferCounts } from '../store/port.js';
import type { OutboxDepth } from './outboxDepth.js';

/** The status change each event stands for, as the transition label names it. */
const TRANSITIONS: Partial<Record<ServiceEvent['type'], string>> = {
  'credential.revoked': 'revoked',
  'credential.suspended': 'suspended',
  'credential.reinstated': 'reinstated',
  'credential.expired': 'expired',
};

// From a cached page (a few ms) to a large verification or batch upload (seconds).
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ServedRequest {
  method: string;
  /** The route's template (`/issuers/:slug/awards`), never the path as sent: no ids in labels. */
  route: string;
  status: number;
  seconds: number;
}

export interface MetricsText {
  contentType: string;
  text: string;
}

export class ServiceMetrics {
  readonly #registry = new Registry();
  readonly #requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.#registry],
  });
  readonly #latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request arriving to its response being sent, by method and route template',
    labelNames: ['method', 'route'],
    buckets: LATENCY_BUCKETS,
    registers: [this.#registry],
  });
  readonly #issued = new Counter({
    name: 'credentials_issued_total',
    help: 'Credentials signed and stored here (tiers included), by format and issuer',
    labelNames: ['format', 'issuer'],
    registers: [this.#registry],
  });
  readonly #verified = new Counter({
    name: 'credential_verifications_total',
    help: 'Credentials verified (API, pages, imports, presentations), by verdict',
    labelNames: ['verdict'],
    registers: [this.#registry],
  });
  readonly #statusChanges = new Counter({
    name: 'credential_status_changes_total',
    help: 'Status changes (revoked, suspended, reinstated, expired), by transition',
    labelNames: ['transition'],
    registers: [this.#registry],
  });
  readonly #batchRows = new Counter({
    name: 'batch_rows_total',
    help: 'Batch rows finished by this process, by outcome (issued or failed)',
    labelNames: ['outcome'],
    registers: [this.#registry],
  });

  readonly #claimRepairs = new Counter({
    name: 'claim_repairs_total',
    help: 'Claims a crash or a failed write left without their work, freed so the work is done again, by claim',
    labelNames: ['claim'],
    registers: [this.#registry],
  });

  constructor(outbox: OutboxDepth, walletOffers: () => Promise<WalletOfferCounts>) {
    const offers: Gauge = new Gauge({
      name: 'wallet_offers',
      help: 'Wallet claim offers in the store by state: offered (open), claimed, expired (unclaimed)',
      labelNames: ['state'],
      registers: [this.#registry],
      collect: async () => {
        for (const [state, count] of Object.entries(await walletOffers())) {
          offers.set({ state }, count);
        }
      },
    });
    const depth: Gauge = new Gauge({
      name: 'outbox_messages',
      help: 'Learner e-mail messages (outbox="mail") and webhook deliveries (outbox="webhook") in the store, by state',
      labelNames: ['outbox', 'state'],
      registers: [this.#registry],
      // Read at each scrape, so the numbers are the store's, whoever queued or sent.
      collect: async () => {
        const counts = await outbox.counts();
        for (const [state, count] of Object.entries(counts.mail)) {
          depth.set({ outbox: 'mail', state }, count);
        }
        for (const [state, count] of Object.entries(counts.webhook)) {
          depth.set({ outbox: 'webhook', state }, count);
        }
      },
    });
  }

  /** Follows the service events: issued credentials and status changes are counted from them. */
  readonly follow = async (event: ServiceEvent): Promise<void> => {
    if (event.type === 'credential.issued') {
      this.#issued.inc({ format: event.record.format, issuer: event.issuerSlug });
      return;
    }
    const transition = TRANSITIONS[event.type];
    if (transition) this.#statusChanges.inc({ transition });
  };

  requestServed(served: ServedRequest): void {
    const { method, route, status, seconds } = served;
    this.#requests.inc({ method, route, status: String(status) });
    this.#latency.observe({ method, route }, seconds);
  }

  verified(verdict: string): void {
    this.#verified.inc({ verdict });
  }

  batchRowFinished(outcome: 'issued' | 'failed'): void {
    this.#batchRows.inc({ outcome });
  }

  /** `claim` names what was claimed (`tier-copy`); `count` how many one sweep freed. */
  claimsRepaired(claim: string, count: number): void {
    this.#claimRepairs.inc({ claim }, count);
  }

  async scrape(): Promise<MetricsText> {
    return { contentType: this.#registry.contentType, text: await this.#registry.metrics() };
  }
}
