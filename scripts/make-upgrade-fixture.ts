// Makes test/fixtures/upgrade-v0.1.0.tar.gz: a DATA_DIR written by the previous release's code, for
// test/upgrade-from-previous-release.test.ts to open with this code. Run it against a checkout of
// the release tag (its own src/main.ts runs the service), e.g.
//   git worktree add /tmp/v010 v0.1.0 && ln -s "$PWD/node_modules" /tmp/v010/node_modules
//   npx tsx scripts/make-upgrade-fixture.ts /tmp/v010
// It awards the DX Passport's three modules to one learner (three tiers stack), a JWT credential
// through VC-API, and a revoked and a suspended module to two others, then stops the service,
// checkpoints the SQLite file and archives DATA_DIR beside a manifest of what each credential is.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [releaseTree] = process.argv.slice(2);
if (!releaseTree) throw new Error('usage: tsx scripts/make-upgrade-fixture.ts <release checkout>');

/** Fixed, so the test can serve the archive at the PUBLIC_URL its status list URLs name. */
const FIXTURE = {
  release: 'v0.1.0',
  port: 39147,
  adminApiKey: 'upgrade-fixture-admin-key-0123456789abcdef',
  keyEncryptionSecret: 'upgrade-fixture-encryption-secret-0123456789',
};
const baseUrl = `http://127.0.0.1:${FIXTURE.port}`;
const fixtures = new URL('../test/fixtures/', import.meta.url);

// The release's answers are read field by field as the script goes; the test checks what they mean.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(method: string, route: string, body?: unknown): Promise<Json> {
  const response = await fetch(baseUrl + route, {
    method,
    headers: { Authorization: `Bearer ${FIXTURE.adminApiKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return JSON.parse(text);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'upgrade-fixture-'));
const service = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: releaseTree,
  env: {
    ...process.env,
    PORT: String(FIXTURE.port),
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    ADMIN_API_KEY: FIXTURE.adminApiKey,
    KEY_ENCRYPTION_SECRET: FIXTURE.keyEncryptionSecret,
    LOG_LEVEL: 'warn',
    MONGODB_URI: '',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const exited = new Promise((resolve) => service.on('exit', resolve));
try {
  for (let attempt = 0; ; attempt += 1) {
    const up = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (attempt > 300) throw new Error('the release did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const issuerOf: Record<string, string> = {
    'it-passport': 'ipa',
    'g-kentei': 'jdla',
    'ds-kentei': 'dss',
  };
  for (const slug of ['ipa', 'jdla', 'dss', 'di-lite']) {
    await call('PUT', `/issuers/${slug}/status-purposes`, {
      statusPurposes: ['revocation', 'suspension'],
    });
  }
  const awardModule = (achievement: string, email: string) =>
    call('POST', `/issuers/${issuerOf[achievement]}/awards`, { achievement, recipient: { email } });

  const credentials: Array<{ label: string; credential: unknown; state: string }> = [];
  const stacker = 'stacker@example.org';
  for (const module of ['it-passport', 'g-kentei', 'ds-kentei']) {
    const awarded = await awardModule(module, stacker);
    credentials.push({ label: module, credential: awarded.credential, state: 'active' });
  }
  const progress = await call('GET', `/learners/progress?email=${encodeURIComponent(stacker)}`);
  const revoked = await awardModule('it-passport', 'revoked@example.org');
  await call('POST', `/credentials/${revoked.credential.id.replace('urn:uuid:', '')}/status`, {
    action: 'revoke',
    reason: 'exam result withdrawn',
  });
  credentials.push({ label: 'revoked module', credential: revoked.credential, state: 'revoked' });
  const suspended = await awardModule('g-kentei', 'suspended@example.org');
  await call('POST', `/credentials/${suspended.credential.id.replace('urn:uuid:', '')}/status`, {
    action: 'suspend',
    reason: 'under review',
  });
  credentials.push({
    label: 'suspended module',
    credential: suspended.credential,
    state: 'suspended',
  });
  const ipa = await call('GET', '/issuers/ipa');
  const jwt = await call('POST', '/issuers/ipa/credentials/issue', {
    credential: {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://www.w3.org/ns/credentials/examples/v2',
      ],
      type: ['VerifiableCredential'],
      issuer: ipa.id,
      credentialSubject: { id: 'did:example:jwt-holder', alumniOf: 'IT Passport course' },
    },
    options: {
      format: 'jwt',
      credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }],
    },
  });
  credentials.push({ label: 'VC-API JWT', credential: jwt.verifiableCredential, state: 'active' });

  service.kill('SIGTERM');
  await exited;
  // One self-contained file: everything the WAL held goes into the database file.
  const db = new Database(path.join(dataDir, 'credentials.sqlite'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  execFileSync('tar', [
    '-czf',
    new URL('upgrade-v0.1.0.tar.gz', fixtures).pathname,
    '-C',
    dataDir,
    '--exclude=*-wal',
    '--exclude=*-shm',
    '.',
  ]);
  const tiers = Object.fromEntries(
    (progress.tiers as Array<{ achievement: string; met: boolean; held?: string }>).map((t) => [
      t.achievement,
      { met: t.met, held: t.held },
    ]),
  );
  writeFileSync(
    new URL('upgrade-v0.1.0.json', fixtures),
    `${JSON.stringify({ ...FIXTURE, learner: stacker, tiers, credentials }, null, 2)}\n`,
  );
} finally {
  if (service.exitCode === null) service.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}
