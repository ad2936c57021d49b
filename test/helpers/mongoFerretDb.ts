// FerretDB (a MongoDB wire-protocol server) started for the test run: SQLite backend in a temp
// dir (its PostgreSQL one hung here), a free loopback port, no debug port; the flags .ci/run uses.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { RunningMongo } from './mongoServer.js';

const READY_MS = 20_000;
const BUILD_SCRIPT = path.resolve(import.meta.dirname, '../../scripts/ferretdb.sh');

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** FERRETDB_BIN, then `ferretdb` on PATH, then the binary scripts/ferretdb.sh built earlier. */
export async function findFerretDb(): Promise<string | undefined> {
  const fromEnv = process.env.FERRETDB_BIN;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, 'ferretdb'))
    .find(isExecutable);
  if (onPath) return onPath;
  try {
    const { stdout } = await promisify(execFile)('bash', [BUILD_SCRIPT, '--cached']);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A running server (its files under `parentDir`), or why there is none. */
export async function startFerretDb(
  binary: string,
  parentDir = tmpdir(),
): Promise<RunningMongo | string> {
  const dir = mkdtempSync(path.join(parentDir, 'ferretdb-test-'));
  const port = await freePort();
  const logFile = path.join(dir, 'ferretdb.log');
  const log = openSync(logFile, 'w');
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--state-dir=${dir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
    ],
    { stdio: ['ignore', log, log] },
  );
  closeSync(log);
  // Should the run end without its teardown (an uncaught error, process.exit), take FerretDB along.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    child.kill('SIGTERM');
    await exited(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + READY_MS;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const lastLine = readFileSync(logFile, 'utf8').trim().split('\n').at(-1) ?? '';
      await stop();
      return `FerretDB at ${binary} did not start (${lastLine})`;
    }
    await sleep(100);
  }
  return { uri: `mongodb://127.0.0.1:${port}/`, source: `FerretDB ${binary}`, stop };
}
