// How costs grow as credentials pile up: the real server (SQLite in a temp DATA_DIR) with 1k, 10k
// and 100k credentials of one issuer and one learner in one list, a tenth of them revoked, seeded
// through the store port (a real award copied under new ids, its index claimed, its change
// recorded as the service records one). Per size, over HTTP, one request at a time: list fetch
// (200 and 304), a status change, the change until a fetched list shows it, verification of a
// credential on that list, and an award to the learner who holds them all.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
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
const AWARD = {
  achievement: {
    name: 'Benchmark Badge',
    description: 'Awarded by the benchmark.',
    criteria: { narrative: 'Run npm run bench.' },
  },
  recipient: { email: 'learner@example.org' },
};

/** Mean milliseconds per request at one number of stored credentials. */
export interface ScalingCell {
  credentials: number;
  fetch200Ms: number;
  fetch304Ms: number;
  changeMs: number;
  changeVisibleMs: number;
  verifyMs: number;
  awardMs: number;
}

/** The measures of a cell, in the order tables and the chart show them. */
export const SCALING_MEASURES = [
  { key: 'fetch200Ms', name: 'list fetch (200)' },
  { key: 'fetch304Ms', name: 'list fetch (304)' },
  { key: 'changeMs', name: 'status change' },
  { key: 'changeVisibleMs', name: 'change → visible' },
  { key: 'verifyMs', name: 'verify DI' },
  { key: 'awardMs', name: 'award DI' },
] as const satisfies readonly { key: keyof ScalingCell; name: string }[];

async function averageMs(times: number, run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < times; i++) await run();
  return (performance.now() - start) / times;
}

/** Credentials `from`..`to`-1 as copies of `model` on the list, every tenth revoked. */
export async function seed(store: Store, model: CredentialRecord, from: number, to: number) {
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

/**
 * One cell per size, ascending, `times` requests per measure. `progress` hears each cell as it
 * is measured, with how long seeding it took: 100k takes minutes.
 */
export async function measureScaling(
  sizes: readonly number[],
  times: number,
  progress: (cell: ScalingCell, seedSeconds: number) => void = () => {},
): Promise<ScalingCell[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-scaling-'));
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
  const cells: ScalingCell[] = [];
  try {
    const services = await createServices(config, store, createLogger(config.logLevel));
    server.on('request', createApp(services));
    const { apiKey } = await services.issuers.create({ slug: SLUG, name: 'Benchmark Issuer' });
    await services.issuers.setStatusPurposes(SLUG, ['revocation', 'suspension']);
    const awarded = (await services.issuing.award(SLUG, AWARD)).verifiableCredential as JsonObject;
    const uuid = String(awarded.id).replace('urn:uuid:', '');
    const model = await services.issuing.find(uuid);
    const [revocation, suspension] = awarded.credentialStatus as JsonObject[];
    const revocationUrl = String(revocation?.statusListCredential);
    const suspensionUrl = String(suspension?.statusListCredential);
    const index = Number(suspension?.statusListIndex);
    const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
    const issuerAuth = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };

    let seeded = 1;
    let suspended = false;
    const ascending = [...sizes].sort((a, b) => a - b);
    // A first round on the one awarded credential warms every path (JIT, the signer's learnt
    // shapes, the list's first snapshot) and is not reported.
    for (const [round, size] of [1, ...ascending].entries()) {
      const seedStart = performance.now();
      await seed(store, model, seeded, size);
      seeded = Math.max(seeded, size);
      const seedSeconds = (performance.now() - seedStart) / 1000;
      // The first fetch after seeding replays what was seeded: not what a fetch costs.
      const first = await fetch(revocationUrl);
      const etag = first.headers.get('etag') ?? '';
      await first.arrayBuffer();

      const fetch200Ms = await averageMs(times, async () => {
        await (await fetch(revocationUrl)).arrayBuffer();
      });
      const fetch304Ms = await averageMs(times, async () => {
        const response = await fetch(revocationUrl, { headers: { 'if-none-match': etag } });
        if (response.status !== 304) throw new Error(`expected a 304, got ${response.status}`);
        await response.arrayBuffer();
      });
      /** Suspends and reinstates in turn, whatever the count: returns whether it is now suspended. */
      const change = async () => {
        suspended = !suspended;
        const response = await fetch(`${base}/credentials/${uuid}/status`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ action: suspended ? 'suspend' : 'reinstate', reason: 'bench' }),
        });
        if (response.status !== 200) throw new Error(`status change: ${response.status}`);
        await response.arrayBuffer();
        return suspended;
      };
      const changeMs = await averageMs(times, change);
      const changeVisibleMs = await averageMs(times, async () => {
        const expected = await change();
        const list = (await (await fetch(suspensionUrl)).json()) as JsonObject;
        const { encodedList } = list.credentialSubject as { encodedList: string };
        const bit = (await decodeList({ encodedList })).getStatus(index);
        if (bit !== expected) throw new Error('the list did not show the change');
      });
      const verifyMs = await averageMs(times, async () => {
        const response = await fetch(`${base}/credentials/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ verifiableCredential: awarded }),
        });
        if (response.status !== 200) throw new Error(`verify: ${response.status}`);
        await response.arrayBuffer();
      });
      // The learner already holds every seeded credential: an award must not cost more for it.
      const awardMs = await averageMs(times, async () => {
        const response = await fetch(`${base}/issuers/${SLUG}/awards`, {
          method: 'POST',
          headers: issuerAuth,
          body: JSON.stringify(AWARD),
        });
        if (response.status !== 201) throw new Error(`award: ${response.status}`);
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
        awardMs,
      };
      cells.push(cell);
      progress(cell, seedSeconds);
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return cells;
}
