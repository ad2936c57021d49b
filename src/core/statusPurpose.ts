import type { CredentialState } from './credentialState.js';

export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

/** What an issuer's credentials carry unless it turns suspension on: OB 3.0 allows one entry. */
export const DEFAULT_STATUS_PURPOSES: StatusPurpose[] = ['revocation'];

/** Issuers stored before the purposes were configurable issued both entries, and keep doing so. */
export const LEGACY_STATUS_PURPOSES: StatusPurpose[] = ['revocation', 'suspension'];

/** The known purposes among `named`, each once, in the one order entries take. */
export function inPurposeOrder(named: readonly string[]): StatusPurpose[] {
  return STATUS_PURPOSES.filter((purpose) => named.includes(purpose));
}

/** Purposes as SQLite keeps them, "revocation,suspension". */
export function parseStatusPurposes(stored: string): StatusPurpose[] {
  return inPurposeOrder(stored.split(','));
}

/** Each purpose's list sets the bit for exactly one state. */
export const STATE_OF_PURPOSE: Record<StatusPurpose, CredentialState> = {
  revocation: 'revoked',
  suspension: 'suspended',
};

/** The smallest list the Bitstring Status List spec allows: 16 KB, so a position tells nothing. */
export const MIN_LIST_LENGTH = 131_072;

/** `revocation-3` -> { purpose: 'revocation', listNumber: 3 } */
export function parseListId(
  listId: string,
): { purpose: StatusPurpose; listNumber: number } | undefined {
  const match = /^(revocation|suspension)-([1-9][0-9]{0,8})$/.exec(listId);
  if (!match) return undefined;
  return { purpose: match[1] as StatusPurpose, listNumber: Number(match[2]) };
}

export function listId(purpose: StatusPurpose, listNumber: number): string {
  return `${purpose}-${listNumber}`;
}
