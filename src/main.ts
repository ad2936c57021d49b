import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { ConfigError } from './errors.js';
import { createLogger } from './logger.js';
import { createServices } from './services.js';
import { SqliteStore } from './store/sqlite/sqliteStore.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const store = SqliteStore.inDataDir(config.dataDir);
  const services = await createServices(config, store, logger);
  if (services.secrets.generatedAdminKey) {
    // Printed once, outside the log stream: only its hash is kept.
    process.stdout.write(
      `\nAdmin API key (shown once, store it now): ${services.secrets.generatedAdminKey}\n\n`,
    );
  }
  const server = createApp(services).listen(config.port, () => {
    logger.info(
      { port: config.port, publicUrl: config.publicUrl.href, dataDir: config.dataDir },
      'listening',
    );
  });
  const shutdown = (): void => {
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else {
    process.stderr.write(
      `Start failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
