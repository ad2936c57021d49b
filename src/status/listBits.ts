import type { CredentialState } from '../core/credentialState.js';
import { STATE_OF_PURPOSE, STATUS_PURPOSES, type StatusPurpose } from '../core/statusPurpose.js';
import type { StatusListSnapshot, StatusStore } from '../store/port.js';

export type ListBitsStore = Pick<
  StatusStore,
  | 'latestStatusListSnapshot'
  | 'listStatusListChanges'
  | 'listUnsequencedStatusStates'
  | 'saveStatusListSnapshot'
>;

/** The bitstring a purpose's list publishes (see STATE_OF_PURPOSE). */
export function bitsOfPurpose(bits: StatusListSnapshot, purpose: StatusPurpose): Uint8Array {
  return purpose === 'revocation' ? bits.revoked : bits.suspended;
}

/** Sets one index's bit in both bitstrings: each purpose's list records exactly one state. */
function applyState(bits: StatusListSnapshot, index: number, state: CredentialState): void {
  const byte = index >> 3;
  if (index < 0 || byte >= bits.revoked.length) {
    throw new Error(`status index ${index} is outside list ${bits.listNumber}`);
  }
  const mask = 0x80 >> (index & 7);
  for (const purpose of STATUS_PURPOSES) {
    const bitstring = bitsOfPurpose(bits, purpose);
    const current = bitstring[byte] ?? 0;
    bitstring[byte] = state === STATE_OF_PURPOSE[purpose] ? current | mask : current & ~mask;
  }
}

/** A copy at least `bytes` long: a list made longer by configuration keeps its bits, the rest 0. */
function padded(bitstring: Uint8Array, bytes: number): Uint8Array {
  const copy = new Uint8Array(Math.max(bytes, bitstring.length));
  copy.set(bitstring);
  return copy;
}

/** A list with no snapshot yet: the changes recorded before lists had sequences (if any). */
async function baseOf(
  store: ListBitsStore,
  issuerSlug: string,
  listNumber: number,
  bytes: number,
): Promise<StatusListSnapshot> {
  const base: StatusListSnapshot = {
    issuerSlug,
    listNumber,
    version: 0,
    revoked: new Uint8Array(bytes),
    suspended: new Uint8Array(bytes),
  };
  for (const { index, state } of await store.listUnsequencedStatusStates(issuerSlug, listNumber)) {
    applyState(base, index, state);
  }
  return base;
}

/**
 * A list's bits as they are now: its latest snapshot plus the few changes since, which become
 * the next snapshot. Changes are the truth and each claims its list sequence by insert, so every
 * reader replays the same changes in the same order, and the snapshot at a version is the same
 * bits whoever writes it: two readers racing to save it store one row, and an older one saved
 * late never shadows a newer one (the store keeps the highest). No conditional update anywhere,
 * so FerretDB's non-atomic ones cannot lose a bit. The cost is the changes since the last read,
 * never the number of credentials; only a list's first read reads its unsequenced past.
 */
export async function currentListBits(
  store: ListBitsStore,
  issuerSlug: string,
  listNumber: number,
  length: number,
): Promise<StatusListSnapshot> {
  const bytes = Math.ceil(length / 8);
  const stored = await store.latestStatusListSnapshot(issuerSlug, listNumber);
  const bits = stored
    ? {
        ...stored,
        revoked: padded(stored.revoked, bytes),
        suspended: padded(stored.suspended, bytes),
      }
    : await baseOf(store, issuerSlug, listNumber, bytes);
  for (const change of await store.listStatusListChanges(issuerSlug, listNumber, bits.version)) {
    applyState(bits, change.list.index, change.state);
    bits.version = change.list.sequence;
  }
  if (!stored || bits.version > stored.version) await store.saveStatusListSnapshot(bits);
  return bits;
}
