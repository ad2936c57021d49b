import type { Clock } from '../core/clock.js';
import type { JsonObject } from '../core/json.js';
import { setBounded } from '../core/boundedMap.js';
import type { CredentialRecord, CredentialStore, IssuerStore, StatusStore } from '../store/port.js';
import type { VerificationReport } from '../verifying/report.js';
import type { PublishedCredential } from './credentialService.js';

/** A public page's verification: the report, and when it was made. */
export interface CheckedCredential {
  report: VerificationReport;
  checkedAt: Date;
}

export type CredentialChecksStore = Pick<StatusStore, 'listLatestStatusEvents'> &
  Pick<IssuerStore, 'listIssuerKeys'> &
  Pick<CredentialStore, 'findCredential'>;

interface Entry {
  /** What the report was computed from, as read from the store just before computing it. */
  version: string;
  /** Instants at which a date check or a constituent's expiry would answer otherwise. */
  boundaries: number[];
  checked: CheckedCredential;
}

// A report is a few kilobytes: this bounds the cache to some tens of megabytes.
const MAX_ENTRIES = 5_000;

function instantsOf(credential: JsonObject, skewMs: number): number[] {
  const dates = [credential.validFrom, credential.validUntil]
    .filter((value): value is string => typeof value === 'string')
    .map((value) => Date.parse(value));
  // A vc+jwt's exp and nbf are judged with the clock skew either way.
  const claims = [credential.exp, credential.nbf]
    .filter((value): value is number => typeof value === 'number')
    .flatMap((seconds) => [seconds * 1000 - skewMs, seconds * 1000 + skewMs]);
  return [...dates, ...claims].filter((instant) => !Number.isNaN(instant));
}

/**
 * The verification a credential's public page shows, made again only when what it was made from
 * changed: the status of the credential or of a constituent (its latest status version, one read
 * for all of them), the issuer's keys, or the time crossing a date a check judges. What it was made
 * from is read from the store on every view, so a change made through another instance on the same
 * store is seen at the next view; only what cannot change is kept (the documents, the dates).
 * Keyed by credential, so another credential's change on the same list costs this one nothing.
 * Credentials imported from other issuers are verified on every view: their status and keys live
 * elsewhere. Bounded: past MAX_ENTRIES the least recently viewed is dropped.
 */
export class CredentialChecks {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly store: CredentialChecksStore,
    private readonly verify: (payload: JsonObject | string) => Promise<VerificationReport>,
    private readonly clock: Clock,
    private readonly jwtClockSkewSeconds: number,
  ) {}

  async check(published: PublishedCredential): Promise<CheckedCredential> {
    const { record } = published;
    if (record.origin !== 'issued' || record.issuerSlug === undefined) {
      return this.#verify(published);
    }
    const version = await this.#versionOf(record, record.issuerSlug);
    const now = this.clock().getTime();
    const entry = this.#entries.get(record.id);
    if (entry?.version === version && !this.#crossed(entry, now)) {
      // Map order is insertion order: seen again, it is the newest.
      this.#entries.delete(record.id);
      this.#entries.set(record.id, entry);
      return entry.checked;
    }
    const checked = await this.#verify(published);
    // A check that could not run may run next time: only a finished verdict is kept.
    if (checked.report.verdict === 'unchecked') return checked;
    this.#remember(record.id, {
      version,
      boundaries: await this.#boundariesOf(published),
      checked,
    });
    return checked;
  }

  async #verify(published: PublishedCredential): Promise<CheckedCredential> {
    const checkedAt = this.clock();
    return { report: await this.verify(published.payload), checkedAt };
  }

  async #versionOf(record: CredentialRecord, issuerSlug: string): Promise<string> {
    const ids = [record.id, ...record.constituentIds];
    const [events, keys] = await Promise.all([
      this.store.listLatestStatusEvents(ids),
      this.store.listIssuerKeys(issuerSlug),
    ]);
    const versions = new Map(events.map((event) => [event.credentialId, event.version]));
    return JSON.stringify({
      status: ids.map((id) => versions.get(id) ?? 0),
      keys: keys.map((key) => key.publicKeyMultibase),
    });
  }

  #crossed(entry: Entry, now: number): boolean {
    const then = entry.checked.checkedAt.getTime();
    return entry.boundaries.some((instant) => instant <= then !== instant <= now);
  }

  async #boundariesOf(published: PublishedCredential): Promise<number[]> {
    const skewMs = this.jwtClockSkewSeconds * 1000;
    const constituents = await Promise.all(
      published.record.constituentIds.map((id) => this.store.findCredential(id)),
    );
    const expiries = constituents
      .map((constituent) => constituent?.validUntil)
      .filter((value): value is string => value !== undefined)
      .map((value) => Date.parse(value));
    return [...instantsOf(published.credential, skewMs), ...expiries];
  }

  #remember(id: string, entry: Entry): void {
    setBounded(this.#entries, id, entry, MAX_ENTRIES);
  }
}
