import { chmodSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/core/problems.js';
import { DEVELOPMENT_SECRET_FILE, securePrivateDataDir } from '../src/secrets.js';
import { DATABASE_FILE } from '../src/store/sqlite/sqliteStore.js';
import { award, createIssuer, request, unsignedOpenBadge, type Issuer } from './helpers/http.js';
import { ADMIN_KEY, makeDataDir, startTestApp, type TestApp } from './helpers/testApp.js';
import { storedCounts } from './helpers/storedCounts.js';

const modeOf = (file: string): number => statSync(file).mode & 0o777;

describe('X-Content-Type-Options: nosniff on every kind of response', () => {
  let app: TestApp;
  let uuid: string;

  beforeAll(async () => {
    app = await startTestApp();
    const issuer = await createIssuer(app.baseUrl, 'sniff');
    uuid =
      String((await award(app.baseUrl, issuer)).body.url)
        .split('/')
        .pop() ?? '';
  });
  afterAll(async () => app.close());

  const cases: Array<[string, () => Promise<Response>, RegExp]> = [
    ['JSON', () => fetch(`${app.baseUrl}/healthz`), /application\/json/],
    ['the OpenAPI document', () => fetch(`${app.baseUrl}/openapi.json`), /application\/json/],
    ['a 404 problem', () => fetch(`${app.baseUrl}/no/such/route`), /problem\+json/],
    [
      'a body-parser problem',
      () =>
        fetch(`${app.baseUrl}/issuers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{',
        }),
      /problem\+json/,
    ],
    ['an HTML page', () => fetch(`${app.baseUrl}/verify`), /text\/html/],
    ['a PNG', () => fetch(`${app.baseUrl}/c/${uuid}/qr.png`), /image\/png/],
    ['an SVG', () => fetch(`${app.baseUrl}/c/${uuid}/qr.svg`), /image\/svg\+xml/],
    ['a credential', () => fetch(`${app.baseUrl}/credentials/${uuid}`), /application\/vc/],
  ];

  for (const [kind, send, contentType] of cases) {
    it(kind, async () => {
      const response = await send();
      expect(response.headers.get('content-type')).toMatch(contentType);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });
  }
});

describe('bodies the attack turned into 500s', () => {
  let app: TestApp;
  let issuer: Issuer;

  beforeAll(async () => {
    app = await startTestApp({ background: false, env: { VERIFY_RATE_LIMIT: '0' } });
    issuer = await createIssuer(app.baseUrl, 'tough');
  });
  afterAll(async () => app.close());

  const issueUrl = (): string => `${app.baseUrl}/issuers/tough/credentials/issue`;

  function expectProblem(response: { status: number; contentType: string }, status: number): void {
    expect(response.status).toBe(status);
    expect(response.contentType).toContain('application/problem+json');
  }

  it.each(['gzip', 'deflate', 'br'])(
    'answers a corrupt %s body with 400 naming the encoding, on JSON and raw routes',
    async (encoding) => {
      for (const url of [`${app.baseUrl}/issuers`, `${app.baseUrl}/credentials/verify`]) {
        const response = await request('POST', url, undefined, {
          key: ADMIN_KEY,
          raw: 'not compressed at all',
          headers: { 'content-encoding': encoding },
        });
        expectProblem(response, 400);
        expect(response.body.detail).toContain(`Content-Encoding "${encoding}"`);
      }
    },
  );

  it('still reads a body that is validly gzip-compressed', async () => {
    const response = await fetch(`${app.baseUrl}/issuers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ADMIN_KEY}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body: new Uint8Array(gzipSync(JSON.stringify({ slug: 'zipped', name: 'Zipped' }))),
    });
    expect(response.status).toBe(201);
  });

  it('answers an unsupported Content-Encoding with 415', async () => {
    const response = await request(
      'POST',
      `${app.baseUrl}/issuers`,
      { slug: 'x', name: 'X' },
      {
        key: ADMIN_KEY,
        headers: { 'content-encoding': 'compress' },
      },
    );
    expectProblem(response, 415);
  });

  it('answers a path that is not valid percent-encoding with 400', async () => {
    expectProblem(await request('GET', `${app.baseUrl}/issuers/%E0%A4%A`), 400);
    expectProblem(await request('GET', `${app.baseUrl}/c/%ZZ/qr.png`), 400);
  });

  const deep = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

  it.each([
    ['/issuers/tough/credentials/issue', (inner: string) => `{"credential":${inner}}`],
    ['/learners/imports', (inner: string) => `{"verifiableCredential":${inner},"email":"a@b.org"}`],
    ['/credentials/verify', (inner: string) => `{"verifiableCredential":${inner}}`],
  ])(
    'refuses JSON nested 10,000 levels deep on %s with 422 naming the limit',
    async (route, wrap) => {
      const before = await storedCounts(app);
      const response = await request('POST', app.baseUrl + route, undefined, {
        key: ADMIN_KEY,
        raw: wrap(deep(10_000)),
      });
      expectProblem(response, 422);
      expect(response.body.type).toMatch(/nesting-too-deep$/);
      expect(response.body.limit).toBe(64);
      expect(response.body.detail).toContain('64 levels');
      expect(JSON.stringify(response.body)).not.toContain('Maximum call stack');
      expect(await storedCounts(app)).toEqual(before);
    },
  );

  it('counts levels exactly: the body at depth 64 passes the check, one more is refused', async () => {
    // The body object is level 1, so 63 more levels inside it make 64.
    const url = `${app.baseUrl}/credentials/verify`;
    const at64 = await request('POST', url, undefined, {
      raw: `{"verifiableCredential":${deep(63)}}`,
    });
    expect(at64.body.type).not.toMatch(/nesting-too-deep$/);
    const at65 = await request('POST', url, undefined, {
      raw: `{"verifiableCredential":${deep(64)}}`,
    });
    expectProblem(at65, 422);
    expect(at65.body.type).toMatch(/nesting-too-deep$/);
    expect(at65.body.errors[0].field).toMatch(/^verifiableCredential(\.a)+$/);
  });

  it.each([
    ['termsOfUse', {}, 'credential.termsOfUse.type'],
    ['termsOfUse', [{ id: 'urn:example:policy' }], 'credential.termsOfUse[0].type'],
    ['evidence', [{ name: 'Exam result' }], 'credential.evidence[0].type'],
    ['credentialSchema', {}, 'credential.credentialSchema.type'],
    ['refreshService', {}, 'credential.refreshService.type'],
    ['proof', {}, 'credential.proof.type'],
  ])(
    'refuses %s %j without a type with 422 naming %s, as DI and as JWT',
    async (field, value, named) => {
      const before = await storedCounts(app);
      for (const format of ['di', 'jwt']) {
        const response = await request(
          'POST',
          issueUrl(),
          { credential: unsignedOpenBadge(issuer, { [field]: value }), options: { format } },
          { key: issuer.apiKey },
        );
        expectProblem(response, 422);
        expect(response.body.errors).toContainEqual({ field: named, message: 'is required' });
      }
      expect(await storedCounts(app)).toEqual(before);
    },
  );

  it('still issues a credential whose termsOfUse and evidence are typed', async () => {
    const response = await request(
      'POST',
      issueUrl(),
      {
        credential: unsignedOpenBadge(issuer, {
          evidence: [{ type: ['Evidence'], name: 'Exam result' }],
          termsOfUse: [],
        }),
      },
      { key: issuer.apiKey },
    );
    expect(response.status).toBe(201);
  });

  it('answers what the signer refuses with 422, and gives the status index back', async () => {
    // The issuer's first status list exists by now (the test above issued): a refused issue must
    // then leave storage exactly as it was. (A refused *first* issue leaves that empty list.)
    const before = await storedCounts(app);
    const refused = [
      // vc.issue's own check: an evidence id must be a URL.
      [{ evidence: [{ type: ['Evidence'], id: 'not a url' }] }, /credential-unsignable$/],
      // JSON-LD safe mode: a type no context defines.
      [{ termsOfUse: { type: 'NoSuchPolicy' } }, /jsonld-invalid$/],
      // JSON-LD safe mode: a relative @id.
      [{ evidence: [{ type: ['Evidence'], id: 'x:y z' }] }, /jsonld-invalid$/],
    ] as const;
    for (const [overrides, type] of refused) {
      const response = await request(
        'POST',
        issueUrl(),
        { credential: unsignedOpenBadge(issuer, overrides) },
        { key: issuer.apiKey },
      );
      expectProblem(response, 422);
      expect(response.body.type).toMatch(type);
    }
    expect(await storedCounts(app)).toEqual(before);
  });
});

