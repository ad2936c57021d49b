import { baseUrlOf } from '../core/publicUrl.js';
import type { StatusPosition } from '../store/port.js';
import { listId, STATUS_PURPOSES } from '../core/statusPurpose.js';

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

/** One revocation and one suspension entry, at the same index of the issuer's paired lists. */
export function statusEntries(
  publicUrl: URL,
  issuerSlug: string,
  position: StatusPosition,
): BitstringStatusListEntry[] {
  return STATUS_PURPOSES.map((purpose) => {
    const url = statusListUrl(publicUrl, issuerSlug, listId(purpose, position.listNumber));
    return {
      id: `${url}#${position.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(position.index),
      statusListCredential: url,
    };
  });
}
