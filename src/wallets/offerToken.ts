import { createHash, createHmac, randomBytes } from 'node:crypto';

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

/**
 * The token of an offer the service made by itself (walletClaim): keyed by a secret derived from
 * KEY_ENCRYPTION_SECRET, so it is as unguessable as a random one, yet whoever holds the secret (the
 * mail sender, composing the message later) can say it again from the offer's id alone.
 */
export function derivedOfferToken(secret: Buffer, offerId: string): string {
  return createHmac('sha256', secret).update(offerId).digest('base64url');
}
