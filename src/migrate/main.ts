import { CatalogError } from '../catalog/loadCatalogDir.js';
import { ConfigError } from '../core/problems.js';
import { migrate } from './migrate.js';
import { parseMigrateArgs, USAGE, type MigrateOptions } from './options.js';

const print = (line: string): void => void process.stdout.write(`${line}\n`);

function stop(error: unknown, hint?: string): number {
  const known = error instanceof ConfigError || error instanceof CatalogError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${known ? 'Migration stopped' : 'Migration failed'}: ${message}\n`);
  if (hint) process.stderr.write(`${hint}\n`);
  return 1;
}

async function main(): Promise<number> {
  let options: MigrateOptions | 'help';
  try {
    options = parseMigrateArgs(process.argv.slice(2), process.env);
  } catch (error) {
    return stop(error, 'Run with --help for usage.');
  }
  if (options === 'help') {
    print(USAGE);
    return 0;
  }
  try {
    const { verification } = await migrate(options, process.env, print);
    return verification.failures.length === 0 ? 0 : 1;
  } catch (error) {
    return stop(error);
  }
}

process.exitCode = await main();
