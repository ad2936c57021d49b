// Moving an instance from SQLite to MongoDB: `npm run migrate` copies everything through the Store
// port, is safe to run again, and the moved instance serves and verifies every credential.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, type UnprocessableSlug } from '../../src/core/problems.js';
import { migrate } from '../../src/migrate/migrate.js';
import { parseMigrateArgs } from '../../src/migrate/options.js';
import { unexplainedProblems } from '../../src/migrate/unexplainedProblems.js';
import { MongoStore } from '../../src/store/mongo/mongoStore.js';
import { STORED_COLLECTIONS, type Store } from '../../src/store/port.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import { buildReport, failure, success } from '../../src/verifying/report.js';
import { awardModule } from '../helpers/catalogAwards.js';
import {
  award,
  createIssuer,
  failedCheck,
  issueViaApi,
  request,
  unsignedOpenBadge,
  verify,
  type Issuer,
} from '../helpers/http.js';
import { mongoTarget, openTestMongoStore } from '../helpers/mongoTarget.js';
import { ENCRYPTION_SECRET, startTestApp, type TestApp } from '../helpers/testApp.js';

const mongo = mongoTarget();
const env = { KEY_ENCRYPTION_SECRET: ENCRYPTION_SECRET, LOG_LEVEL: 'silent' };
const uuidOf = (id: string) => id.replace('urn:uuid:', '');

async function countsOf(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(
    STORED_COLLECTIONS.map((name) => [name, 0]),
  );
  for await (const entry of store.exportRecords()) {
    counts[entry.collection] = (counts[entry.collection] ?? 0) + 1;
  }
  return counts;
}

