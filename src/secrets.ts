import { hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { generateApiKey, hashApiKey } from './keys/apiKey.js';
import { ConfigError } from './core/problems.js';
import { KeyEncryption } from './keys/keyEncryption.js';
import type { Logger } from './logger.js';
import type { SettingStore } from './store/port.js';

const ENCRYPTION_CHECK = 'stackable-credentials key encryption check';
const CHECK_SETTING = 'keyEncryption.check';

/** Where, without KEY_ENCRYPTION_SECRET, a generated secret is kept in DATA_DIR. */
export const DEVELOPMENT_SECRET_FILE = 'key-encryption-secret';

export interface Secrets {
  keyEncryption: KeyEncryption;
  /** Keys the hashes learners are looked up by (derived from the same secret, never stored). */
  learnerKeySecret: Buffer;
  /** Keys the tokens of automatic wallet offers (derived from the same secret, never stored). */
  walletOfferSecret: Buffer;
  isAdminKey(apiKey: string): boolean;
  /** Set only on the start that generated the admin key: it is shown once and never again. */
  generatedAdminKey?: string;
}

/** Owner only: DATA_DIR holds the generated secret and the database with the encrypted keys. */
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes DATA_DIR owner-only (0700), creating it if needed, and takes group and other access
 * away from every file in it: a directory left readable by an older version or a loose umask
 * is tightened at start.
 */
export function securePrivateDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dataDir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(dataDir, entry.name);
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) chmodSync(file, mode & 0o700);
  }
}

function developmentSecret(dataDir: string, logger: Logger): string {
  const file = path.join(dataDir, DEVELOPMENT_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dataDir, PRIVATE_DIR_MODE);
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64url'), {
      mode: PRIVATE_FILE_MODE,
      flag: 'wx',
    });
  }
  // Also tightens a secret file an earlier start left readable to others.
  chmodSync(file, PRIVATE_FILE_MODE);
  logger.warn(
    { file },
    'KEY_ENCRYPTION_SECRET is not set: private keys are encrypted with a generated secret kept in DATA_DIR. Set KEY_ENCRYPTION_SECRET outside development.',
  );
  return readFileSync(file, 'utf8').trim();
}

/**
 * The secret without KEY_ENCRYPTION_SECRET: the generated one in DATA_DIR. A store that already
 * holds keys but no secret file beside them was made with a secret that is not here: generating a
 * new one would only write a useless file and then report a mismatch, so say what is missing.
 */
async function unsetSecret(config: Config, store: SettingStore, logger: Logger): Promise<string> {
  const file = path.join(config.dataDir, DEVELOPMENT_SECRET_FILE);
  if (!existsSync(file) && (await store.findSetting(CHECK_SETTING)) !== undefined) {
    throw new ConfigError(
      'KEY_ENCRYPTION_SECRET',
      'is not set, and the store already holds keys encrypted with a secret that is not in DATA_DIR: set KEY_ENCRYPTION_SECRET to that secret (nothing was written)',
    );
  }
  return developmentSecret(config.dataDir, logger);
}

async function openKeyEncryption(
  config: Config,
  store: SettingStore,
  logger: Logger,
): Promise<{ keyEncryption: KeyEncryption; learnerKeySecret: Buffer; walletOfferSecret: Buffer }> {
  const secret = config.keyEncryptionSecret ?? (await unsetSecret(config, store, logger));
  const salt = Buffer.from(
    await store.claimSetting('keyEncryption.salt', randomBytes(16).toString('hex')),
    'hex',
  );
  const keyEncryption = new KeyEncryption(secret, salt);
  const check = await store.claimSetting(CHECK_SETTING, keyEncryption.encrypt(ENCRYPTION_CHECK));
  keyEncryption.assertOpens(check, ENCRYPTION_CHECK);
  const learnerKeySecret = Buffer.from(hkdfSync('sha256', secret, salt, 'learner-key', 32));
  const walletOfferSecret = Buffer.from(
    hkdfSync('sha256', secret, salt, 'automatic-wallet-offer-token', 32),
  );
  return { keyEncryption, learnerKeySecret, walletOfferSecret };
}

async function adminKeyHash(
  config: Config,
  store: SettingStore,
): Promise<{ hash: string; generated?: string }> {
  if (config.adminApiKey !== undefined) return { hash: hashApiKey(config.adminApiKey) };
  const candidate = generateApiKey();
  const stored = await store.claimSetting('admin.apiKeyHash', hashApiKey(candidate));
  return stored === hashApiKey(candidate)
    ? { hash: stored, generated: candidate }
    : { hash: stored };
}

export async function openSecrets(
  config: Config,
  store: SettingStore,
  logger: Logger,
): Promise<Secrets> {
  const { keyEncryption, learnerKeySecret, walletOfferSecret } = await openKeyEncryption(
    config,
    store,
    logger,
  );
  const admin = await adminKeyHash(config, store);
  const expected = Buffer.from(admin.hash, 'hex');
  return {
    keyEncryption,
    learnerKeySecret,
    walletOfferSecret,
    isAdminKey: (apiKey) => timingSafeEqual(Buffer.from(hashApiKey(apiKey), 'hex'), expected),
    ...(admin.generated ? { generatedAdminKey: admin.generated } : {}),
  };
}
