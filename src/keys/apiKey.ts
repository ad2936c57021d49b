import { createHash, randomBytes } from 'node:crypto';

/** 192 random bits: a fast hash is enough to store them, and it allows lookup by hash. */
export function generateApiKey(): string {
  return `sck_${randomBytes(24).toString('base64url')}`;
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}
