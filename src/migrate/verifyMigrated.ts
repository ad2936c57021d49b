import type { JsonObject } from '../core/json.js';
import type { Services } from '../services.js';
import type { CredentialRecord, Store } from '../store/port.js';
import type { CredentialState } from '../core/credentialState.js';
import type { VerificationReport } from '../verifying/report.js';
import { unexplainedProblems } from './unexplainedProblems.js';

export interface VerificationSummary {
  /** Credentials issued here: each verified on the target. */
  checked: number;
  /** Of those, the ones whose report says what the source recorded (valid, or revoked, …). */
  verified: number;
  revoked: number;
  suspended: number;
  expired: number;
  /** Credentials of other issuers: compared byte for byte, not verified (their keys and lists are theirs). */
  imported: number;
  failures: Array<{ id: string; problems: string[] }>;
}

/** The latest recorded state of every credential whose status ever changed. */
async function recordedStates(source: Store): Promise<Map<string, CredentialState>> {
  const latest = new Map<string, { version: number; state: CredentialState }>();
  for await (const entry of source.exportRecords(['status_events'])) {
    if (entry.collection !== 'status_events') continue;
    const { credentialId, version, state } = entry.record;
    if ((latest.get(credentialId)?.version ?? 0) < version) {
      latest.set(credentialId, { version, state });
    }
  }
  return new Map([...latest].map(([id, { state }]) => [id, state]));
}

const failed = (report: VerificationReport, id: string): boolean =>
  report.checks.some((check) => check.id === id && check.outcome === 'failure');

/**
 * Reads each of the source's credentials back from the target and runs the real verifier on the
 * stored document: proofs against the copied keys and DIDs, status against lists the target
 * signs with the copied (sealed) keys, tiers against the copied constituents.
 */
export async function verifyMigrated(
  source: Store,
  services: Services,
): Promise<VerificationSummary> {
  const states = await recordedStates(source);
  const summary: VerificationSummary = {
    checked: 0,
    verified: 0,
    revoked: 0,
    suspended: 0,
    expired: 0,
    imported: 0,
    failures: [],
  };
  const fail = (record: CredentialRecord, problems: string[]) =>
    summary.failures.push({ id: `urn:uuid:${record.id}`, problems });

  for await (const entry of source.exportRecords(['credentials'])) {
    if (entry.collection !== 'credentials') continue;
    const original = entry.record;
    const copy = await services.issuing.findIfPresent(original.id);
    if (original.origin === 'imported') summary.imported += 1;
    else summary.checked += 1;
    if (copy?.document !== original.document) {
      fail(original, [copy ? 'the stored document differs from the source' : 'not in the target']);
      continue;
    }
    if (original.origin === 'imported') continue;

    const report = await services.verifier.verify(
      copy.format === 'jwt' ? copy.document : (JSON.parse(copy.document) as JsonObject),
    );
    const problems = unexplainedProblems(report, states.get(original.id) ?? 'active');
    if (problems.length > 0) {
      fail(original, problems);
      continue;
    }
    summary.verified += 1;
    if (failed(report, 'status.revocation')) summary.revoked += 1;
    if (failed(report, 'status.suspension')) summary.suspended += 1;
    if (failed(report, 'dates.validUntil')) summary.expired += 1;
  }
  return summary;
}
