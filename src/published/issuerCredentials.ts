// An issuer's own credentials as its staff see them in the console: newest first, each with its
// name, page and where it stands, read in one pass over their latest status events; searched by
// learner, achievement, batch, state and issued dates, a page at a time.
import type { Standing } from '../core/credentialState.js';
import type { ActingAs } from '../core/actingAs.js';
import { uuidOfCredentialId } from '../core/ids.js';
import { displayNameOf } from '../credentials/fields.js';
import { credentialJson } from '../credentials/subjectOf.js';
import type { BatchService } from '../batches/batchService.js';
import type { StatusService } from '../status/statusService.js';
import { NotFoundError } from '../core/problems.js';
import type {
  CredentialRecord,
  CredentialStore,
  IssuerCredentialFilter,
  StatusEvent,
} from '../store/port.js';

export interface IssuerCredentialItem {
  id: string;
  name: string;
  achievementKey?: string;
  /** The public page (/c/<uuid>). */
  url: string;
  issuedAt: string;
  validUntil?: string;
  state: Standing;
  /** Whether it was signed with a suspension entry, so it can be suspended. */
  suspendable: boolean;
  /** For a tier the service issued: how many credentials it was built from. */
  constituents: number;
  /** For a renewal: the id of the credential it renews, and why. */
  renewalOf?: string;
  renewalReason?: string;
}

/** One status change as staff see it. */
export type StatusChange = Pick<StatusEvent, 'action' | 'state' | 'reason' | 'actor' | 'at'>;

/** What staff search by; every field given must match. */
export interface CredentialSearch {
  learnerKey?: string;
  achievementKey?: string;
  /** A batch of this issuer: the credentials it issued. */
  batch?: string;
  state?: Standing;
  /** Issued on or after this day (YYYY-MM-DD, UTC). */
  issuedFrom?: string;
  /** Issued on or before this day (YYYY-MM-DD, UTC). */
  issuedTo?: string;
  /** The last credential of the previous page: this page starts after it. */
  after?: string;
}

export interface CredentialPage {
  items: IssuerCredentialItem[];
  /** The cursor of the next page (its `after`), when there is one. */
  next?: string;
}

/** How many records one read takes while a state filter skips the others. */
const SCAN_CHUNK = 200;

const startOfDay = (day: string): string => `${day}T00:00:00.000Z`;
const startOfNextDay = (day: string): string => {
  const next = new Date(Date.parse(startOfDay(day)) + 24 * 60 * 60 * 1000);
  return next.toISOString();
};

export class IssuerCredentials {
  constructor(
    private readonly store: Pick<
      CredentialStore,
      'listCredentialsOfIssuer' | 'findCredential' | 'searchCredentialsOfIssuer'
    >,
    private readonly status: Pick<StatusService, 'standingsOf' | 'offersSuspension' | 'history'>,
    private readonly batches: Pick<BatchService, 'issuedCredentialIds'>,
    private readonly credentialUrl: (uuid: string) => string,
  ) {}

  async newest(slug: string, limit: number): Promise<IssuerCredentialItem[]> {
    return this.#items(await this.store.listCredentialsOfIssuer(slug, limit));
  }

  /** One credential this issuer issued; another issuer's is not found, as if it did not exist. */
  async one(slug: string, uuid: string): Promise<IssuerCredentialItem> {
    const [item] = await this.#items([await this.#own(slug, uuid)]);
    if (!item) throw new NotFoundError(`issuer "${slug}" issued no credential ${uuid}`);
    return item;
  }

  /** The credential's status changes, oldest first. */
  async history(slug: string, uuid: string): Promise<StatusChange[]> {
    const events = await this.status.history((await this.#own(slug, uuid)).id);
    return events.map(({ action, state, reason, actor, at }) => ({
      action,
      state,
      reason,
      actor,
      at,
    }));
  }

  /**
   * A page of this issuer's credentials matching the search, newest first. The store filters
   * all but the state (read from status events and the clock), so with a state the records are
   * read a chunk at a time until the page is full.
   */
  async search(
    slug: string,
    search: CredentialSearch,
    pageSize: number,
    actingAs: ActingAs,
  ): Promise<CredentialPage> {
    const filter: Omit<IssuerCredentialFilter, 'limit' | 'after'> = {
      issuerSlug: slug,
      ...(search.learnerKey !== undefined ? { learnerKey: search.learnerKey } : {}),
      ...(search.achievementKey !== undefined ? { achievementKey: search.achievementKey } : {}),
      ...(search.batch !== undefined
        ? {
            ids: (await this.batches.issuedCredentialIds(search.batch, actingAs)).map(
              (id) => uuidOfCredentialId(id) ?? id,
            ),
          }
        : {}),
      ...(search.issuedFrom !== undefined ? { createdFrom: startOfDay(search.issuedFrom) } : {}),
      ...(search.issuedTo !== undefined ? { createdBefore: startOfNextDay(search.issuedTo) } : {}),
    };
    let after = search.after !== undefined ? await this.#own(slug, search.after) : undefined;
    const found: IssuerCredentialItem[] = [];
    const limit = search.state === undefined ? pageSize + 1 : SCAN_CHUNK;
    for (;;) {
      const records = await this.store.searchCredentialsOfIssuer({
        ...filter,
        limit,
        ...(after ? { after: { createdAt: after.createdAt, id: after.id } } : {}),
      });
      const items = await this.#items(records);
      found.push(
        ...items.filter((item) => search.state === undefined || item.state === search.state),
      );
      after = records.at(-1);
      if (found.length > pageSize || records.length < limit) break;
    }
    const items = found.slice(0, pageSize);
    const last = items.at(-1);
    return { items, ...(found.length > pageSize && last ? { next: last.id } : {}) };
  }

  async #own(slug: string, uuid: string): Promise<CredentialRecord> {
    const record = await this.store.findCredential(uuid);
    if (!record || record.origin !== 'issued' || record.issuerSlug !== slug) {
      throw new NotFoundError(`issuer "${slug}" issued no credential ${uuid}`);
    }
    return record;
  }

  async #items(records: CredentialRecord[]): Promise<IssuerCredentialItem[]> {
    const standings = await this.status.standingsOf(records);
    return records.map((record) => ({
      id: record.id,
      name: displayNameOf(credentialJson(record)) ?? record.achievementKey ?? record.id,
      ...(record.achievementKey ? { achievementKey: record.achievementKey } : {}),
      url: this.credentialUrl(record.id),
      issuedAt: record.createdAt,
      ...(record.validUntil ? { validUntil: record.validUntil } : {}),
      state: standings.get(record.id) ?? 'active',
      suspendable: this.status.offersSuspension(record),
      constituents: record.constituentIds.length,
      ...(record.renewalOf ? { renewalOf: record.renewalOf } : {}),
      ...(record.renewalReason ? { renewalReason: record.renewalReason } : {}),
    }));
  }
}
