import { baseUrlOf } from '../core/publicUrl.js';
import type { JsonObject } from '../core/json.js';
import { digestMultibase } from '../credentials/digest.js';
import { credentialJson } from '../credentials/subjectOf.js';
import type { CredentialRecord } from '../store/port.js';

/**
 * The unsigned copy of a credential for the wallet whose holder proved `holderDid`: the same
 * issuer, achievement, evidence, results, dates and e-mail identifier as the original, about the
 * holder's DID (credentialSubject.id), with a new id; proof and status entries are made afresh
 * when it is issued.
 *
 * The original is named in VC 2.0's relatedResource by its URL here and the digest of the bytes
 * served there, not in evidence: evidence naming a credential by id and digest is how a tier
 * names what it was built from, and a copy is not built from anything.
 */
export function walletCopyOf(
  original: CredentialRecord,
  copyId: string,
  holderDid: string,
  publicUrl: URL,
): JsonObject {
  const {
    proof: _proof,
    credentialStatus: _status,
    relatedResource,
    ...kept
  } = credentialJson(original);
  const subjects = ([] as unknown[]).concat(kept.credentialSubject ?? []);
  const [first, ...others] = subjects;
  const subject = typeof first === 'object' && first !== null ? (first as JsonObject) : {};
  const link = {
    id: `${baseUrlOf(publicUrl)}/credentials/${original.id}`,
    digestMultibase: digestMultibase(original.document),
  };
  return {
    ...kept,
    id: `urn:uuid:${copyId}`,
    credentialSubject:
      others.length > 0
        ? [{ ...subject, id: holderDid }, ...others]
        : { ...subject, id: holderDid },
    relatedResource: [...([] as unknown[]).concat(relatedResource ?? []), link],
  } as JsonObject;
}
