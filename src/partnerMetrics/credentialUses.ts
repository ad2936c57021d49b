// Counting without tracking: a public page view or a verification of a credential issued here
// adds one to that credential's counter for the day. Nothing about who asked is read or kept
// (no address, no user agent, no cookie), and a count that fails never fails what was asked.
//
// Counts are added up in memory and written once a second (COUNTS_FLUSH_MS), one addition per
// credential, day and kind: a view or a verification then costs no store call, so a popular
// credential does not turn every read into a write. Each instance writes its own additions,
// which the stores add without losing any; what an instance had not written when it died is
// lost, at most about a second of counts. A report flushes first, so it shows this instance's
// counts up to the moment it is read.
import type { Clock } from '../core/clock.js';
import type { JsonObject } from '../core/json.js';
import type { CredentialStore, PartnerMetricsStore } from '../store/port.js';
import type { CredentialUseKind } from '../store/ports/partnerMetricsStore.js';
import { presentCredential } from '../verifying/presentedCredential.js';
import type { VerificationReport } from '../verifying/report.js';
import { dayOf } from './period.js';

const URN_UUID = /^urn:uuid:([0-9a-f-]{36})$/i;
const SIGNATURE_CHECK = 'proof.signature';
export const COUNTS_FLUSH_MS = 1_000;

interface PendingCount {
  credentialId: string;
  /** Known for a view (its record was read); a verification's is read when it is written. */
  issuerSlug: string | undefined;
  day: string;
  kind: CredentialUseKind;
  count: number;
}

export class CredentialUses {
  #pending = new Map<string, PendingCount>();

  constructor(
    private readonly store: Pick<PartnerMetricsStore, 'countCredentialUse'> &
      Pick<CredentialStore, 'findCredential'>,
    private readonly clock: Clock,
    private readonly onError: (error: unknown, kind: CredentialUseKind) => void,
  ) {}

  /** The public page of this credential was opened. */
  viewed(credential: { id: string; origin: string; issuerSlug?: string }): void {
    if (credential.origin !== 'issued' || !credential.issuerSlug) return;
    this.#add(credential.id, credential.issuerSlug, 'view');
  }

  /**
   * Someone verified a credential (the verify API or the /verify page). Counted when it names a
   * credential issued here and its signature checked out, so a forgery under our id adds nothing;
   * any verdict after that counts (a revoked credential was still looked at).
   */
  verified(payload: JsonObject | string, report: VerificationReport): void {
    const signed = report.checks.some(
      (check) => check.id === SIGNATURE_CHECK && check.outcome === 'success',
    );
    if (!signed) return;
    const id = presentCredential(payload).credential.id;
    const uuid = typeof id === 'string' ? URN_UUID.exec(id)?.[1]?.toLowerCase() : undefined;
    if (uuid) this.#add(uuid, undefined, 'verification');
  }

  /** Writes what was counted since the last flush; what fails to be written is reported, not kept. */
  async flush(): Promise<void> {
    const pending = [...this.#pending.values()];
    this.#pending = new Map();
    for (const count of pending) {
      try {
        const issuerSlug = count.issuerSlug ?? (await this.#issuedHere(count.credentialId));
        if (!issuerSlug) continue;
        await this.store.countCredentialUse({ ...count, issuerSlug });
      } catch (error) {
        this.onError(error, count.kind);
      }
    }
  }

  /** The issuer of a credential issued here; none for one that is not (an import, a copy). */
  async #issuedHere(uuid: string): Promise<string | undefined> {
    const record = await this.store.findCredential(uuid);
    return record?.origin === 'issued' ? record.issuerSlug : undefined;
  }

  #add(credentialId: string, issuerSlug: string | undefined, kind: CredentialUseKind): void {
    const day = dayOf(this.clock());
    const key = `${credentialId} ${day} ${kind}`;
    const pending = this.#pending.get(key);
    if (pending) pending.count += 1;
    else this.#pending.set(key, { credentialId, issuerSlug, day, kind, count: 1 });
  }
}
