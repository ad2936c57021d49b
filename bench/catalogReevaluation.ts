// What a catalog change costs when learners are many: 100,000 learners hold G検定 (g-kentei),
// 1% of them DS検定 (ds-kentei) too, seeded through the store port as copies of real awards. A
// new tier "both of them" is then written, and the background job re-evaluates every learner
// holding either (so all 100,000), issuing the tier to the 1,000 who meet it. In process on
// SQLite in a temp DATA_DIR. Run with `npm run bench:reevaluation`; `BENCH_LEARNERS` and
// `BENCH_MEETING` (the share that meets the tier, default 0.01) change it.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createServices } from '../src/services.js';
import type { CredentialRecord, Store } from '../src/store/port.js';
import { SqliteStore } from '../src/store/sqlite/sqliteStore.js';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdefghijklmnop';
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 100_000);
const MEETING = Number(process.env.BENCH_MEETING ?? 0.01);

async function award(base: string, issuer: string, achievement: string): Promise<string> {
  const response = await fetch(`${base}/issuers/${issuer}/awards`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ achievement, recipient: { email: 'model@example.org' } }),
  });
  if (response.status !== 201) throw new Error(`award ${achievement}: ${response.status}`);
  const body = (await response.json()) as { credential: { id: string } };
  return body.credential.id.replace('urn:uuid:', '');
}

/** A copy of the model under a new id, for this learner, on its issuer's list. */
async function copyFor(store: Store, model: CredentialRecord, learnerKey: string, index: number) {
  const id = crypto.randomUUID();
  const slug = model.issuerSlug ?? '';
  const listNumber = model.status?.listNumber ?? 1;
  // The model's own index is taken: its copies skip it.
  if (index >= (model.status?.index ?? Infinity)) index += 1;
  await store.claimStatusIndex(slug, { listNumber, index }, id, model.createdAt);
  await store.insertCredential({ ...model, id, learnerKey, status: { listNumber, index } });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-reevaluation-'));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({
    DATA_DIR: dataDir,
    PUBLIC_URL: base,
    ADMIN_API_KEY: ADMIN_KEY,
    KEY_ENCRYPTION_SECRET: 'bench-encryption-secret-0123456789abcdefghij',
    LOG_LEVEL: 'silent',
  });
  const store = SqliteStore.inDataDir(config.dataDir);
  try {
    const services = await createServices(config, store, createLogger(config.logLevel));
    server.on('request', createApp(services));
    const g = await services.issuing.find(await award(base, 'jdla', 'g-kentei'));
    const ds = await services.issuing.find(await award(base, 'dss', 'ds-kentei'));
    const seedStart = performance.now();
    const meeting = Math.round(LEARNERS * MEETING);
    for (let n = 0; n < LEARNERS; n++) {
      const learnerKey = randomBytes(32).toString('hex');
      await copyFor(store, g, learnerKey, n);
      if (n < meeting) await copyFor(store, ds, learnerKey, n);
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;
    console.log(
      `seeded ${LEARNERS} learners (${meeting} with both) in ${seedSeconds.toFixed(0)} s`,
    );

    const start = performance.now();
    await services.catalog.put({
      key: 'g-and-ds',
      issuer: 'di-lite',
      kind: 'tier',
      name: { en: 'G and DS' },
      description: { en: 'Holds both the G Certificate and the Data Scientist Certification.' },
      criteria: { en: 'Pass both.' },
      rule: { allOf: ['g-kentei', 'ds-kentei'] },
    });
    const stopping = new AbortController().signal;
    for (;;) {
      await services.catalogReevaluation.run(stopping);
      const [progress] = await services.catalogReevaluation.progress('g-and-ds');
      if (progress?.completedAt) {
        const seconds = (performance.now() - start) / 1000;
        const [cpu] = cpus();
        console.log(
          `re-evaluated ${progress.learnersEvaluated} learners in ${seconds.toFixed(1)} s ` +
            `(${(progress.learnersEvaluated / seconds).toFixed(0)} learners/s), ` +
            `${progress.tiersAwarded} tiers issued; ${cpu?.model ?? 'unknown cpu'}, ` +
            `${availableParallelism()} cores, node ${process.version}`,
        );
        break;
      }
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
