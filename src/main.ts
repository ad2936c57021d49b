import { existsSync } from 'node:fs';
import { createApp } from './app.js';
import { CatalogError } from './catalog/loadCatalogDir.js';
import { loadConfig } from './config.js';
import { ConfigError } from './core/problems.js';
import { createLogger } from './logger.js';
import { securePrivateDataDir } from './secrets.js';
import { stopOnSignals } from './shutdown.js';
import { createServices } from './services.js';
import { MongoStore } from './store/mongo/mongoStore.js';
import { SqliteStore } from './store/sqlite/sqliteStore.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { pretty: config.logPretty });
  // SQLite keeps everything in DATA_DIR; with MongoDB an existing one may still hold a database
  // from before a migration or the generated secret. Either way it is made owner-only first.
  if (!config.mongodbUri || existsSync(config.dataDir)) securePrivateDataDir(config.dataDir);
  const store = config.mongodbUri
    ? await MongoStore.open(config.mongodbUri)
    : SqliteStore.inDataDir(config.dataDir);
  const services = await createServices(config, store, logger);
  if (services.secrets.generatedAdminKey) {
    // Printed once, outside the log stream: only its hash is kept.
    process.stdout.write(
      `\nAdmin API key (shown once, store it now): ${services.secrets.generatedAdminKey}\n\n`,
    );
  }
  const stopping = new AbortController();
  const server = createApp(services, { stopping: stopping.signal }).listen(config.port, () => {
    logger.info(
      {
        port: config.port,
        publicUrl: config.publicUrl.href,
        dataDir: config.dataDir,
        store: config.mongodbUri ? 'mongodb' : 'sqlite',
        learnerMail: services.learnerMail.destination,
      },
      'listening',
    );
  });
  services.background.start();
  stopOnSignals({
    server,
    stopping,
    background: services.background,
    counts: services.credentialUses,
    workers: services.proofWorkers,
    store,
    logger,
    timeoutSeconds: config.shutdownTimeoutSeconds,
    exit: (code) => process.exit(code),
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CatalogError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else {
    process.stderr.write(
      `Start failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
