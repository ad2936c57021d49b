import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ConfigError } from './core/problems.js';

export interface Config {
  port: number;
  publicUrl: URL;
  dataDir: string;
  /** Set when MONGODB_URI is given: the store is then MongoDB instead of SQLite in DATA_DIR. */
  mongodbUri: string | undefined;
  /** Catalogs of achievements and tier rules, and trust.json, loaded at start. */
  catalogDir: string;
  /** Set when ADMIN_API_KEY is given; otherwise the key is generated once at first start. */
  adminApiKey: string | undefined;
  /** Set when KEY_ENCRYPTION_SECRET is given; otherwise a generated one is kept in DATA_DIR. */
  keyEncryptionSecret: string | undefined;
  logLevel: string;
  /** LOG_PRETTY=true: log lines are coloured text for a developer's terminal instead of JSON. */
  logPretty: boolean;
  /** The bearer token GET /metrics takes; unset, /metrics answers 404. */
  metricsToken: string | undefined;
  production: boolean;
  /**
   * Unauthenticated verify requests per minute per client address (POST /credentials/verify,
   * /verify, /presentations/verify); 0 turns the limit off.
   */
  verifyRateLimit: number;
  /** Seconds of clock difference tolerated in a JWT's exp, nbf and iat. */
  jwtClockSkewSeconds: number;
  /** Worker threads that make Data Integrity signatures and check proofs; 0 runs them in process. */
  signingWorkers: number;
  /** The largest issuer image upload taken, in bytes (PUT /issuers/{slug}/image). */
  issuerImageMaxBytes: number;
  /** The most rows one batch takes (POST /issuers/{slug}/batches); more is a 422. */
  batchMaxRows: number;
  /** The largest batch file (CSV or JSON) taken, in bytes; larger is a 413. */
  batchMaxBytes: number;
  /** Seconds a runner's hold on a batch lasts unrenewed: after a crash, another takes over then. */
  batchLeaseSeconds: number;
  /** Webhook deliveries are retried for this long after they were queued, then given up. */
  webhookRetryHours: number;
  /** The wait before a webhook's second attempt; each later wait doubles it. */
  webhookRetryBaseSeconds: number;
  /** How long a wallet claim offer (POST /credentials/{uuid}/offers) can be claimed. */
  walletOfferHours: number;
  /**
   * How often imported credentials' status is re-checked at their issuer, so a revocation there
   * sets them aside here; 0 turns the re-check off.
   */
  importRecheckHours: number;
  /**
   * How old a claim (a tier copy, an idempotency key) must be, with its work not done, before it is
   * taken for the leftover of a crash or a failed write and repaired: far longer than any request.
   */
  claimRepairAfterSeconds: number;
  /** How long a console sign-in lasts before the staff member signs in again. */
  staffSessionHours: number;
  /** How long a staff invitation link can be used. */
  staffInvitationDays: number;
  /** Failed console sign-ins per account (e-mail) in a quarter hour before it must wait. */
  signInLimitPerAccount: number;
  /** Failed console sign-ins per client address in a quarter hour before it must wait. */
  signInLimitPerAddress: number;
  /**
   * On SIGTERM or SIGINT, how long in-flight requests and the background jobs' current steps may
   * take before the process exits anyway.
   */
  shutdownTimeoutSeconds: number;
  /** Learner e-mail: where it goes, who it is from, when reminders go and how sending retries. */
  email: EmailConfig;
}

export interface EmailConfig {
  /** smtp:// or smtps:// with optional user:password; unset writes .eml files to DATA_DIR/outbox. */
  smtpUrl: URL | undefined;
  /** The From header: an address, or `Name <address>`. */
  from: string;
  /** Days before validUntil that an expiry reminder goes out; 0 sends none. */
  reminderDays: number;
  /** Attempts at sending one message before it is given up as failed. */
  maxAttempts: number;
  /** The wait after the first failed attempt; each later failure doubles it. */
  retryBaseSeconds: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MIN_SECRET_LENGTH = 32;
const DEFAULT_VERIFY_RATE_LIMIT = 120;
const MAX_VERIFY_RATE_LIMIT = 1_000_000;

type Env = Record<string, string | undefined>;

function readPort(env: Env): number {
  const raw = env.PORT ?? '3000';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 0 || port > 65535) {
    throw new ConfigError('PORT', `"${raw}" is not a port number (0-65535)`);
  }
  return port;
}

