// The previous release's DATA_DIR (test/fixtures/upgrade-v0.1.0.tar.gz, made by
// scripts/make-upgrade-fixture.ts running the v0.1.0 tag's code) opened by this code.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/store/sqlite/database.js';
import { migrations } from '../src/store/sqlite/migrations.js';
import { failedCheck, request, verify } from './helpers/http.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/testApp.js';

interface Manifest {
  release: string;
  port: number;
  adminApiKey: string;
  keyEncryptionSecret: string;
  learner: string;
  tiers: Record<string, { met: boolean; held?: string }>;
  credentials: Array<{ label: string; credential: unknown; state: string }>;
}

const fixtures = new URL('./fixtures/', import.meta.url);
const manifest = JSON.parse(
  readFileSync(new URL('upgrade-v0.1.0.json', fixtures), 'utf8'),
) as Manifest;
const failureOf: Record<string, string | undefined> = {
  active: undefined,
  revoked: 'status.revocation',
  suspended: 'status.suspension',
};

let app: TestApp;
const admin = { key: manifest.adminApiKey };

beforeAll(async () => {
  const dataDir = makeDataDir();
  execFileSync('tar', ['-xzf', new URL('upgrade-v0.1.0.tar.gz', fixtures).pathname, '-C', dataDir]);
  // The port the release served on, so PUBLIC_URL (and the status list URLs signed into its
  // credentials) is the same.
  app = await startTestApp({
    dataDir,
    port: manifest.port,
    env: {
      ADMIN_API_KEY: manifest.adminApiKey,
      KEY_ENCRYPTION_SECRET: manifest.keyEncryptionSecret,
    },
  });
});

// close() also removes the extracted copy; the archive itself is never written to.
afterAll(async () => {
  await app?.close();
});

describe(`a data directory of release ${manifest.release}, opened by this version`, () => {
  it.each(manifest.credentials.map((c) => [c.label, c] as const))(
    'the %s credential it issued verifies with the state it had',
    async (_label, { credential, state }) => {
      const report = await verify(app.baseUrl, credential);
      expect(report.body.verified).toBe(state === 'active');
      expect(failedCheck(report.body)).toBe(failureOf[state]);
    },
  );

  it("keeps the learner's DX Passport tiers, and each tier credential it holds still verifies", async () => {
    const progress = await request(
      'GET',
      `${app.baseUrl}/learners/progress?email=${encodeURIComponent(manifest.learner)}`,
      undefined,
      admin,
    );
    const tiers = Object.fromEntries(
      (progress.body.tiers as Array<{ achievement: string; met: boolean; held?: string }>).map(
        (t) => [t.achievement, { met: t.met, held: t.held }],
      ),
    );
    expect(tiers).toMatchObject(manifest.tiers);
    const held = Object.values(manifest.tiers).flatMap((t) => (t.held ? [t.held] : []));
    expect(held).toHaveLength(3);
    for (const id of held) {
      const fetched = await request(
        'GET',
        `${app.baseUrl}/c/${id.replace('urn:uuid:', '')}`,
        undefined,
        { headers: { Accept: 'application/json' } },
      );
      expect((await verify(app.baseUrl, fetched.body)).body.verified).toBe(true);
    }
  });

  it('issues a new award with the keys the release made, and it verifies', async () => {
    const awarded = await request(
      'POST',
      `${app.baseUrl}/issuers/dss/awards`,
      { achievement: 'ds-kentei', recipient: { email: 'after-upgrade@example.org' } },
      admin,
    );
    expect(awarded.status).toBe(201);
    expect((await verify(app.baseUrl, awarded.body.credential)).body.verified).toBe(true);
  });

  it('records every migration, the ones the release had and the ones applied since', () => {
    const db = new Database(path.join(app.dataDir, DATABASE_FILE), { readonly: true });
    const versions = db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((row) => (row as { version: number }).version);
    db.close();
    expect(versions).toEqual(migrations.map((_, index) => index + 1));
  });
});
