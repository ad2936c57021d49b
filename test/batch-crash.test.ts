// kill -9 of the real service in the middle of a 2,000-row batch, then a restart on the same
// DATA_DIR: the batch resumes by itself and every good row is issued exactly once, tiers included.
import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { progressOf } from './helpers/catalogAwards.js';
import { CSV_COLUMNS, cohortRows, csvOf, postBatchCsv, waitForBatch } from './helpers/batches.js';
import { request, verify } from './helpers/http.js';
import { freePort, startService, type ServiceProcess } from './helpers/serviceProcess.js';
import { ADMIN_KEY, makeDataDir } from './helpers/testApp.js';

const SERVICE_ENV = {
  // The dead process's hold on the batch runs out quickly, so the restart takes over soon.
  BATCH_LEASE_SECONDS: '2',
  // The test verifies all 1,995 credentials itself, faster than an anonymous client may.
  VERIFY_RATE_LIMIT: '0',
};

const SLUG = 'bridge-ngo';
const LEARNERS = 1_700;
const ADVANCING = 295;

function rowStates(dataDir: string, batchId: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'credentials.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT r.state AS state, (c.id IS NOT NULL) AS stored, COUNT(*) AS n FROM batch_rows r
         LEFT JOIN credentials c ON c.id = r.credential_id WHERE r.batch_id = ? GROUP BY 1, 2`,
      )
      .all(batchId) as Array<{ state: string; stored: number; n: number }>;
    return Object.fromEntries(rows.map((r) => [`${r.state}${r.stored ? '+stored' : ''}`, r.n]));
  } finally {
    db.close();
  }
}

function issuedCounts(
  dataDir: string,
): Array<{ achievement: string; n: number; learners: number }> {
  const db = new Database(path.join(dataDir, 'credentials.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT achievement_key AS achievement, COUNT(*) AS n, COUNT(DISTINCT learner_key) AS learners
         FROM credentials GROUP BY achievement_key ORDER BY achievement_key`,
      )
      .all() as Array<{ achievement: string; n: number; learners: number }>;
  } finally {
    db.close();
  }
}

describe('a batch survives kill -9', () => {
  const dataDir = makeDataDir();
  let service: ServiceProcess | undefined;
  afterAll(() => {
    service?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after a restart and issues every good row exactly once, tiers included', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const rows = cohortRows('crash', LEARNERS, ADVANCING);
    // Five rows that must fail, spread through the file.
    for (const [at, recipient] of [
      [100, 'nobody-at-example.org'],
      [700, ''],
      [1_300, 'learner3.crash@example.org'],
      [1_800, 'also not an address'],
      [1_990, 'learner9.crash@example.org'],
    ] as const) {
      rows.splice(at - 1, 0, { recipient, achievement: 'digital-basics' });
    }
    expect(rows).toHaveLength(2_000);

    service = await startService(dataDir, port, SERVICE_ENV);
    const accepted = await postBatchCsv(baseUrl, SLUG, csvOf(rows, CSV_COLUMNS));
    expect(accepted.status).toBe(202);
    const id = String(accepted.body.id);
    for (;;) {
      const view = await request('GET', `${baseUrl}/batches/${id}`, undefined, { key: ADMIN_KEY });
      if (Number(view.body.done) >= 400) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    service.child.kill('SIGKILL');
    await service.exited;
    const atCrash = rowStates(dataDir, id);
    console.log(`batch rows at the kill -9: ${JSON.stringify(atCrash)}`);
    expect(atCrash.issued ?? 0).toBeLessThan(2_000);

    service = await startService(dataDir, port, SERVICE_ENV);
    const done = await waitForBatch(baseUrl, id, { deadlineMs: 300_000 });
    expect(done.body).toMatchObject({ state: 'completed', total: 2_000, done: 1_995, failed: 5 });
    const credentials = (done.body.rows as Array<{ credential?: string }>).flatMap((r) =>
      r.credential ? [r.credential] : [],
    );
    expect(new Set(credentials).size).toBe(1_995);

    // Exactly one credential per good row, and one bronze tier per learner who took both modules.
    expect(issuedCounts(dataDir)).toEqual([
      { achievement: 'ai-ready-bronze', n: ADVANCING, learners: ADVANCING },
      { achievement: 'ai-tools-at-work', n: ADVANCING, learners: ADVANCING },
      { achievement: 'digital-basics', n: LEARNERS, learners: LEARNERS },
    ]);
    for (const n of [1, 150, ADVANCING]) {
      const tiers = await progressOf(baseUrl, `learner${n}.crash@example.org`);
      expect(tiers['ai-ready-bronze']?.held, `learner${n}`).toBeDefined();
    }
    expect(
      (await progressOf(baseUrl, `learner${ADVANCING + 1}.crash@example.org`))['ai-ready-bronze']
        ?.held,
    ).toBeUndefined();

    // Every credential verifies, the ones signed around the crash included.
    const verdicts = new Map<string, number>();
    for (let start = 0; start < credentials.length; start += 8) {
      await Promise.all(
        credentials.slice(start, start + 8).map(async (credentialId) => {
          const uuid = credentialId.replace('urn:uuid:', '');
          const document = await request('GET', `${baseUrl}/credentials/${uuid}`);
          const verdict = String((await verify(baseUrl, document.body)).body.verdict);
          verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
        }),
      );
    }
    expect(Object.fromEntries(verdicts)).toEqual({ verified: 1_995 });
  }, 600_000);
});
