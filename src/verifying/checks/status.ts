import { BitstringStatusList, decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { issuerIdOf } from '../../credentials/fields.js';
import type { JsonObject } from '../../core/json.js';
import type { UnprocessableSlug } from '../../core/problems.js';
import type { StatusPurpose } from '../../core/statusPurpose.js';
import type { Check, CheckContext } from '../check.js';
import { checkProofSet } from '../proofs/proofSet.js';
import { failure, skipped, success, unavailable, type Outcome } from '../report.js';
import { proofSetOutcome } from './proof.js';
import { statusCheckId } from '../checkIds.js';
import { entriesFor, noEntryReason, unreadEntryTypes, unreadReason } from './statusEntries.js';

const PROBLEM: Record<StatusPurpose, { slug: UnprocessableSlug; word: string }> = {
  revocation: { slug: 'credential-revoked', word: 'revoked' },
  suspension: { slug: 'credential-suspended', word: 'suspended' },
};

/** The list was read and is wrong for this credential: a failure, not a connection problem. */
const invalid = (detail: string): Outcome => failure('status-invalid', detail);

/**
 * Lists already verified and decoded, by object: our own lists and cached remote ones are the
 * same object until a bit changes, so each is checked once rather than on every verification.
 */
const decodedLists = new WeakMap<JsonObject, BitstringStatusList>();

async function verifiedBits(
  list: JsonObject,
  url: string,
  purpose: StatusPurpose,
  context: CheckContext,
): Promise<BitstringStatusList | Outcome> {
  const subject = (list.credentialSubject ?? {}) as JsonObject;
  if (subject.statusPurpose !== purpose || typeof subject.encodedList !== 'string') {
    return invalid(`${url} is not a ${purpose} list`);
  }
  const known = decodedLists.get(list);
  if (known) return known;
  const listProofs = await checkProofSet(list, { kind: 'assertion' }, context);
  const listProof = proofSetOutcome(listProofs);
  if (listProof.outcome !== 'success') {
    const why =
      listProof.outcome === 'failure' ? String(listProof.problem.detail) : listProof.reason;
    return unavailable(`the status list ${url} does not verify (${why})`);
  }
  const signedByIssuer =
    listProofs.kind === 'checked' &&
    listProofs.results.some(
      (result) => result.outcome === 'verified' && result.controller === issuerIdOf(list),
    );
  if (!signedByIssuer) return invalid(`the status list ${url} is not signed by its issuer`);
  try {
    const bits = await decodeList({ encodedList: subject.encodedList });
    decodedLists.set(list, bits);
    return bits;
  } catch (error) {
    return invalid(`${url} cannot be decoded: ${(error as Error).message}`);
  }
}

/** Reads the bit itself from a verified list credential of the same issuer. */
async function checkEntry(
  entry: JsonObject,
  purpose: StatusPurpose,
  context: CheckContext,
): Promise<Outcome> {
  const url = entry.statusListCredential;
  const index = Number(entry.statusListIndex);
  if (typeof url !== 'string' || !Number.isInteger(index) || index < 0) {
    return failure('malformed-credential', `the ${purpose} entry has no valid list URL or index`);
  }
  let list: JsonObject;
  try {
    list = await context.statusLists.fetchStatusList(url);
  } catch (error) {
    return unavailable(`${url}: ${(error as Error).message}`);
  }
  if (issuerIdOf(list) !== issuerIdOf(context.presented.credential)) {
    return invalid(`the status list ${url} is signed by another issuer than the credential`);
  }
  const bits = await verifiedBits(list, url, purpose, context);
  if (!(bits instanceof BitstringStatusList)) return bits;
  if (index >= bits.length)
    return invalid(`index ${index} is outside ${url} (${bits.length} entries)`);
  if (!bits.getStatus(index)) return success();
  const { slug, word } = PROBLEM[purpose];
  const uuid = String(context.presented.credential.id ?? '').replace(/^urn:uuid:/, '');
  const explanation = await context.statusLists.explainStatus?.(uuid);
  return failure(slug, explanation ?? `${word}: bit ${index} of ${url} is set`, {
    statusListCredential: url,
    statusListIndex: index,
  });
}

function statusCheck(purpose: StatusPurpose): Check {
  return {
    id: statusCheckId(purpose),
    async run(context) {
      const entries = entriesFor(context.presented.credential, purpose);
      const unread = purpose === 'revocation' ? unreadEntryTypes(context.presented.credential) : [];
      if (unread.length > 0) return unavailable(unreadReason(unread));
      if (entries.length === 0) return skipped(noEntryReason(purpose));
      for (const entry of entries) {
        const outcome = await checkEntry(entry, purpose, context);
        if (outcome.outcome !== 'success') return outcome;
      }
      return success();
    },
  };
}

export const revocationCheck = statusCheck('revocation');
export const suspensionCheck = statusCheck('suspension');