describe('migrate flags', () => {
  it('reads --from, --to and --public-url, with PUBLIC_URL as the fallback', () => {
    expect(
      parseMigrateArgs(['--from', 'data', '--to=mongodb://db/credentials'], {
        PUBLIC_URL: 'https://badges.example.org',
      }),
    ).toEqual({
      from: path.resolve('data'),
      to: 'mongodb://db/credentials',
      publicUrl: 'https://badges.example.org',
    });
    expect(
      parseMigrateArgs(
        ['--to', 'mongodb://db', '--from', '/srv/data', '--public-url', 'https://x.example'],
        {},
      ),
    ).toMatchObject({ from: '/srv/data', publicUrl: 'https://x.example' });
    expect(parseMigrateArgs(['--from', 'x', '--help'], {})).toBe('help');
  });

  it.each([
    [[], /^--from: is required/],
    [['--from', 'data'], /^--to: is required/],
    [['--from', '--to', 'mongodb://db'], /^--from: needs a value/],
    [['--from', 'data', '--to', 'postgres://db'], /^--to: must be a mongodb:\/\//],
    [['--from', 'a', '--from', 'b', '--to', 'mongodb://db'], /^--from: is given twice/],
    [['--form', 'data'], /^--form: is not an option of migrate/],
    [['--from', 'a', '--to', 'mongodb://db', '--public-url', 'ftp://x'], /^--public-url: must/],
  ])('refuses %j, naming the flag', (args, message) => {
    expect(() => parseMigrateArgs(args, {})).toThrow(ConfigError);
    expect(() => parseMigrateArgs(args, {})).toThrow(message);
  });

  it('blames PUBLIC_URL when the fallback is not a URL', () => {
    expect(() =>
      parseMigrateArgs(['--from', 'a', '--to', 'mongodb://db'], { PUBLIC_URL: 'nowhere' }),
    ).toThrow(/^PUBLIC_URL: /);
  });
});

describe('verifying after the move', () => {
  const checks = (...failed: Array<[string, UnprocessableSlug]>) =>
    buildReport(
      ['structure', 'proof.signature', 'status.revocation', 'status.suspension'].map((id) => {
        const slug = failed.find(([check]) => check === id)?.[1];
        return slug ? { id, ...failure(slug, `${id} failed`) } : { id, ...success() };
      }),
    );

  it('accepts the failures the credential’s own record explains', () => {
    expect(unexplainedProblems(checks(), 'active')).toEqual([]);
    expect(
      unexplainedProblems(checks(['status.revocation', 'credential-revoked']), 'revoked'),
    ).toEqual([]);
    expect(
      unexplainedProblems(checks(['status.suspension', 'credential-suspended']), 'suspended'),
    ).toEqual([]);
  });

  it('names every other failure, and a revocation or suspension the target lost', () => {
    expect(unexplainedProblems(checks(['proof.signature', 'signature-invalid']), 'active')).toEqual(
      ['proof.signature: proof.signature failed'],
    );
    expect(
      unexplainedProblems(checks(['status.revocation', 'credential-revoked']), 'active'),
    ).toEqual(['status.revocation: status.revocation failed']);
    expect(unexplainedProblems(checks(), 'revoked')).toEqual([
      "status.revocation: revoked on the source, but the target's status list does not say so",
    ]);
    expect(unexplainedProblems(checks(['status.revocation', 'status-invalid']), 'revoked')).toEqual(
      ['status.revocation: status.revocation failed'],
    );
  });
});

describe('migrate refuses', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'migrate-source-'));
    await SqliteStore.inDataDir(dataDir).close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a --from without an instance’s database, creating none', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'migrate-empty-'));
    try {
      await expect(migrate({ from: empty, to: 'mongodb://db' }, env, () => {})).rejects.toThrow(
        /^--from: .* holds no credentials\.sqlite/,
      );
      expect(existsSync(path.join(empty, 'credentials.sqlite'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('to run without the instance’s secret', async () => {
    await expect(migrate({ from: dataDir, to: 'mongodb://db' }, {}, () => {})).rejects.toThrow(
      /^KEY_ENCRYPTION_SECRET: is not set/,
    );
  });

  it('a --to it cannot reach, without printing its password', async () => {
    const to = 'mongodb://admin:hunter2@127.0.0.1:1/credentials?serverSelectionTimeoutMS=300';
    const refused = await migrate({ from: dataDir, to }, env, () => {}).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    expect(String((refused as Error).message)).toMatch(
      /^--to: cannot open mongodb:\/\/admin:\*\*\*@127\.0\.0\.1:1\/credentials/,
    );
    expect(String((refused as Error).message)).not.toContain('hunter2');
  });
});

describe.skipIf(mongo.uri === undefined)('npm run migrate: SQLite to MongoDB', () => {
  let source: TestApp;
  let moved: TestApp | undefined;
  const database = `test-migrate-${randomUUID().slice(0, 8)}`;
  const to = () => `${mongo.uri}${database}`;
  const issued: Array<{ name: string; credential: unknown }> = [];
  let revokedId = '';
  let ngo: Issuer;

  beforeAll(async () => {
    source = await startTestApp();
    ngo = await createIssuer(source.baseUrl, 'ngo');
    const di = await award(source.baseUrl, ngo);
    issued.push({ name: 'DI award', credential: di.body.credential });
    const jwt = await issueViaApi(source.baseUrl, ngo, unsignedOpenBadge(ngo), 'jwt');
    expect(jwt.status).toBe(201);
    issued.push({ name: 'JWT', credential: String(jwt.body.verifiableCredential) });
    const revoked = await award(source.baseUrl, ngo);
    revokedId = revoked.body.credential.id;
    const change = await request(
      'POST',
      `${source.baseUrl}/credentials/${uuidOf(revokedId)}/status`,
      { action: 'revoke', reason: 'exam result withdrawn' },
      { key: ngo.apiKey },
    );
    expect(change.status).toBe(200);
    issued.push({ name: 'revoked', credential: revoked.body.credential });
    const module = await awardModule(source.baseUrl, 'it-passport', 'ana@example.org');
    expect(module.status).toBe(201);
    const [tier] = module.body.stacked as Array<{ achievement: string; credential: unknown }>;
    expect(tier?.achievement).toBe('dx-passport-1');
    issued.push({ name: 'catalog module', credential: module.body.credential });
    issued.push({ name: 'stacked tier', credential: tier?.credential });
    await source.stop();
  });

  afterAll(async () => {
    await moved?.close();
    if (!moved) {
      rmSync(source.dataDir, { recursive: true, force: true });
      const { store, drop } = await openTestMongoStore('migrate', database);
      await store.close();
      await drop();
    }
  });

  it('copies every record, verifies every credential, then finds everything present', async () => {
    const sqlite = SqliteStore.inDataDir(source.dataDir);
    const expected = await countsOf(sqlite);
    await sqlite.close();
    expect(expected).toMatchObject({
      credentials: 5,
      status_events: 1,
      tier_claims: 1,
    });

    const printed: string[] = [];
    const first = await migrate(
      { from: source.dataDir, to: to(), publicUrl: source.baseUrl },
      env,
      (line) => printed.push(line),
    );
    for (const name of STORED_COLLECTIONS) {
      expect(first.copied[name], name).toEqual({ inserted: expected[name], present: 0 });
    }
    expect(first.verification).toMatchObject({
      checked: 5,
      verified: 5,
      revoked: 1,
      suspended: 0,
      imported: 0,
      failures: [],
    });
    expect(printed).toContain('5 of 5 credentials verify');
    expect(printed.find((line) => line.trim().startsWith('credentials'))).toMatch(
      /^\s+credentials\s+5\s+0$/,
    );

    const second = await migrate(
      { from: source.dataDir, to: to(), publicUrl: source.baseUrl },
      env,
      () => {},
    );
    for (const name of STORED_COLLECTIONS) {
      expect(second.copied[name], name).toEqual({ inserted: 0, present: expected[name] });
    }
    expect(second.verification.failures).toEqual([]);
  });

  it('serves the moved credentials from MongoDB on the same address: each verifies, the revoked one stays revoked', async () => {
    moved = await startTestApp({
      store: 'mongo',
      mongoDatabase: database,
      dataDir: source.dataDir,
      port: source.port,
    });
    expect(moved.baseUrl).toBe(source.baseUrl);
    for (const { name, credential } of issued) {
      const report = await verify(moved.baseUrl, credential);
      if (typeof credential === 'object' && (credential as { id: string }).id === revokedId) {
        expect(report.status, name).toBe(422);
        expect(failedCheck(report.body), name).toBe('status.revocation');
      } else {
        expect(report.body.verified, `${name}: ${JSON.stringify(report.body.errors)}`).toBe(true);
      }
    }
    const status = await request('GET', `${moved.baseUrl}/credentials/${uuidOf(revokedId)}/status`);
    expect(status.body.state).toBe('revoked');
    // The issuer's API key and sealed signing key came along: it still awards.
    const again = await award(moved.baseUrl, ngo);
    expect(again.status).toBe(201);
    expect((await verify(moved.baseUrl, again.body.credential)).body.verified).toBe(true);
  });
});

describe.skipIf(mongo.uri === undefined)('npm run migrate: a target already written to', () => {
  let app: TestApp;
  const databases: string[] = [];
  const target = () => {
    databases.push(`test-migrate-${randomUUID().slice(0, 8)}`);
    return { database: databases.at(-1) ?? '', uri: `${mongo.uri}${databases.at(-1)}` };
  };

  beforeAll(async () => {
    app = await startTestApp();
    const ngo = await createIssuer(app.baseUrl, 'ngo');
    for (let n = 0; n < 3; n += 1) expect((await award(app.baseUrl, ngo)).status).toBe(201);
    await app.stop();
  });

  afterAll(async () => {
    rmSync(app.dataDir, { recursive: true, force: true });
    for (const database of databases) {
      const { store, drop } = await openTestMongoStore('migrate', database);
      await store.close();
      await drop();
    }
  });

  it('by a run that stopped half-way: the next run completes it', async () => {
    const { uri } = target();
    const sqlite = SqliteStore.inDataDir(app.dataDir);
    const partial = await MongoStore.open(uri);
    let imported = 0;
    const half = Math.floor(Object.values(await countsOf(sqlite)).reduce((a, b) => a + b) / 2);
    for await (const entry of sqlite.exportRecords()) {
      if (imported === half) break;
      await partial.importRecord(entry);
      imported += 1;
    }
    await partial.close();
    await sqlite.close();

    const result = await migrate(
      { from: app.dataDir, to: uri, publicUrl: app.baseUrl },
      env,
      () => {},
    );
    const totals = Object.values(result.copied).reduce(
      (sum, count) => ({
        inserted: sum.inserted + count.inserted,
        present: sum.present + count.present,
      }),
      { inserted: 0, present: 0 },
    );
    expect(totals.present).toBe(half);
    expect(totals.inserted).toBeGreaterThan(0);
    expect(result.verification).toMatchObject({ checked: 3, verified: 3, failures: [] });
  });

  it('by another instance: refused before anything is copied', async () => {
    const { uri } = target();
    const other = await MongoStore.open(uri);
    await other.claimSetting('keyEncryption.salt', 'ff'.repeat(16));
    await other.close();
    await expect(
      migrate({ from: app.dataDir, to: uri, publicUrl: app.baseUrl }, env, () => {}),
    ).rejects.toThrow(/^--to: the database holds another instance's setting "keyEncryption\.salt"/);
  });
});
