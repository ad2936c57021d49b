import { randomBytes } from 'node:crypto';

/** The prefix Standard Webhooks gives a signing secret; its verifiers take the secret with it. */
const SECRET_PREFIX = 'whsec_';

/** A new signing secret in the Standard Webhooks form: whsec_ and base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}
