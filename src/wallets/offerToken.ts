import { createHash, randomBytes } from 'node:crypto';

// 32 random bytes: an offer's token is a bearer secret in a URL, so it must not be guessable.
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newOfferToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Only the hash is stored, so a copy of the database claims nothing. */
export function hashOfferToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token this service could have made; anything else is not looked up at all. */
export function isOfferToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
