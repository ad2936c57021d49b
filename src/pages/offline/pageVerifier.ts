import type { JsonObject } from '../../core/json.js';
import { STATUS_PURPOSES, type StatusPurpose } from '../../core/statusPurpose.js';
import type { CheckContext } from '../../verifying/check.js';
import { STACK_CHECK_ID, STRUCTURE_CHECK_ID, statusCheckId } from '../../verifying/checkIds.js';
import { constituentsOf, NOT_A_STACK } from '../../verifying/checks/constituents.js';
import { validFromCheck, validUntilCheck } from '../../verifying/checks/dates.js';
import { issuerBindingCheck } from '../../verifying/checks/issuerBinding.js';
import { proofCheck } from '../../verifying/checks/proof.js';
import {
  entriesFor,
  noEntryReason,
  unreadEntryTypes,
  unreadReason,
} from '../../verifying/checks/statusEntries.js';
import { presentCredential } from '../../verifying/presentedCredential.js';
import { checkJwtProof } from '../../verifying/proofs/jwtProof.js';
import type { ProofSet } from '../../verifying/proofs/proofSet.js';
import {
  buildReport,
  failure,
  skipped,
  success,
  unavailable,
  type CheckResult,
  type Outcome,
  type VerificationReport,
} from '../../verifying/report.js';
import { formatDateTime } from '../i18n/dates.js';
import type { Language } from '../i18n/languages.js';
import type { Translate } from '../i18n/messages.js';
import { pageKeyDocuments, type DidWebSource, type PageKeys } from './pageKeys.js';
import { statusListUrls } from './statusListsRead.js';

// A vc+jwt checked on this device, under the server's check ids and in the server's order. The
// signature, the issuer binding and the dates are the server's own checks, run here; the checks
// that need the service (format schemas, status lists, constituents) are reported as not checked
// (unavailable), so the verdict can never be "Verified" for something the page did not check.

export interface DeviceCheckOptions {
  now: Date;
  jwtClockSkewSeconds: number;
  language: Language;
  t: Translate;
  /** When the service last read all of these status lists for this device, if it ever did. */
  statusListsSeen(urls: readonly string[]): Date | undefined;
  /** did:web documents: from the service online, kept on this device for offline. */
  didWeb: DidWebSource;
}

export interface DeviceReport {
  report: VerificationReport;
  /** The JWT's payload: the credential, shown as the server's verify page shows it. */
  credential: JsonObject;
}

const needsService = (what: string) => () =>
  Promise.reject(new Error(`${what} are read by the service, online`));

function statusOutcome(
  credential: JsonObject,
  purpose: StatusPurpose,
  options: DeviceCheckOptions,
): Outcome {
  const unread = purpose === 'revocation' ? unreadEntryTypes(credential) : [];
  if (unread.length > 0) return unavailable(unreadReason(unread));
  const entries = entriesFor(credential, purpose);
  if (entries.length === 0) return skipped(noEntryReason(purpose));
  const seen = options.statusListsSeen(statusListUrls(credential));
  const { t } = options;
  return unavailable(
    seen
      ? t('offline.reason.status', { time: formatDateTime(seen.toISOString(), options.language) })
      : t('offline.reason.statusNeverSeen'),
  );
}

/**
 * The signature check says which key it used when that key came from the service: a did:web
 * kept on this device is as fresh as when it was fetched, and one never fetched is out of reach.
 */
function signatureWording(outcome: Outcome, keys: PageKeys, options: DeviceCheckOptions): Outcome {
  const { t } = options;
  if (outcome.outcome === 'skipped' && outcome.unavailable && keys.notKept.size > 0)
    return unavailable(t('offline.reason.keyNotKept', { did: [...keys.notKept].join(', ') }));
  if (outcome.outcome === 'success' && keys.fetchedAt.size > 0) {
    const oldest = Math.min(...[...keys.fetchedAt.values()].map((at) => at.getTime()));
    const time = formatDateTime(new Date(oldest).toISOString(), options.language);
    return success(t('offline.keyFetched', { time }));
  }
  return outcome;
}

export async function checkOnDevice(
  jws: string,
  options: DeviceCheckOptions,
): Promise<DeviceReport> {
  const presented = presentCredential(jws);
  const keys = pageKeyDocuments(options.didWeb);
  const environment = {
    keys,
    now: options.now,
    jwtClockSkewSeconds: options.jwtClockSkewSeconds,
    checkProof: needsService('Data Integrity proofs'),
  };
  let proofs: Promise<ProofSet> | undefined;
  const context: CheckContext = {
    presented,
    ...environment,
    statusLists: { fetchStatusList: needsService('status lists') },
    constituents: { findConstituent: needsService('constituent credentials') },
    proofs() {
      // The proof and binding checks ask for proofs only of a credential that could be read.
      if (presented.format !== 'jwt') throw new Error('only a vc+jwt is checked on this device');
      proofs ??= checkJwtProof(presented.jws, presented.header, presented.credential, environment);
      return proofs;
    },
  };
  const { credential } = presented;
  const results: CheckResult[] = [
    {
      id: STRUCTURE_CHECK_ID,
      ...(presented.format === 'unreadable'
        ? failure(presented.problem.slug, presented.problem.detail)
        : unavailable(options.t('offline.reason.structure'))),
    },
  ];
  for (const check of [proofCheck, issuerBindingCheck, validFromCheck, validUntilCheck]) {
    const outcome = await check.run(context);
    results.push({
      id: check.id,
      ...(check === proofCheck ? signatureWording(outcome, keys, options) : outcome),
    });
  }
  for (const purpose of STATUS_PURPOSES)
    results.push({ id: statusCheckId(purpose), ...statusOutcome(credential, purpose, options) });
  results.push({
    id: STACK_CHECK_ID,
    ...(constituentsOf(credential).length > 0
      ? unavailable(options.t('offline.reason.stack'))
      : skipped(NOT_A_STACK)),
  });
  return { report: buildReport(results), credential };
}
