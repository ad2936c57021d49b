// Counting without tracking: a public page view or a verification of a credential issued here
// adds one to that credential's counter for the day. Nothing about who asked is read or kept
// (no address, no user agent, no cookie), and a count that fails never fails what was asked.
import type { Clock } from '../core/clock.js';
import type { JsonObject } from '../core/json.js';
import type { CredentialStore, PartnerMetricsStore } from '../store/port.js';
import type { CredentialUseKind } from '../store/ports/partnerMetricsStore.js';
import { presentCredential } from '../verifying/presentedCredential.js';
import type { VerificationReport } from '../verifying/report.js';
import { dayOf } from './period.js';

const URN_UUID = /^urn:uuid:([0-9a-f-]{36})$/i;
const SIGNATURE_CHECK = 'proof.signature';

export class CredentialUses {
  constructor(
    private readonly store: Pick<PartnerMetricsStore, 'countCredentialUse'> &
      Pick<CredentialStore, 'findCredential'>,
    private readonly clock: Clock,
    private readonly onError: (error: unknown, kind: CredentialUseKind) => void,
  ) {}

  /** The public page of this credential was opened. */
  async viewed(credential: { id: string; origin: string; issuerSlug?: string }): Promise<void> {
    if (credential.origin !== 'issued' || !credential.issuerSlug) return;
    await this.#count(credential.id, credential.issuerSlug, 'view');
  }

  /**
   * Someone verified a credential (the verify API or the /verify page). Counted when it names a
   * credential issued here and its signature checked out, so a forgery under our id adds nothing;
   * any verdict after that counts (a revoked credential was still looked at).
   */
  async verified(payload: JsonObject | string, report: VerificationReport): Promise<void> {
    const signed = report.checks.some(
      (check) => check.id === SIGNATURE_CHECK && check.outcome === 'success',
    );
    if (!signed) return;
    const id = presentCredential(payload).credential.id;
    const uuid = typeof id === 'string' ? URN_UUID.exec(id)?.[1]?.toLowerCase() : undefined;
    if (!uuid) return;
    try {
      const record = await this.store.findCredential(uuid);
      if (record?.origin !== 'issued' || !record.issuerSlug) return;
      await this.#count(uuid, record.issuerSlug, 'verification');
    } catch (error) {
      this.onError(error, 'verification');
    }
  }

  async #count(credentialId: string, issuerSlug: string, kind: CredentialUseKind): Promise<void> {
    try {
      await this.store.countCredentialUse({
        credentialId,
        issuerSlug,
        day: dayOf(this.clock()),
        kind,
      });
    } catch (error) {
      this.onError(error, kind);
    }
  }
}
