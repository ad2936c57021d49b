import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Six digits: what OpenID4VCI wallets show a numeric keypad for (`input_mode: numeric`). */
export const TX_CODE_LENGTH = 6;

export function newTxCode(): string {
  return String(randomInt(0, 10 ** TX_CODE_LENGTH)).padStart(TX_CODE_LENGTH, '0');
}

/** Where an offer's PIN hash is kept (one per offer). */
export function txCodeGrantKey(offerId: string): string {
  return `tx_code:${offerId}`;
}

/**
 * Salted with the offer's id, so one table of six-digit hashes does not open every offer. A PIN
 * alone claims nothing: it only works with the offer's pre-authorized code, which is not stored.
 */
export function txCodeHash(offerId: string, txCode: string): string {
  return createHash('sha256').update(`${offerId}:${txCode}`).digest('hex');
}

export function txCodeMatches(offerId: string, txCode: string, storedHash: string): boolean {
  const given = Buffer.from(txCodeHash(offerId, txCode), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
