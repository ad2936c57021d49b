// Throughput of a 2,000-row batch through the real service (its own process, SQLite in a temp
// DATA_DIR), once as Data Integrity and once as vc+jwt: rows a second from 202 to completion.
// Run with `npm run bench:batch`; `BENCH_BATCH_ROWS` changes the size.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROWS = Number(process.env.BENCH_BATCH_ROWS ?? 2_000);
const PORT = 3_700 + Math.floor(Math.random() * 200);
const BASE = `http://127.0.0.1:${PORT}`;
const KEY = 'bench-admin-key-0123456789abcdefghijklmnop';
const auth = { authorization: `Bearer ${KEY}` };

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = performance.now() + 600_000;
  while (!(await check().catch(() => false))) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function cohortCsv(format: string): string {
  const lines = ['recipient,achievement,evidence_name,result'];
  for (let n = 1; n <= ROWS; n += 1) {
    lines.push(
      `learner${n}.${format}@example.org,digital-basics,Final assessment,${60 + (n % 40)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function runBatch(format: 'di' | 'jwt'): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${BASE}/issuers/bridge-ngo/batches?format=${format}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: cohortCsv(format),
  });
  const { id } = (await response.json()) as { id: string };
  let done = 0;
  await until(async () => {
    const view = (await (await fetch(`${BASE}/batches/${id}`, { headers: auth })).json()) as {
      state: string;
      done: number;
    };
    done = view.done;
    return view.state === 'completed';
  }, `batch ${id}`);
  if (done !== ROWS) throw new Error(`${format}: ${done} of ${ROWS} rows issued`);
  return ROWS / ((performance.now() - started) / 1000);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-batch-'));
const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  env: {
    ...process.env,
    PORT: String(PORT),
    PUBLIC_URL: BASE,
    DATA_DIR: dataDir,
    ADMIN_API_KEY: KEY,
    KEY_ENCRYPTION_SECRET: 'bench-encryption-secret-0123456789abcdefghij',
    LOG_LEVEL: 'silent',
    MONGODB_URI: '',
  },
  stdio: 'inherit',
});
try {
  await until(async () => (await fetch(`${BASE}/healthz`)).ok, 'the service');
  for (const format of ['di', 'jwt'] as const) {
    const rate = await runBatch(format);
    console.log(`${ROWS}-row batch, ${format}: ${rate.toFixed(1)} rows/s`);
  }
} finally {
  child.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
