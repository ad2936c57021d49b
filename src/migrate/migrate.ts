import { baseUrlOf } from '../core/publicUrl.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { ConfigError } from '../core/problems.js';
import { generateApiKey } from '../keys/apiKey.js';
import { createLogger } from '../logger.js';
import { DEVELOPMENT_SECRET_FILE, openSecrets } from '../secrets.js';
import { createServices } from '../services.js';
import { copyRecords, type CopyCounts } from './copyRecords.js';
import { openSource, openTarget, withoutPassword } from './openStores.js';
import type { MigrateOptions } from './options.js';
import { countLines, verificationLines } from './printout.js';
import { assertSameSettings } from './sameSettings.js';
import { verifyMigrated, type VerificationSummary } from './verifyMigrated.js';

type Env = Record<string, string | undefined>;

export interface MigrationResult {
  copied: CopyCounts;
  verification: VerificationSummary;
}

/** Checked before anything is written: without the secret the copy could not be checked. */
function assertSecretAvailable(dataDir: string, env: Env): void {
  if (env.KEY_ENCRYPTION_SECRET || existsSync(path.join(dataDir, DEVELOPMENT_SECRET_FILE))) return;
  throw new ConfigError(
    'KEY_ENCRYPTION_SECRET',
    `is not set and ${dataDir} keeps no generated one: set it to the secret the instance ran with`,
  );
}

/** The service's configuration on the target, with the instance's secret and public address. */
function targetConfig(options: MigrateOptions, env: Env): Config {
  return loadConfig({
    ...env,
    DATA_DIR: options.from,
    MONGODB_URI: options.to,
    PUBLIC_URL: options.publicUrl,
    // The check serves no requests; a throwaway admin key keeps it from storing one.
    ADMIN_API_KEY: generateApiKey(),
    LOG_LEVEL: env.LOG_LEVEL ?? 'error',
  });
}

/**
 * Copies an instance from SQLite into MongoDB through the Store port, then verifies every
 * credential on the target with the real services, printing counts and the verdict as it goes.
 */
export async function migrate(
  options: MigrateOptions,
  env: Env,
  print: (line: string) => void,
): Promise<MigrationResult> {
  const source = openSource(options.from);
  try {
    assertSecretAvailable(options.from, env);
    const config = targetConfig(options, env);
    const logger = createLogger(config.logLevel, { pretty: config.logPretty });
    // A secret that cannot open the instance's keys stops the move before anything is written.
    await openSecrets(config, source, logger);
    const target = await openTarget(options.to);
    try {
      print(`Copying ${options.from} (SQLite) to ${withoutPassword(options.to)}`);
      await assertSameSettings(source, target);
      const copied = await copyRecords(source, target);
      countLines(copied).forEach(print);

      const publicUrl = baseUrlOf(config.publicUrl);
      print(`Verifying every credential on the target (PUBLIC_URL ${publicUrl})`);
      const services = await createServices(config, target, logger);
      const verification = await verifyMigrated(source, services);
      verificationLines(verification).forEach(print);
      return { copied, verification };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