describe('VERIFY_RATE_LIMIT', () => {
  let app: TestApp;
  let issuer: Issuer;

  beforeAll(async () => {
    app = await startTestApp({ env: { VERIFY_RATE_LIMIT: '3' } });
    issuer = await createIssuer(app.baseUrl, 'limited');
  });
  afterAll(async () => app.close());

  // Refused by the schema: counted by the limiter all the same, and cheap to send.
  const verify = (headers: Record<string, string> = {}, route = '/credentials/verify') =>
    request('POST', app.baseUrl + route, { nothing: true }, { headers });

  it('lets 3 anonymous requests a minute through, then answers 429 with Retry-After', async () => {
    for (let sent = 0; sent < 3; sent += 1) expect((await verify()).status).toBe(422);
    const limited = await fetch(`${app.baseUrl}/credentials/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const problem = (await limited.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 429, retryAfter });
    expect(String(problem.type)).toMatch(/too-many-requests$/);
  });

  it('counts every verify route and spelling of its path together', async () => {
    expect((await verify({}, '/verify')).status).toBe(429);
    expect((await verify({}, '/Credentials/Verify/')).status).toBe(429);
    expect((await verify({}, '/presentations/verify')).status).toBe(429);
  });

  it('does not limit requests with a valid API key, admin or issuer', async () => {
    for (const key of [ADMIN_KEY, issuer.apiKey]) {
      const response = await verify({ authorization: `Bearer ${key}` });
      expect(response.status).toBe(422);
    }
  });

  it('limits requests whose Authorization is not a valid key', async () => {
    expect((await verify({ authorization: 'Bearer not-a-key' })).status).toBe(429);
  });

  it('leaves other routes and other methods alone', async () => {
    expect((await request('GET', `${app.baseUrl}/verify`)).status).toBe(200);
    expect((await request('GET', `${app.baseUrl}/healthz`)).status).toBe(200);
  });

  it('is listed as a 429 response of each limited route in the OpenAPI document', async () => {
    const document = (await request('GET', `${app.baseUrl}/openapi.json`)).body;
    for (const route of ['/credentials/verify', '/verify']) {
      expect(document.paths[route].post.responses['429'], route).toBeDefined();
    }
    expect(document.paths['/issuers/{slug}/awards'].post.responses['429']).toBeUndefined();
  });

  it('is off with VERIFY_RATE_LIMIT=0', async () => {
    const unlimited = await startTestApp({ env: { VERIFY_RATE_LIMIT: '0' } });
    try {
      for (let sent = 0; sent < 5; sent += 1) {
        const response = await request('POST', `${unlimited.baseUrl}/credentials/verify`, {});
        expect(response.status).toBe(422);
      }
    } finally {
      await unlimited.close();
    }
  });

  it('is validated at start like the other settings', () => {
    expect(loadConfig({}).verifyRateLimit).toBe(120);
    expect(loadConfig({ VERIFY_RATE_LIMIT: '' }).verifyRateLimit).toBe(120);
    expect(loadConfig({ VERIFY_RATE_LIMIT: '0' }).verifyRateLimit).toBe(0);
    for (const bad of ['-1', '1.5', 'lots', '1e3', '99999999']) {
      expect(() => loadConfig({ VERIFY_RATE_LIMIT: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ VERIFY_RATE_LIMIT: bad }), bad).toThrow(/^VERIFY_RATE_LIMIT:/);
    }
  });
});

describe('DATA_DIR is owner-only', () => {
  let previousUmask: number;
  let parent: string;

  // A permissive umask, so the modes checked are the ones the service sets, not the defaults.
  beforeAll(() => {
    previousUmask = process.umask(0);
    parent = makeDataDir();
  });
  afterAll(() => {
    process.umask(previousUmask);
    rmSync(parent, { recursive: true, force: true });
  });

  const files = (dataDir: string): string[] =>
    [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, DEVELOPMENT_SECRET_FILE].map(
      (name) => path.join(dataDir, name),
    );

  it('creates the directory 0700, the database, its -wal and -shm and the secret 0600', async () => {
    const dataDir = path.join(parent, 'fresh', 'data');
    // No KEY_ENCRYPTION_SECRET: the generated secret file is written too.
    const app = await startTestApp({ dataDir, env: { KEY_ENCRYPTION_SECRET: '' } });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      for (const file of files(dataDir)) {
        expect(existsSync(file), file).toBe(true);
        expect(modeOf(file), file).toBe(0o600);
      }
    } finally {
      await app.stop();
    }
  });

  it('tightens an existing directory and files left readable by others', async () => {
    const dataDir = path.join(parent, 'loose');
    const first = await startTestApp({ dataDir, env: { KEY_ENCRYPTION_SECRET: '' } });
    await first.stop();
    chmodSync(dataDir, 0o755);
    for (const file of files(dataDir)) {
      if (!existsSync(file)) writeFileSync(file, '');
      chmodSync(file, 0o644);
    }
    const second = await startTestApp({ dataDir, env: { KEY_ENCRYPTION_SECRET: '' } });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      for (const file of files(dataDir)) expect(modeOf(file), file).toBe(0o600);
      expect((await request('GET', `${second.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('takes group and other access from every file in it (main.ts does this at start, whatever the store)', () => {
    const dataDir = path.join(parent, 'leftover');
    mkdirSync(dataDir, { mode: 0o777 });
    writeFileSync(path.join(dataDir, 'old-backup.sqlite'), 'x', { mode: 0o666 });
    writeFileSync(path.join(dataDir, 'tool.sh'), 'x', { mode: 0o775 });
    securePrivateDataDir(dataDir);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'old-backup.sqlite'))).toBe(0o600);
    expect(modeOf(path.join(dataDir, 'tool.sh'))).toBe(0o700);
  });
});
