import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { ConfigError } from '../core/problems.js';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

/** Encrypts private key material at rest with AES-256-GCM under a key derived from the secret. */
export class KeyEncryption {
  readonly #key: Buffer;

  constructor(secret: string, salt: Buffer) {
    this.#key = scryptSync(secret, salt, 32);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv, tag, body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) {
      throw new Error('sealed value has an unknown format');
    }
    const decipher = createDecipheriv(ALGORITHM, this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  /** Throws a ConfigError when this secret cannot open a value sealed earlier. */
  assertOpens(sealedCheck: string, expected: string): void {
    let opened: string | undefined;
    try {
      opened = this.decrypt(sealedCheck);
    } catch {
      opened = undefined;
    }
    if (opened !== expected) {
      throw new ConfigError(
        'KEY_ENCRYPTION_SECRET',
        'does not match the secret the stored keys were encrypted with',
      );
    }
  }
}
