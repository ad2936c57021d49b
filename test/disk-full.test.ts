// A full disk as an operator meets it: the data directory on a small tmpfs this test mounts (root
// only), filled up by another file while the service runs.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { ReadinessCheck } from '../src/operations/readiness.js';
import { StorageFullError } from '../src/store/port.js';
import { MongoStore } from '../src/store/mongo/mongoStore.js';
import { findFerretDb, startFerretDb } from './helpers/mongoFerretDb.js';
import type { RunningMongo } from './helpers/mongoServer.js';
import { award, createIssuer, request, verify, type Issuer } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';
import { storedCounts } from './helpers/storedCounts.js';

const mountPoint = mkdtempSync(path.join(tmpdir(), 'disk-full-'));

function mountSmallTmpfs(): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mountPoint], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

const mounted = mountSmallTmpfs();
const filler = path.join(mountPoint, 'filler');

afterAll(() => {
  if (!mounted) return;
  execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** Writes `filler` until the disk refuses another byte. */
function fillTheDisk(): void {
  const fd = openSync(filler, 'a');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(!mounted)(
  'a full disk under SQLite (skipped unless root can mount a tmpfs)',
  () => {
    let app: TestApp;
    let ngo: Issuer;

    beforeAll(async () => {
      app = await startTestApp({ dataDir: path.join(mountPoint, 'data'), background: false });
      ngo = await createIssuer(app.baseUrl, 'full-disk-ngo');
    });

    afterAll(async () => app.stop());

    it('is ready while the store takes writes', async () => {
      expect((await award(app.baseUrl, ngo)).status).toBe(201);
      const ready = await request('GET', `${app.baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready' });
    });

    it('answers awards with a 503 saying storage is full, turns not-ready, and stays alive', async () => {
      fillTheDisk();
      // SQLite may still fit a few awards in pages it already holds; the disk runs out soon after.
      const statuses: number[] = [];
      let refused;
      let before: Record<string, number> = {};
      for (let attempt = 0; attempt < 200 && refused === undefined; attempt += 1) {
        before = await storedCounts(app);
        const response = await award(app.baseUrl, ngo);
        statuses.push(response.status);
        if (response.status !== 201) refused = response;
      }
      expect(new Set(statuses.slice(0, -1))).toEqual(new Set(statuses.length > 1 ? [201] : []));
      expect(refused?.status).toBe(503);
      expect(refused?.contentType).toContain('application/problem+json');
      expect(refused?.body.type).toMatch(/\/storage-full$/);
      expect(refused?.body.detail).toContain('storage is full');
      // The client was told "not stored": no credential of that award exists.
      expect((await storedCounts(app)).credentials).toBe(before.credentials);

      const ready = await request('GET', `${app.baseUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.contentType).toContain('application/problem+json');
      expect(ready.body.type).toMatch(/\/not-ready$/);
      expect(ready.body.detail).toContain('storage is full');
      expect((await request('GET', `${app.baseUrl}/healthz`)).status).toBe(200);
    });

    it('is ready again once space is freed, and the next award verifies', async () => {
      rmSync(filler);
      expect((await request('GET', `${app.baseUrl}/readyz`)).status).toBe(200);
      const issued = await award(app.baseUrl, ngo);
      expect(issued.status).toBe(201);
      expect((await verify(app.baseUrl, issued.body.credential)).body.verdict).toBe('verified');
    });
  },
);

const ferretDb = mounted ? await findFerretDb() : undefined;

describe.skipIf(ferretDb === undefined)(
  'a full disk under MongoDB, as FerretDB reports it (skipped without root or a FerretDB build)',
  () => {
    let server: RunningMongo;
    let store: MongoStore;

    beforeAll(async () => {
      const running = await startFerretDb(String(ferretDb), mountPoint);
      if (typeof running === 'string') throw new Error(running);
      server = running;
      store = await MongoStore.open(server.uri, { dbName: 'full-disk' });
    });

    afterAll(async () => {
      await store.close();
      await server.stop();
    });

    it('turns a refused write into storage-full and the instance not ready, until space is freed', async () => {
      const readiness = new ReadinessCheck(store, createLogger('silent'));
      expect(await readiness.check()).toEqual({ ready: true });
      fillTheDisk();
      await expect(store.claimSetting('after-full', 'x'.repeat(64 * 1024))).rejects.toThrow(
        StorageFullError,
      );
      expect(store.writesFailing()).toBe(true);
      expect(await readiness.check()).toEqual({
        ready: false,
        reason: expect.stringContaining('storage is full'),
      });
      rmSync(filler);
      expect(await readiness.check()).toEqual({ ready: true });
      expect(store.writesFailing()).toBe(false);
    });
  },
);
