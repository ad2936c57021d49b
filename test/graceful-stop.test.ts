// SIGTERM to the real service while a request is in flight, a batch is running and someone watches
// its progress: the request is answered, the event stream ends, the batch stops after the rows in
// progress, the process exits 0, and the next start finishes the batch with every row issued once.
import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, cohortRows, csvOf, postBatchCsv, waitForBatch } from './helpers/batches.js';
import { createIssuer, request, sampleAward, type Issuer } from './helpers/http.js';
import { freePort, startService, type ServiceProcess } from './helpers/serviceProcess.js';
import { ADMIN_KEY, makeDataDir } from './helpers/testApp.js';

const ROWS = 1_500;
const SERVICE_ENV = {
  LOG_LEVEL: 'info',
  SHUTDOWN_TIMEOUT_SECONDS: '20',
  // Far longer than the test waits: the restart can only resume at once if the stopping process
  // gave its hold on the batch up.
  BATCH_LEASE_SECONDS: '600',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An award whose body arrives in two halves, so the request is in flight for as long as we like. */
function slowAward(baseUrl: string, issuer: Issuer) {
  const body = Buffer.from(JSON.stringify(sampleAward));
  const half = Math.floor(body.length / 2);
  let sendRest = (): void => undefined;
  const response = new Promise<{ status: number; body: string; connection?: string }>(
    (resolve, reject) => {
      const req = httpRequest(
        `${baseUrl}/issuers/${issuer.slug}/awards`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${issuer.apiKey}`,
            'content-type': 'application/json',
            'content-length': String(body.length),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, half));
      sendRest = () => req.end(body.subarray(half));
    },
  );
  return { response, sendRest: () => sendRest() };
}

function batchRowsStored(dataDir: string, batchId: string): number {
  const db = new Database(path.join(dataDir, 'credentials.sqlite'), { readonly: true });
  try {
    const row = db
      .prepare(`SELECT COUNT(*) AS n FROM batch_rows WHERE batch_id = ? AND state = 'issued'`)
      .get(batchId) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

function credentialCount(dataDir: string, achievement: string): { n: number; learners: number } {
  const db = new Database(path.join(dataDir, 'credentials.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT learner_key) AS learners FROM credentials
         WHERE achievement_key = ?`,
      )
      .get(achievement) as { n: number; learners: number };
  } finally {
    db.close();
  }
}

describe('SIGTERM', () => {
  const dataDir = makeDataDir();
  let service: ServiceProcess | undefined;
  afterAll(() => {
    service?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the request in flight, ends the event stream, stops the batch after its current rows, exits 0; the next start finishes the batch', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    service = await startService(dataDir, port, SERVICE_ENV);
    const issuer = await createIssuer(baseUrl, 'stop-ngo');
    const accepted = await postBatchCsv(
      baseUrl,
      'bridge-ngo',
      csvOf(cohortRows('stop', ROWS, 0), CSV_COLUMNS),
    );
    expect(accepted.status).toBe(202);
    const batchId = String(accepted.body.id);
    for (;;) {
      const view = await request('GET', `${baseUrl}/batches/${batchId}`, undefined, {
        key: ADMIN_KEY,
      });
      if (Number(view.body.done) >= 50) break;
      await sleep(50);
    }

    // Someone watches the batch's progress: the stop must not wait for that stream to end.
    const watching = await fetch(`${baseUrl}/batches/${batchId}/events`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(watching.status).toBe(200);
    const watched = watching.text();

    const award = slowAward(baseUrl, issuer);
    // Long enough for the server to have taken the connection and read the headers.
    await sleep(300);
    const signalledAt = performance.now();
    service.child.kill('SIGTERM');
    await sleep(300);
    // No new connections are taken once the stop began…
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();
    // …but the request already in flight is served in full.
    award.sendRest();
    const answered = await award.response;
    expect(answered.status).toBe(201);
    expect(JSON.parse(answered.body).credential.type).toContain('OpenBadgeCredential');

    expect(await service.exited).toBe(0);
    // The event stream was ended by the stop, before the batch completed.
    const events = await watched;
    expect(events).toMatch(/^event: row$/m);
    expect(events).not.toMatch(/^event: completed$/m);
    const stopSeconds = (performance.now() - signalledAt) / 1000;
    expect(stopSeconds).toBeLessThan(20);
    const messages = service.stdout.flatMap((line) => {
      try {
        return [String((JSON.parse(line) as { msg?: unknown }).msg)];
      } catch {
        return [];
      }
    });
    expect(messages).toContain('stopping: finishing requests and background steps');
    expect(messages.at(-1)).toBe('stopped');
    const issuedAtStop = batchRowsStored(dataDir, batchId);
    console.log(`SIGTERM: stopped in ${stopSeconds.toFixed(1)} s, ${issuedAtStop} rows issued`);
    expect(issuedAtStop).toBeLessThan(ROWS);

    service = await startService(dataDir, port, SERVICE_ENV);
    const done = await waitForBatch(baseUrl, batchId, { deadlineMs: 120_000 });
    expect(done.body).toMatchObject({ state: 'completed', total: ROWS, done: ROWS, failed: 0 });
    expect(credentialCount(dataDir, 'digital-basics')).toEqual({ n: ROWS, learners: ROWS });
  }, 300_000);
});
