import { baseUrlOf } from '../core/publicUrl.js';
import type { StatusPosition } from '../store/port.js';
import type { JsonObject } from '../core/json.js';
import { inPurposeOrder, listId, type StatusPurpose } from '../core/statusPurpose.js';

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
}

export function statusListUrl(publicUrl: URL, issuerSlug: string, id: string): string {
  return `${baseUrlOf(publicUrl)}/status/${issuerSlug}/${id}`;
}

/**
 * The credential's credentialStatus: one entry per purpose, at the same index of the issuer's
 * paired lists. One purpose gives a single object (OB 3.0 allows at most one), two an array.
 */
export function statusEntries(
  publicUrl: URL,
  issuerSlug: string,
  position: StatusPosition,
  purposes: readonly StatusPurpose[],
): BitstringStatusListEntry | BitstringStatusListEntry[] {
  const entries = inPurposeOrder(purposes).map((purpose) => {
    const url = statusListUrl(publicUrl, issuerSlug, listId(purpose, position.listNumber));
    return {
      id: `${url}#${position.index}`,
      type: 'BitstringStatusListEntry' as const,
      statusPurpose: purpose,
      statusListIndex: String(position.index),
      statusListCredential: url,
    };
  });
  const [only] = entries;
  if (!only) throw new Error('a credential carries at least its revocation entry');
  return entries.length === 1 ? only : entries;
}

/** The purposes of the status entries a credential carries on lists under `listPrefix`. */
export function statusPurposesCarried(credential: JsonObject, listPrefix: string): StatusPurpose[] {
  const status = credential.credentialStatus;
  const entries = Array.isArray(status) ? status : status === undefined ? [] : [status];
  const purposes = entries.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return [];
    const { statusPurpose, statusListCredential } = entry as JsonObject;
    return typeof statusPurpose === 'string' &&
      typeof statusListCredential === 'string' &&
      statusListCredential.startsWith(listPrefix)
      ? [statusPurpose]
      : [];
  });
  return inPurposeOrder(purposes);
}