/** The service's public address; `name` is the setting blamed when it is not one. */
export function parsePublicUrl(raw: string, name = 'PUBLIC_URL'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `"${raw}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, 'must start with http:// or https://');
  }
  if (url.search || url.hash) {
    throw new ConfigError(name, 'must not carry a query or fragment');
  }
  // A trailing slash would double up when paths are appended.
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/** A whole number from 0 to `max`, `fallback` when unset; `what` says what it counts. */
function readWholeNumber(
  env: Env,
  variable: string,
  fallback: number,
  max: number,
  what: string,
  note = '',
): number {
  const raw = env[variable] || String(fallback);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > max) {
    throw new ConfigError(variable, `"${raw}" is not a number of ${what} (0-${max}${note})`);
  }
  return value;
}

// A badge-sized PNG is tens of KiB; the cap keeps every upload cheap to check and to store.
const DEFAULT_ISSUER_IMAGE_MAX_BYTES = 256 * 1024;
const MAX_ISSUER_IMAGE_MAX_BYTES = 8 * 1024 * 1024;

const DEFAULT_BATCH_MAX_ROWS = 5_000;
const MAX_BATCH_MAX_ROWS = 100_000;
// A 5,000-row CSV with evidence columns is well under 2 MiB.
const DEFAULT_BATCH_MAX_BYTES = 5 * 1024 * 1024;
const MAX_BATCH_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_BATCH_LEASE_SECONDS = 30;
const MAX_BATCH_LEASE_SECONDS = 3_600;

const DEFAULT_JWT_CLOCK_SKEW_SECONDS = 60;
// More threads than cores only share the cores they have.
const MAX_SIGNING_WORKERS = 256;
// More than a few minutes would let an expired token pass for a long time.
const MAX_JWT_CLOCK_SKEW_SECONDS = 600;

// A day covers a receiver's overnight outage; a month is the most a queue is kept for anyone.
const DEFAULT_WEBHOOK_RETRY_HOURS = 24;
const MAX_WEBHOOK_RETRY_HOURS = 720;
const DEFAULT_WEBHOOK_RETRY_BASE_SECONDS = 30;
// Three days covers a learner who reads the e-mail after a weekend; a month is the most a bearer
// link to claim a credential should stay open.
const DEFAULT_WALLET_OFFER_HOURS = 72;
const MAX_WALLET_OFFER_HOURS = 720;
// Daily: a withdrawn exam result stops counting within a day, at one status fetch per import.
const DEFAULT_IMPORT_RECHECK_HOURS = 24;
const MAX_IMPORT_RECHECK_HOURS = 720;
const MAX_WEBHOOK_RETRY_BASE_SECONDS = 3_600;

/** An offer open for no time at all could never be claimed, so it lasts at least an hour. */
function readWalletOfferHours(env: Env): number {
  const hours = readWholeNumber(
    env,
    'WALLET_OFFER_HOURS',
    DEFAULT_WALLET_OFFER_HOURS,
    MAX_WALLET_OFFER_HOURS,
    'hours',
  );
  if (hours < 1) {
    throw new ConfigError('WALLET_OFFER_HOURS', 'must be at least 1 hour');
  }
  return hours;
}

/** No wait at all would send every retry at once, so the base is at least a second. */
function readRetryBase(env: Env): number {
  const seconds = readWholeNumber(
    env,
    'WEBHOOK_RETRY_BASE_SECONDS',
    DEFAULT_WEBHOOK_RETRY_BASE_SECONDS,
    MAX_WEBHOOK_RETRY_BASE_SECONDS,
    'seconds',
  );
  if (seconds === 0) {
    throw new ConfigError('WEBHOOK_RETRY_BASE_SECONDS', 'must be at least 1 second');
  }
  return seconds;
}

const DEFAULT_REMINDER_DAYS = 30;
const MAX_REMINDER_DAYS = 3650;
const DEFAULT_EMAIL_MAX_ATTEMPTS = 8;
const MAX_EMAIL_MAX_ATTEMPTS = 100;
// 60 s doubling over 8 attempts spreads them across about two hours: a mail server's restart or
// a greylisting delay is outlasted, and a learner still hears the same day.
const DEFAULT_EMAIL_RETRY_BASE_SECONDS = 60;
const MAX_EMAIL_RETRY_BASE_SECONDS = 86_400;

function readSmtpUrl(env: Env): URL | undefined {
  const raw = env.SMTP_URL;
  if (raw === undefined || raw === '') return undefined;
  // The value is not echoed back: it may carry a password.
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL', 'is not a URL (smtp://user:password@host:port)');
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    throw new ConfigError('SMTP_URL', 'must be smtp://host:port or smtps://host:port');
  }
  return url;
}

const ADDRESS = String.raw`[^\s@<>]+@[^\s@<>]+`;
const FROM_PATTERN = new RegExp(`^(${ADDRESS}|[^<>]*<${ADDRESS}>)$`);

function readEmailFrom(env: Env, publicUrl: URL): string {
  const value = env.EMAIL_FROM || `Stackable credentials <no-reply@${publicUrl.hostname}>`;
  if (!FROM_PATTERN.test(value)) {
    throw new ConfigError('EMAIL_FROM', `"${value}" is not an address or "Name <address>"`);
  }
  return value;
}

function readMaxAttempts(env: Env): number {
  const attempts = readWholeNumber(
    env,
    'EMAIL_MAX_ATTEMPTS',
    DEFAULT_EMAIL_MAX_ATTEMPTS,
    MAX_EMAIL_MAX_ATTEMPTS,
    'attempts',
  );
  if (attempts === 0) throw new ConfigError('EMAIL_MAX_ATTEMPTS', 'must be at least 1');
  return attempts;
}

function readEmailConfig(env: Env, publicUrl: URL): EmailConfig {
  return {
    smtpUrl: readSmtpUrl(env),
    from: readEmailFrom(env, publicUrl),
    reminderDays: readWholeNumber(
      env,
      'EMAIL_REMINDER_DAYS',
      DEFAULT_REMINDER_DAYS,
      MAX_REMINDER_DAYS,
      'days',
      '; 0 sends no reminders',
    ),
    maxAttempts: readMaxAttempts(env),
    retryBaseSeconds: readWholeNumber(
      env,
      'EMAIL_RETRY_BASE_SECONDS',
      DEFAULT_EMAIL_RETRY_BASE_SECONDS,
      MAX_EMAIL_RETRY_BASE_SECONDS,
      'seconds',
    ),
  };
}
/** A whole number from 1 to `max`: a setting for which 0 would mean nothing works. */
function readPositive(env: Env, variable: string, fallback: number, max: number, what: string) {
  const value = readWholeNumber(env, variable, fallback, max, what);
  if (value === 0) throw new ConfigError(variable, `must be at least 1 (${what})`);
  return value;
}

// Ten minutes is hundreds of times the slowest award; a day is the longest a learner should wait.
const DEFAULT_CLAIM_REPAIR_AFTER_SECONDS = 600;
const MAX_CLAIM_REPAIR_AFTER_SECONDS = 86_400;
const DEFAULT_STAFF_SESSION_HOURS = 12;
const MAX_STAFF_SESSION_HOURS = 720;
const DEFAULT_STAFF_INVITATION_DAYS = 7;
const MAX_STAFF_INVITATION_DAYS = 90;
const DEFAULT_SIGN_IN_LIMIT_PER_ACCOUNT = 5;
// An office behind one address may hold many staff signing in at nine.
const DEFAULT_SIGN_IN_LIMIT_PER_ADDRESS = 30;
const MAX_SIGN_IN_LIMIT = 10_000;

// Under the 30 s an orchestrator usually waits between SIGTERM and SIGKILL.
const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 20;
const MAX_SHUTDOWN_TIMEOUT_SECONDS = 600;

function readPublicUrl(env: Env, port: number): URL {
  return parsePublicUrl(env.PUBLIC_URL ?? `http://localhost:${port}`);
}

