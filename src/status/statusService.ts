import type { Clock } from '../core/clock.js';
import { baseUrlOf } from '../core/publicUrl.js';
import type { Standing } from '../core/credentialState.js';
import { createHash } from 'node:crypto';
import { BitstringStatusList, createCredential } from '@digitalbazaar/vc-bitstring-status-list';
import { ConflictError, NotFoundError } from '../core/problems.js';
import type { IssuerService } from '../issuers/issuerService.js';
import { toDateTimeStamp } from '../core/clock.js';
import type { DataIntegritySigner } from '../signing/signTask.js';
import { signJwtClaims } from '../signing/signJwt.js';
import { StatusList } from '@sd-jwt/jwt-status-list';
import type { JsonObject } from '../core/json.js';
import {
  type CredentialRecord,
  type StatusEvent,
  type StatusPosition,
  type StatusStore,
  type IssuerStore,
} from '../store/port.js';
import type { StatusAction } from '../core/credentialState.js';
import type { CredentialState } from '../core/credentialState.js';
import { allocateStatusIndex } from './allocateStatusIndex.js';
import { appendStatusChange } from './appendStatusChange.js';
import { bitsOfPurpose, currentListBits } from './listBits.js';
import { credentialJson } from '../credentials/subjectOf.js';
import {
  statusEntries,
  statusListUrl,
  statusPurposesCarried,
  type BitstringStatusListEntry,
} from './statusEntries.js';
import { MIN_LIST_LENGTH, parseListId, type StatusPurpose } from '../core/statusPurpose.js';
import { nextState } from './transitions.js';
import type { ServiceEvents, StatusChangedEvent } from '../events/serviceEvents.js';

export interface StatusView {
  id: string;
  state: Standing;
  /** The latest status change, if there was one. */
  lastChange?: Pick<StatusEvent, 'action' | 'reason' | 'actor' | 'at'>;
}

export interface PublishedList {
  credential: JsonObject;
  etag: string;
}

/** IETF Token Status List values (2 bits a credential), for SD-JWT VC copies. */
const TOKEN_STATUS = { valid: 0, invalid: 1, suspended: 2 } as const;
/** How long a relying party may cache a status list token, in seconds. */
const TOKEN_STATUS_TTL = 300;

export function tokenStatusListUrl(publicUrl: URL, issuerSlug: string, listNumber: number): string {
  return `${baseUrlOf(publicUrl)}/status-lists/${issuerSlug}/${listNumber}`;
}

export interface StatusServiceOptions {
  /** Indexes handed out per list before a new list opens; at least MIN_LIST_LENGTH in production. */
  capacity: number;
  clock: Clock;
  /** Told of every change once it and what follows from it have landed. */
  events: Pick<ServiceEvents, 'publish'>;
}

const EVENT_OF_ACTION = {
  revoke: 'credential.revoked',
  suspend: 'credential.suspended',
  reinstate: 'credential.reinstated',
} as const satisfies Record<StatusAction, StatusChangedEvent['type']>;

/** Revoked and suspended are set by people; expired only by the clock. */
export function displayState(
  record: Pick<CredentialRecord, 'validUntil'>,
  state: CredentialState,
  now: Date,
): Standing {
  if (state === 'revoked') return 'revoked';
  if (record.validUntil !== undefined && Date.parse(record.validUntil) <= now.getTime())
    return 'expired';
  return state;
}

/** Runs after a status change has been recorded. */
export type StatusFollower = (record: CredentialRecord, view: StatusView) => Promise<void>;

export class StatusService {
  /** Each list's signed credential at the version and key it was signed for. */
  readonly #published = new Map<string, { signer: string; version: number; list: PublishedList }>();
  #follower: StatusFollower | undefined;

  constructor(
    private readonly store: StatusStore & Pick<IssuerStore, 'listIssuerKeys'>,
    private readonly issuers: IssuerService,
    private readonly signDataIntegrity: DataIntegritySigner,
    private readonly publicUrl: URL,
    private readonly options: StatusServiceOptions,
  ) {}

  async allocate(
    issuerSlug: string,
    credentialId: string,
    claimedAt: string,
  ): Promise<StatusPosition> {
    return allocateStatusIndex(
      this.store,
      issuerSlug,
      credentialId,
      claimedAt,
      this.options.capacity,
    );
  }

  /** Gives the position back while it is still claimed for that credential. */
  async release(issuerSlug: string, position: StatusPosition, credentialId: string): Promise<void> {
    await this.store.releaseStatusIndex(issuerSlug, position, credentialId);
  }

  entriesFor(
    issuerSlug: string,
    position: StatusPosition,
    purposes: readonly StatusPurpose[],
  ): BitstringStatusListEntry | BitstringStatusListEntry[] {
    return statusEntries(this.publicUrl, issuerSlug, position, purposes);
  }

