// The real service in a process of its own, started as `npm start` starts it (src/main.ts under
// tsx), for tests of what only a whole process shows: a kill, a signal, a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ADMIN_KEY, ENCRYPTION_SECRET } from './testApp.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServiceProcess {
  child: ChildProcess;
  /** Lines the process wrote to stdout so far (its log, with LOG_LEVEL set). */
  stdout: string[];
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<number | NodeJS.Signals>;
}

/** Starts the service on DATA_DIR and `port`, and resolves once /healthz answers. */
export async function startService(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      ADMIN_API_KEY: ADMIN_KEY,
      KEY_ENCRYPTION_SECRET: ENCRYPTION_SECRET,
      LOG_LEVEL: 'silent',
      MONGODB_URI: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    stdout.push(...lines);
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const deadline = performance.now() + 60_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return { child, stdout, exited };
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    if (performance.now() > deadline) throw new Error('the service did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
