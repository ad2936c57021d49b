// How status lists cost as credentials pile up: the real server (SQLite in a temp DATA_DIR) with
// 1k, 10k and 100k credentials of one issuer in one list, a tenth of them revoked, seeded through
// the store port (a real award copied under new ids, its index claimed, its change recorded as
// the service records one). Per size: list fetch (200 and 304), a status change, the change
// until a fetched list shows it, and verification of a credential on that list, all over HTTP.
// Run with `npm run bench:status`; `BENCH_STATUS_SIZES` (e.g. "1000,10000") and
// `BENCH_STATUS_TIMES` (requests per cell, default 50) change it. Writes bench/status-scaling.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { JsonObject } from '../src/core/json.js';
import { createLogger } from '../src/logger.js';
import { createServices } from '../src/services.js';
import type { CredentialRecord, Store } from '../src/store/port.js';
import { SqliteStore } from '../src/store/sqlite/sqliteStore.js';

const SLUG = 'bench';
const ADMIN_KEY = 'bench-admin-key-0123456789abcdefghijklmnop';
const SIZES = (process.env.BENCH_STATUS_SIZES ?? '1000,10000,100000').split(',').map(Number);
const TIMES = Number(process.env.BENCH_STATUS_TIMES ?? 50);
const AWARD = {
  achievement: {
    name: 'Benchmark Badge',
    description: 'Awarded by the benchmark.',
    criteria: { narrative: 'Run npm run bench:status.' },
  },
  recipient: { email: 'learner@example.org' },
};

interface Cell {
  credentials: number;
  fetch200Ms: number;
  fetch304Ms: number;
  changeMs: number;
  changeVisibleMs: number;
  verifyMs: number;
}

async function averageMs(times: number, run: (i: number) => Promise<void>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < times; i++) await run(i);
  return (performance.now() - start) / times;
}

/** Credentials `from`..`to`-1 as copies of `model` on the list, every tenth revoked. */
async function seed(store: Store, model: CredentialRecord, from: number, to: number) {
  const listNumber = model.status?.listNumber ?? 1;
  const used = new Set(await store.listUsedStatusIndexes(SLUG, listNumber));
  let index = 0;
  let sequence = await store.latestStatusListSequence(SLUG, listNumber);
  for (let n = from; n < to; n++) {
    while (used.has(index)) index++;
    used.add(index);
    const id = crypto.randomUUID();
    await store.claimStatusIndex(SLUG, { listNumber, index }, id, model.createdAt);
    await store.insertCredential({ ...model, id, status: { listNumber, index } });
    if (n % 10 !== 0) continue;
    sequence += 1;
    await store.appendStatusEvent({
      credentialId: id,
      issuerSlug: SLUG,
      version: 1,
      action: 'revoke',
      state: 'revoked',
      reason: 'bench',
      actor: 'bench',
      at: new Date().toISOString(),
      list: { listNumber, index, sequence },
    });
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-status-'));
  const server = createServer();
  // Seeding 100k takes minutes: a kept-alive connection must not time out under the next fetch.
  server.keepAliveTimeout = 3_600_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({
    DATA_DIR: dataDir,
    PUBLIC_URL: base,
    ADMIN_API_KEY: ADMIN_KEY,
    KEY_ENCRYPTION_SECRET: 'bench-encryption-secret-0123456789abcdefghij',
    LOG_LEVEL: 'silent',
    VERIFY_RATE_LIMIT: '1000000',
  });
  const store = SqliteStore.inDataDir(config.dataDir);
  const cells: Cell[] = [];
  try {
    const services = await createServices(config, store, createLogger(config.logLevel));
    server.on('request', createApp(services));
    await services.issuers.create({ slug: SLUG, name: 'Benchmark Issuer' });
    await services.issuers.setStatusPurposes(SLUG, ['revocation', 'suspension']);
    const awarded = (await services.issuing.award(SLUG, AWARD)).verifiableCredential as JsonObject;
    const uuid = String(awarded.id).replace('urn:uuid:', '');
    const model = await services.issuing.find(uuid);
    const [revocation, suspension] = awarded.credentialStatus as JsonObject[];
    const revocationUrl = String(revocation?.statusListCredential);
    const suspensionUrl = String(suspension?.statusListCredential);
    const index = Number(suspension?.statusListIndex);
    const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };

    let seeded = 1;
    // A first round on the one awarded credential warms every path (JIT, the signer's learnt
    // shapes, the list's first snapshot) and is not reported.
    for (const [round, size] of [1, ...SIZES].entries()) {
      const seedStart = performance.now();
      await seed(store, model, seeded, size);
      seeded = size;
      const seedSeconds = (performance.now() - seedStart) / 1000;
      // The first fetch after seeding replays what was seeded: not what a fetch costs.
      const first = await fetch(revocationUrl);
      const etag = first.headers.get('etag') ?? '';
      await first.arrayBuffer();

      const fetch200Ms = await averageMs(TIMES, async () => {
        await (await fetch(revocationUrl)).arrayBuffer();
      });
      const fetch304Ms = await averageMs(TIMES, async () => {
        const response = await fetch(revocationUrl, { headers: { 'if-none-match': etag } });
        if (response.status !== 304) throw new Error(`expected a 304, got ${response.status}`);
        await response.arrayBuffer();
      });
      const change = async (i: number) => {
        const action = i % 2 === 0 ? 'suspend' : 'reinstate';
        const response = await fetch(`${base}/credentials/${uuid}/status`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ action, reason: 'bench' }),
        });
        if (response.status !== 200) throw new Error(`status change: ${response.status}`);
        await response.arrayBuffer();
      };
      const changeMs = await averageMs(TIMES, change);
      const changeVisibleMs = await averageMs(TIMES, async (i) => {
        await change(i);
        const list = (await (await fetch(suspensionUrl)).json()) as JsonObject;
        const { encodedList } = list.credentialSubject as { encodedList: string };
        const bit = (await decodeList({ encodedList })).getStatus(index);
        if (bit !== (i % 2 === 0)) throw new Error('the list did not show the change');
      });
      const verifyMs = await averageMs(TIMES, async () => {
        const response = await fetch(`${base}/credentials/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ verifiableCredential: awarded }),
        });
        if (response.status !== 200) throw new Error(`verify: ${response.status}`);
        await response.arrayBuffer();
      });
      if (round === 0) continue;
      const cell = {
        credentials: size,
        fetch200Ms,
        fetch304Ms,
        changeMs,
        changeVisibleMs,
        verifyMs,
      };
      cells.push(cell);
      console.log(
        `${size} credentials (seeded in ${seedSeconds.toFixed(0)} s): list 200 ${fetch200Ms.toFixed(1)} ms, ` +
          `304 ${fetch304Ms.toFixed(1)} ms, change ${changeMs.toFixed(1)} ms, ` +
          `change → visible ${changeVisibleMs.toFixed(1)} ms, verify DI ${verifyMs.toFixed(1)} ms`,
      );
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const [cpu] = cpus();
  writeFileSync(
    new URL('./status-scaling.json', import.meta.url),
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        machine: {
          cpu: cpu?.model ?? 'unknown',
          cores: availableParallelism(),
          node: process.version,
        },
        requestsPerCell: TIMES,
        cells,
      },
      null,
      2,
    )}\n`,
  );
}

await main();