  /** Whether the credential was signed with a suspension entry: only then can it be suspended. */
  offersSuspension(record: CredentialRecord): boolean {
    return statusPurposesCarried(credentialJson(record), this.#listPrefix()).includes('suspension');
  }

  #listPrefix(): string {
    return `${baseUrlOf(this.publicUrl)}/status/`;
  }

  /** Where each record stands, from one read of their latest status events. */
  async standingsOf(
    records: readonly Pick<CredentialRecord, 'id' | 'validUntil'>[],
  ): Promise<Map<string, Standing>> {
    if (records.length === 0) return new Map();
    const latest = new Map(
      (await this.store.listLatestStatusEvents(records.map((record) => record.id))).map((event) => [
        event.credentialId,
        event.state,
      ]),
    );
    const now = this.options.clock();
    return new Map(
      records.map((record) => [
        record.id,
        displayState(record, latest.get(record.id) ?? 'active', now),
      ]),
    );
  }

  async stateOf(record: CredentialRecord): Promise<StatusView> {
    const events = await this.store.listStatusEvents(record.id);
    const last = events.at(-1);
    return {
      id: `urn:uuid:${record.id}`,
      state: displayState(record, last?.state ?? 'active', this.options.clock()),
      ...(last
        ? {
            lastChange: {
              action: last.action,
              reason: last.reason,
              actor: last.actor,
              at: last.at,
            },
          }
        : {}),
    };
  }

  /**
   * The one way a credential's status changes: the change is recorded, then whatever follows
   * from it (tiers built on the credential, see followChanges) runs before this returns, so no
   * caller can change a status and skip what depends on it.
   */
  async change(
    record: CredentialRecord,
    action: StatusAction,
    reason: string,
    actor: string,
  ): Promise<StatusView> {
    let view: StatusView;
    try {
      view = await this.#record(record, action, reason, actor);
    } catch (error) {
      if (error instanceof ConflictError) await this.#followAgain(record, action);
      throw error;
    }
    await this.#follow(record, view, action, reason);
    return view;
  }