/** A MongoDB connection string; `name` is the setting blamed when it is not one. */
export function checkMongodbUri(value: string, name = 'MONGODB_URI'): string {
  // Hosts may be a comma-separated list, which URL cannot parse; the driver checks the rest.
  // The value is not echoed back: it may carry a password.
  if (!/^mongodb(\+srv)?:\/\/[^/?#\s]+(\/[^\s]*)?$/.test(value)) {
    throw new ConfigError(name, 'must be a mongodb:// or mongodb+srv:// connection string');
  }
  return value;
}

function readMongodbUri(env: Env): string | undefined {
  const value = env.MONGODB_URI;
  return value === undefined || value === '' ? undefined : checkMongodbUri(value);
}

function readSecret(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (value.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(name, `must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  return value;
}

function readFlag(env: Env, name: string): boolean {
  const value = env[name];
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ConfigError(name, `"${value}" is not true or false`);
}

export function loadConfig(env: Env = process.env): Config {
  const port = readPort(env);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const production = env.NODE_ENV === 'production';
  const keyEncryptionSecret = readSecret(env, 'KEY_ENCRYPTION_SECRET');
  if (production && keyEncryptionSecret === undefined) {
    throw new ConfigError('KEY_ENCRYPTION_SECRET', 'is required when NODE_ENV=production');
  }
  const publicUrl = readPublicUrl(env, port);
  return {
    port,
    publicUrl,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    mongodbUri: readMongodbUri(env),
    catalogDir: path.resolve(env.CATALOG_DIR ?? './credentials'),
    adminApiKey: readSecret(env, 'ADMIN_API_KEY'),
    keyEncryptionSecret,
    logLevel,
    logPretty: readFlag(env, 'LOG_PRETTY'),
    metricsToken: readSecret(env, 'METRICS_TOKEN'),
    production,
    verifyRateLimit: readWholeNumber(
      env,
      'VERIFY_RATE_LIMIT',
      DEFAULT_VERIFY_RATE_LIMIT,
      MAX_VERIFY_RATE_LIMIT,
      'requests per minute',
      '; 0 turns the limit off',
    ),
    jwtClockSkewSeconds: readWholeNumber(
      env,
      'JWT_CLOCK_SKEW_SECONDS',
      DEFAULT_JWT_CLOCK_SKEW_SECONDS,
      MAX_JWT_CLOCK_SKEW_SECONDS,
      'seconds',
    ),
    signingWorkers: readWholeNumber(
      env,
      'SIGNING_WORKERS',
      availableParallelism(),
      MAX_SIGNING_WORKERS,
      'worker threads',
      '; 0 signs and checks proofs on the main thread',
    ),
    issuerImageMaxBytes: readWholeNumber(
      env,
      'ISSUER_IMAGE_MAX_BYTES',
      DEFAULT_ISSUER_IMAGE_MAX_BYTES,
      MAX_ISSUER_IMAGE_MAX_BYTES,
      'bytes',
      '; 0 refuses every upload',
    ),
    batchMaxRows: readWholeNumber(
      env,
      'BATCH_MAX_ROWS',
      DEFAULT_BATCH_MAX_ROWS,
      MAX_BATCH_MAX_ROWS,
      'rows',
    ),
    batchMaxBytes: readWholeNumber(
      env,
      'BATCH_MAX_BYTES',
      DEFAULT_BATCH_MAX_BYTES,
      MAX_BATCH_MAX_BYTES,
      'bytes',
    ),
    batchLeaseSeconds: Math.max(
      1,
      readWholeNumber(
        env,
        'BATCH_LEASE_SECONDS',
        DEFAULT_BATCH_LEASE_SECONDS,
        MAX_BATCH_LEASE_SECONDS,
        'seconds',
      ),
    ),
    webhookRetryHours: readWholeNumber(
      env,
      'WEBHOOK_RETRY_HOURS',
      DEFAULT_WEBHOOK_RETRY_HOURS,
      MAX_WEBHOOK_RETRY_HOURS,
      'hours',
      '; 0 makes one attempt only',
    ),
    webhookRetryBaseSeconds: readRetryBase(env),
    shutdownTimeoutSeconds: readPositive(
      env,
      'SHUTDOWN_TIMEOUT_SECONDS',
      DEFAULT_SHUTDOWN_TIMEOUT_SECONDS,
      MAX_SHUTDOWN_TIMEOUT_SECONDS,
      'seconds',
    ),
    email: readEmailConfig(env, publicUrl),
    walletOfferHours: readWalletOfferHours(env),
    importRecheckHours: readWholeNumber(
      env,
      'IMPORT_RECHECK_HOURS',
      DEFAULT_IMPORT_RECHECK_HOURS,
      MAX_IMPORT_RECHECK_HOURS,
      'hours',
      '; 0 turns the re-check off',
    ),
    claimRepairAfterSeconds: readPositive(
      env,
      'CLAIM_REPAIR_AFTER_SECONDS',
      DEFAULT_CLAIM_REPAIR_AFTER_SECONDS,
      MAX_CLAIM_REPAIR_AFTER_SECONDS,
      'seconds',
    ),
    staffSessionHours: readPositive(
      env,
      'STAFF_SESSION_HOURS',
      DEFAULT_STAFF_SESSION_HOURS,
      MAX_STAFF_SESSION_HOURS,
      'hours',
    ),
    staffInvitationDays: readPositive(
      env,
      'STAFF_INVITATION_DAYS',
      DEFAULT_STAFF_INVITATION_DAYS,
      MAX_STAFF_INVITATION_DAYS,
      'days',
    ),
    signInLimitPerAccount: readPositive(
      env,
      'SIGN_IN_LIMIT_PER_ACCOUNT',
      DEFAULT_SIGN_IN_LIMIT_PER_ACCOUNT,
      MAX_SIGN_IN_LIMIT,
      'failed sign-ins per quarter hour',
    ),
    signInLimitPerAddress: readPositive(
      env,
      'SIGN_IN_LIMIT_PER_ADDRESS',
      DEFAULT_SIGN_IN_LIMIT_PER_ADDRESS,
      MAX_SIGN_IN_LIMIT,
      'failed sign-ins per quarter hour',
    ),
  };
}
