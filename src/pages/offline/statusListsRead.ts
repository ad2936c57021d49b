import type { JsonObject } from '../../core/json.js';
import { STATUS_PURPOSES, type StatusPurpose } from '../../core/statusPurpose.js';
import { statusCheckId } from '../../verifying/checkIds.js';
import { entriesFor } from '../../verifying/checks/statusEntries.js';
import type { VerificationReport } from '../../verifying/report.js';

// Which status lists a credential names, and which of them the service read when it checked the
// credential: the page remembers those as seen, so offline it can say when the status was last
// known. The page cannot read another issuer's list itself (it asks only its own service).

const urlsOf = (credential: JsonObject, purpose: StatusPurpose): string[] =>
  entriesFor(credential, purpose).flatMap((entry) =>
    typeof entry.statusListCredential === 'string' ? [entry.statusListCredential] : [],
  );

/** The status list URLs a credential names, for remembering when they were last seen. */
export function statusListUrls(credential: JsonObject): string[] {
  return STATUS_PURPOSES.flatMap((purpose) => urlsOf(credential, purpose));
}

/**
 * The lists whose bit for this credential the service read, as its report says: every list of a
 * status check that passed, and the list named by a revoked or suspended failure. A check that
 * could not run, or failed before reading a bit (no list URL, a list that is not the issuer's),
 * read nothing that says the credential's status.
 */
export function statusListsRead(report: VerificationReport, credential: JsonObject): string[] {
  return STATUS_PURPOSES.flatMap((purpose) => {
    const named = urlsOf(credential, purpose);
    const check = report.checks.find((result) => result.id === statusCheckId(purpose));
    if (check?.outcome === 'success') return named;
    if (check?.outcome !== 'failure') return [];
    const url = check.problem.statusListCredential;
    return typeof url === 'string' && named.includes(url) ? [url] : [];
  });
}