  /**
   * A change asked again that the credential already stands as (a revocation whose cascade a
   * full disk or a crash cut short, sent again): what follows from it is done again, each step
   * adding nothing twice (tiers already changed are left, the event id is the change's), and the
   * refusal stands. A reinstatement is not: tiers suspended by hand would come back with it.
   */
  async #followAgain(record: CredentialRecord, action: StatusAction): Promise<void> {
    const view = await this.stateOf(record);
    const last = view.lastChange;
    const already =
      (action === 'revoke' && view.state === 'revoked') ||
      (action === 'suspend' && view.state === 'suspended');
    if (already && last && last.action === action) {
      await this.#follow(record, view, action, last.reason);
    }
  }

  async #follow(
    record: CredentialRecord,
    view: StatusView,
    action: StatusAction,
    reason: string,
  ): Promise<void> {
    await this.#follower?.(record, view);
    const at = view.lastChange?.at ?? this.options.clock().toISOString();
    await this.options.events.publish({
      type: EVENT_OF_ACTION[action],
      id: `${EVENT_OF_ACTION[action]}:${record.id}:${at}`,
      issuerSlug: record.issuerSlug ?? '',
      record,
      reason,
      at,
    });
  }

  /** What runs after every status change (set once, at composition: the stacking cascade). */
  followChanges(follower: StatusFollower): void {
    if (this.#follower) throw new Error('status changes already have a follower');
    this.#follower = follower;
  }

  /** Appends the change after the state it read (see appendStatusChange for the races). */
  async #record(
    record: CredentialRecord,
    action: StatusAction,
    reason: string,
    actor: string,
  ): Promise<StatusView> {
    if (record.origin !== 'issued' || !record.issuerSlug || !record.status) {
      throw new ConflictError(
        'only credentials issued here with status entries can change status',
        'no-status-entry',
      );
    }
    const events = await this.store.listStatusEvents(record.id);
    const state = nextState(events.at(-1)?.state ?? 'active', action);
    // After the state check: revoked is final whatever the credential carries.
    if (action === 'suspend' && !this.offersSuspension(record)) {
      throw new ConflictError(
        'the credential was issued without a suspension entry, so it can be revoked but not suspended (its issuer can turn suspension on for new credentials: PUT /issuers/{slug}/status-purposes)',
        'suspension-not-offered',
      );
    }
    await appendStatusChange(
      this.store,
      {
        credentialId: record.id,
        issuerSlug: record.issuerSlug,
        version: events.length + 1,
        action,
        state,
        reason,
        actor,
        at: this.options.clock().toISOString(),
      },
      record.status,
    );
    return this.stateOf(record);
  }

  /** "revoked 2026-11-20 by ipa: exam result withdrawn", for verification reports. */
  async explain(credentialUuid: string): Promise<string | undefined> {
    const last = (await this.store.listStatusEvents(credentialUuid)).at(-1);
    if (!last || last.state === 'active') return undefined;
    return `${last.state} ${last.at.slice(0, 10)} by ${last.actor}: ${last.reason}`;
  }

  /** Every status change of one credential, oldest first. */
  async history(credentialUuid: string): Promise<StatusEvent[]> {
    return this.store.listStatusEvents(credentialUuid);
  }

  async auditLog(options: { issuerSlug?: string; limit: number }): Promise<StatusEvent[]> {
    return this.store.listAuditLog(options);
  }

  isOwnListUrl(url: string): boolean {
    return url.startsWith(this.#listPrefix());
  }

  /** The list at one of our URLs, e.g. for verification without a network round trip. */
  async publishByUrl(url: string): Promise<PublishedList> {
    const [slug, id] = url.slice(`${baseUrlOf(this.publicUrl)}/status/`.length).split('/');
    return this.publish(slug ?? '', id ?? '');
  }

  /**
   * The signed BitstringStatusListCredential as it is now. Its version (the list's latest change
   * sequence) is one indexed read; while it and the signing key stay, the signed list in memory
   * is the answer. Instances sharing a store each check the stored version, so none serves a
   * list older than the store's. Otherwise the bits come from the snapshot and the changes since,
   * and the list is signed once for that version.
   */
  async publish(issuerSlug: string, id: string): Promise<PublishedList> {
    const parsed = parseListId(id);
    const latest = parsed ? await this.store.latestStatusList(issuerSlug) : undefined;
    if (!parsed || latest === undefined || parsed.listNumber > latest) {
      throw new NotFoundError(`issuer "${issuerSlug}" has no status list "${id}"`);
    }
    const issuer = await this.issuers.get(issuerSlug);
    const keys = await this.store.listIssuerKeys(issuerSlug);
    const signer = `${issuer.did}\n${keys.at(-1)?.publicKeyMultibase}`;
    const version = await this.store.latestStatusListSequence(issuerSlug, parsed.listNumber);
    const cacheKey = `${issuerSlug}/${id}`;
    const cached = this.#published.get(cacheKey);
    if (cached?.signer === signer && cached.version >= version) return cached.list;

    const bits = await currentListBits(
      this.store,
      issuerSlug,
      parsed.listNumber,
      Math.max(MIN_LIST_LENGTH, this.options.capacity),
    );
    const list = new BitstringStatusList({ buffer: bitsOfPurpose(bits, parsed.purpose) });
    const url = statusListUrl(this.publicUrl, issuerSlug, id);
    const unsigned = await createCredential({ id: url, list, statusPurpose: parsed.purpose });
    const credential = await this.signDataIntegrity(
      { ...unsigned, issuer: issuer.did, validFrom: toDateTimeStamp(this.options.clock()) },
      await this.issuers.signingKey(issuer),
    );
    // Hashed, so the ETag does not tell how often the list changed.
    const etag = `"${createHash('sha256')
      .update(`${signer}\n${id}\n${bits.version}`)
      .digest('base64url')}"`;
    const published = { credential, etag };
    this.#published.set(cacheKey, { signer, version: bits.version, list: published });
    return published;
  }

  /**
   * The same list as an IETF Token Status List (statuslist+jwt, 2 bits: 0 valid, 1 revoked,
   * 2 suspended), signed by the issuer's key: what SD-JWT VC copies point at. One token covers
   * both purposes of a list number, at the same index as the credential's Bitstring entries.
   */
  async publishTokenList(issuerSlug: string, listNumber: number): Promise<string> {
    const latest = await this.store.latestStatusList(issuerSlug);
    if (
      !Number.isInteger(listNumber) ||
      listNumber < 1 ||
      latest === undefined ||
      listNumber > latest
    ) {
      throw new NotFoundError(`issuer "${issuerSlug}" has no status list ${listNumber}`);
    }
    const issuer = await this.issuers.get(issuerSlug);
    const length = Math.max(MIN_LIST_LENGTH, this.options.capacity);
    const bits = await currentListBits(this.store, issuerSlug, listNumber, length);
    const statuses = new Array<number>(length).fill(TOKEN_STATUS.valid);
    // The same bits the Bitstring lists publish (first index in the high bit of the first byte).
    for (let byte = 0; byte < bits.revoked.length; byte += 1) {
      const revoked = bits.revoked[byte] ?? 0;
      const suspended = bits.suspended[byte] ?? 0;
      if ((revoked | suspended) === 0) continue;
      for (let bit = 0; bit < 8; bit += 1) {
        const mask = 0x80 >> bit;
        const index = byte * 8 + bit;
        if (revoked & mask) statuses[index] = TOKEN_STATUS.invalid;
        else if (suspended & mask) statuses[index] = TOKEN_STATUS.suspended;
      }
    }
    const list = new StatusList(statuses, 2);
    return signJwtClaims(
      {
        sub: tokenStatusListUrl(this.publicUrl, issuerSlug, listNumber),
        iss: issuer.did,
        iat: Math.floor(this.options.clock().getTime() / 1000),
        ttl: TOKEN_STATUS_TTL,
        status_list: { bits: 2, lst: list.compressStatusList() },
      },
      'statuslist+jwt',
      await this.issuers.signingKey(issuer),
    );
  }
}
