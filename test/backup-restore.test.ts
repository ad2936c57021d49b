// npm run backup while awards keep coming, npm run restore into a new DATA_DIR, and the service
// started on the restored data verifies every credential the backup holds.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { award, createIssuer, request, verify } from './helpers/http.js';
import { ENCRYPTION_SECRET, makeDataDir, startTestApp, type TestApp } from './helpers/testApp.js';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run backup -- <file>` / `npm run restore -- <file>`, with DATA_DIR as given. */
function cli(command: 'backup' | 'restore', file: string, dataDir: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/backup/main.ts', command, file],
      {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          KEY_ENCRYPTION_SECRET: ENCRYPTION_SECRET,
          MONGODB_URI: '',
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const uuidOf = (url: string): string => url.split('/c/')[1] ?? '';

describe('backup and restore', () => {
  const work = makeDataDir();
  const restoredDir = path.join(work, 'restored');
  const backupFile = path.join(work, 'credentials-backup.sqlite');
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up while awards run; the restore verifies every credential it holds', async () => {
    app = await startTestApp({ env: { VERIFY_RATE_LIMIT: '0' }, background: false });
    const { baseUrl, port } = app;
    const issuer = await createIssuer(baseUrl, 'backup-ngo');
    const issued: string[] = [];
    const awardOne = async (n: number): Promise<void> => {
      const response = await award(baseUrl, issuer, {
        achievement: {
          name: `Module ${n}`,
          description: 'Backed up.',
          criteria: { narrative: 'Passed.' },
        },
        recipient: { email: `learner${n}@example.org` },
      });
      expect(response.status).toBe(201);
      issued.push(uuidOf(String(response.body.url)));
    };
    for (let n = 0; n < 10; n += 1) await awardOne(n);
    const beforeBackup = [...issued];

    // Four awards at a time go on until the backup is done.
    let backupDone = false;
    let next = 10;
    const load = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!backupDone) await awardOne(next++);
      }),
    );
    const backup = await cli('backup', backupFile, app.dataDir);
    backupDone = true;
    await load;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Backed up .* credentials, schema \d+/);
    expect(backup.stdout).toMatch(/same KEY_ENCRYPTION_SECRET/);
    const duringBackup = issued.length - beforeBackup.length;
    console.log(`awards while the backup ran: ${duringBackup}`);
    expect(duringBackup).toBeGreaterThan(0);

    // A directory with anything in it is refused, and nothing is written into it.
    const refused = await cli('restore', backupFile, app.dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /is not empty .*credentials\.sqlite.*: restore only into an empty/,
    );
    mkdirSync(path.join(work, 'junk'));
    writeFileSync(path.join(work, 'junk', 'notes.txt'), 'not a database');
    const notABackup = await cli('restore', path.join(work, 'junk', 'notes.txt'), restoredDir);
    expect(notABackup.code).toBe(1);
    expect(notABackup.stderr).toMatch(/not a SQLite database/);

    const restored = await cli('restore', backupFile, restoredDir);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Restored .* credentials/);

    // The restored instance takes the original's place: same port (so PUBLIC_URL), same secret.
    await app.close();
    app = await startTestApp({
      dataDir: restoredDir,
      port,
      env: { VERIFY_RATE_LIMIT: '0' },
      background: false,
    });
    const present: string[] = [];
    for (const uuid of issued) {
      const found = await request('GET', `${baseUrl}/credentials/${uuid}`);
      if (found.status === 200) present.push(uuid);
      else expect(found.status).toBe(404);
    }
    // Everything awarded before the backup began is in it, and some of what came during it may be.
    for (const uuid of beforeBackup) expect(present).toContain(uuid);
    expect(backup.stdout).toContain(`: ${present.length} credentials,`);
    expect(restored.stdout).toContain(`: ${present.length} credentials,`);

    const verdicts: Record<string, number> = {};
    for (const uuid of present) {
      const document = await request('GET', `${baseUrl}/credentials/${uuid}`);
      const verdict = String((await verify(baseUrl, document.body)).body.verdict);
      verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
    }
    expect(verdicts).toEqual({ verified: present.length });

    // The restored service issues on: its issuer's keys opened with the same secret.
    const after = await award(baseUrl, issuer);
    expect(after.status).toBe(201);
    expect((await verify(baseUrl, after.body.credential)).body.verdict).toBe('verified');
  }, 180_000);
});
