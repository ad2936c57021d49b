import path from 'node:path';
import { checkMongodbUri, parsePublicUrl } from '../config.js';
import { ConfigError } from '../core/problems.js';

export interface MigrateOptions {
  /** DATA_DIR of the SQLite instance to move. */
  from: string;
  /** Connection string of the MongoDB to move it to. */
  to: string;
  /** The address the moved instance serves at; its credentials' URLs and did:web DIDs name it. */
  publicUrl?: string;
}

export const USAGE = `Usage: npm run migrate -- --from <DATA_DIR> --to <MONGODB_URI> [--public-url <url>]

Copies everything an instance stored in SQLite under DATA_DIR into MongoDB, then checks that every
credential verifies there. Safe to run again: records already copied are left as they are.

  --from <DATA_DIR>     the SQLite instance's data directory (holds credentials.sqlite)
  --to <MONGODB_URI>    mongodb:// or mongodb+srv:// connection string of the target database
  --public-url <url>    the PUBLIC_URL the instance serves at (default: $PUBLIC_URL, else
                        http://localhost:$PORT)

KEY_ENCRYPTION_SECRET must be the secret the instance ran with, unless it kept a generated one in
DATA_DIR. Keys are copied sealed; the secret is needed only to check the result.`;

const FLAGS = { '--from': 'from', '--to': 'to', '--public-url': 'publicUrl' } as const;

type Flag = keyof typeof FLAGS;

const isFlag = (name: string): name is Flag => Object.hasOwn(FLAGS, name);

type Env = Record<string, string | undefined>;

/** `--name value` or `--name=value` each; errors name the flag, as config errors name the variable. */
function readFlags(args: readonly string[]): Partial<Record<Flag, string>> {
  const values: Partial<Record<Flag, string>> = {};
  for (let at = 0; at < args.length; at += 1) {
    const arg = args[at] ?? '';
    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg : arg.slice(0, equals);
    if (!isFlag(name)) throw new ConfigError(name, 'is not an option of migrate');
    let value = equals === -1 ? args[at + 1] : arg.slice(equals + 1);
    if (equals === -1) {
      at += 1;
      if (value?.startsWith('--')) value = undefined;
    }
    if (!value) throw new ConfigError(name, 'needs a value');
    if (values[name] !== undefined) throw new ConfigError(name, 'is given twice');
    values[name] = value;
  }
  return values;
}

/** The options, or 'help' when asked for usage. */
export function parseMigrateArgs(args: readonly string[], env: Env): MigrateOptions | 'help' {
  if (args.includes('--help') || args.includes('-h')) return 'help';
  const flags = readFlags(args);
  const from = flags['--from'];
  if (from === undefined) {
    throw new ConfigError('--from', 'is required: the DATA_DIR of the SQLite instance to move');
  }
  const to = flags['--to'];
  if (to === undefined) {
    throw new ConfigError('--to', 'is required: the MongoDB connection string to move it to');
  }
  const options: MigrateOptions = { from: path.resolve(from), to: checkMongodbUri(to, '--to') };
  const publicUrl = flags['--public-url'] ?? (env.PUBLIC_URL || undefined);
  if (publicUrl !== undefined) {
    parsePublicUrl(publicUrl, flags['--public-url'] === undefined ? 'PUBLIC_URL' : '--public-url');
    options.publicUrl = publicUrl;
  }
  return options;
}
