// What an operator sees: /metrics behind its own token, counters that move with what the service
// does, and JSON log lines that name the request they were written for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvOf, CSV_COLUMNS, cohortRows, postBatchCsv, waitForBatch } from './helpers/batches.js';
import { awardModule, changeStatus, progressOf } from './helpers/catalogAwards.js';
import { faultyStore, type FaultRule } from './helpers/faultyStore.js';
import { award, createIssuer, request, verify, type Issuer } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { claimWith, makeWallet } from './helpers/testWallet.js';
import type { CredentialRecord, Store } from '../src/store/port.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdefghijklmnop';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function scrape(baseUrl: string, token = METRICS_TOKEN): Promise<Response> {
  return fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
}

/** The value of the sample `name` whose labels include `labels`; undefined when there is none. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map(([, key, value]) => [key, value]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) {
      return Number(match[3]);
    }
  }
  return undefined;
}

async function metricsText(baseUrl: string): Promise<string> {
  const response = await scrape(baseUrl);
  expect(response.status).toBe(200);
  return response.text();
}

describe('/metrics', () => {
  let app: TestApp;
  let ngo: Issuer;
  beforeAll(async () => {
    // Background jobs stopped: the learner e-mail an award queues stays queued for the gauge.
    app = await startTestApp({ env: { METRICS_TOKEN }, background: false });
    ngo = await createIssuer(app.baseUrl, 'metrics-ngo');
  });
  afterAll(() => app.close());

  it('refuses a scrape without the token, or with another one, as a 401 problem', async () => {
    const none = await fetch(`${app.baseUrl}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await none.json()) as { detail: string }).detail).toMatch(/METRICS_TOKEN/);
    const wrong = await scrape(app.baseUrl, `${METRICS_TOKEN}x`);
    expect(wrong.status).toBe(401);
    // The admin key is not the metrics token.
    expect((await scrape(app.baseUrl, ADMIN_KEY)).status).toBe(401);
  });

  it('counts an award, a verification and a revocation, and requests per route template', async () => {
    const before = await metricsText(app.baseUrl);
    const issuedBefore =
      sample(before, 'credentials_issued_total', { format: 'di', issuer: 'metrics-ngo' }) ?? 0;
    const awarded = await award(app.baseUrl, ngo);
    expect(awarded.status).toBe(201);
    const checked = await verify(app.baseUrl, awarded.body.credential);
    expect(checked.body.verdict).toBe('verified');
    const uuid = String(awarded.body.url).split('/c/')[1] ?? '';
    expect((await request('GET', `${app.baseUrl}/c/${uuid}`)).status).toBe(200);
    expect((await changeStatus(app.baseUrl, uuid, 'revoke')).status).toBe(200);

    const after = await metricsText(app.baseUrl);
    expect(after).toMatch(/^# TYPE credentials_issued_total counter$/m);
    expect(sample(after, 'credentials_issued_total', { format: 'di', issuer: 'metrics-ngo' })).toBe(
      issuedBefore + 1,
    );
    expect(sample(after, 'credential_verifications_total', { verdict: 'verified' })).toBe(1);
    expect(sample(after, 'credential_status_changes_total', { transition: 'revoked' })).toBe(1);
    const awards = { method: 'POST', route: '/issuers/:slug/awards', status: '201' };
    expect(sample(after, 'http_requests_total', awards)).toBe(1);
    expect(
      sample(after, 'http_request_duration_seconds_count', {
        method: 'POST',
        route: '/issuers/:slug/awards',
      }),
    ).toBe(1);
    expect(
      sample(after, 'http_requests_total', { method: 'GET', route: '/c/:uuid', status: '200' }),
    ).toBe(1);
    // Labels carry templates only: no credential id reaches them.
    const labelled = after.split('\n').filter((line) => !line.startsWith('#'));
    expect(labelled.filter((line) => UUID.test(line))).toEqual([]);
    // The outbox depth is the store's: the award's e-mail waits, queued; no webhook is pending.
    expect(sample(after, 'outbox_messages', { outbox: 'mail', state: 'queued' })).toBe(1);
    expect(sample(after, 'outbox_messages', { outbox: 'mail', state: 'failed' })).toBe(0);
    expect(sample(after, 'outbox_messages', { outbox: 'webhook', state: 'pending' })).toBe(0);
  });

  it('counts batch rows by outcome, in an app of its own that starts from zero', async () => {
    const other = await startTestApp({ env: { METRICS_TOKEN } });
    try {
      const rows = [
        ...cohortRows('metrics', 2, 0),
        { recipient: 'nobody', achievement: 'digital-basics' },
      ];
      const accepted = await postBatchCsv(other.baseUrl, 'bridge-ngo', csvOf(rows, CSV_COLUMNS));
      expect(accepted.status).toBe(202);
      await waitForBatch(other.baseUrl, String(accepted.body.id));
      const text = await metricsText(other.baseUrl);
      expect(sample(text, 'batch_rows_total', { outcome: 'issued' })).toBe(2);
      expect(sample(text, 'batch_rows_total', { outcome: 'failed' })).toBe(1);
      // Its registry is its own: the first app's award and verification are not in it.
      expect(
        sample(text, 'credential_verifications_total', { verdict: 'verified' }),
      ).toBeUndefined();
      expect(sample(text, 'credentials_issued_total', { format: 'di', issuer: 'bridge-ngo' })).toBe(
        2,
      );
    } finally {
      await other.close();
    }
  });
});

describe('wallet offers in /metrics', () => {
  it('counts the store’s offers as offered, claimed and expired at the scrape', async () => {
    let now = Date.parse('2026-12-01T09:00:00.000Z');
    const app = await startTestApp({
      env: { METRICS_TOKEN, WALLET_OFFER_HOURS: '1' },
      clock: () => new Date(now),
    });
    try {
      const offerOne = async () => {
        const awarded = await awardModule(app.baseUrl, 'digital-basics', `${now}@example.org`);
        const uuid = String(awarded.body.credential.id).replace('urn:uuid:', '');
        const made = await request('POST', `${app.baseUrl}/credentials/${uuid}/offers`, undefined, {
          key: ADMIN_KEY,
        });
        expect(made.status).toBe(201);
        return made.body as { exchangeUrl: string };
      };
      const states = async () => {
        const text = await metricsText(app.baseUrl);
        return Object.fromEntries(
          ['offered', 'claimed', 'expired'].map((state) => [
            state,
            sample(text, 'wallet_offers', { state }),
          ]),
        );
      };
      expect(await states()).toEqual({ offered: 0, claimed: 0, expired: 0 });
      await offerOne();
      now += 2 * 3_600_000;
      const claimed = await offerOne();
      await offerOne();
      const wallet = await makeWallet(app.services.documentLoader);
      expect((await claimWith(wallet, claimed.exchangeUrl)).status).toBe(200);
      expect(await states()).toEqual({ offered: 1, claimed: 1, expired: 1 });
    } finally {
      await app.close();
    }
  });
});

describe('claim repairs in /metrics', () => {
  let app: TestApp;
  let now = new Date('2026-11-02T09:00:00Z');
  let fault: FaultRule | undefined;
  beforeAll(async () => {
    app = await startTestApp({
      env: { METRICS_TOKEN },
      background: false,
      clock: () => now,
      wrapStore: (store) => faultyStore(store, () => fault),
    });
  });
  afterAll(() => app.close());

  it('counts a tier claim and a status index left without their credential once the repair frees them', async () => {
    const learner = 'repaired@example.org';
    // The disk is full for the tier's credential and for freeing its claims.
    fault = (method, args) =>
      (method === 'insertCredential' &&
        (args[0] as CredentialRecord).achievementKey === 'dx-passport-1') ||
      method === 'releaseTierCopy' ||
      method === 'releaseStatusIndex';
    expect((await awardModule(app.baseUrl, 'it-passport', learner)).status).toBe(201);
    fault = undefined;
    expect(
      sample(await metricsText(app.baseUrl), 'claim_repairs_total', { claim: 'tier-copy' }),
    ).toBeUndefined();

    now = new Date(now.getTime() + 11 * 60_000);
    expect(await app.services.tierClaimRepair.repair()).toEqual({
      freedClaims: 1,
      evaluatedAwards: 1,
      releasedIndexes: 1,
    });
    expect((await progressOf(app.baseUrl, learner))['dx-passport-1']?.held).toBeDefined();
    const after = await metricsText(app.baseUrl);
    expect(sample(after, 'claim_repairs_total', { claim: 'tier-copy' })).toBe(1);
    expect(sample(after, 'claim_repairs_total', { claim: 'status-index' })).toBe(1);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ background: false });
  });
  afterAll(() => app.close());

  it('is not served: a 404 problem says how to turn it on', async () => {
    const response = await scrape(app.baseUrl);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/METRICS_TOKEN/);
  });
});

describe('request ids in logs', () => {
  let app: TestApp;
  let ngo: Issuer;
  const lines: Array<Record<string, unknown>> = [];
  let failNextInsert = false;
  beforeAll(async () => {
    app = await startTestApp({
      env: { LOG_LEVEL: 'info' },
      background: false,
      logDestination: { write: (line: string) => void lines.push(JSON.parse(line)) },
      // A store that fails one write on request, so an award logs from deep inside the request.
      wrapStore: (store: Store): Store =>
        Object.assign(Object.create(store) as Store, {
          insertCredential: async (...args: Parameters<Store['insertCredential']>) => {
            if (failNextInsert) {
              failNextInsert = false;
              throw new Error('disk on fire');
            }
            return store.insertCredential(...args);
          },
        }),
    });
    ngo = await createIssuer(app.baseUrl, 'logging-ngo');
  });
  afterAll(() => app.close());

  const linesOf = (requestId: string) => lines.filter((line) => line.requestId === requestId);

  it('keeps a sane X-Request-Id, echoes it, and names it on every line of that request', async () => {
    failNextInsert = true;
    const response = await fetch(`${app.baseUrl}/issuers/${ngo.slug}/awards`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ngo.apiKey}`,
        'content-type': 'application/json',
        'x-request-id': 'proxy-7f3a.42',
      },
      body: JSON.stringify({
        achievement: { name: 'Logs', description: 'Reads logs.', criteria: { narrative: 'Did.' } },
        recipient: { email: 'logs@example.org' },
      }),
    });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('proxy-7f3a.42');
    const mine = linesOf('proxy-7f3a.42');
    // The store failure, logged by the error handler after the body was read, names the request;
    // so does the line that says the request was served.
    expect(mine.map((line) => line.msg)).toEqual(['unhandled error', 'request served']);
    expect(mine[0]?.err).toMatchObject({ message: 'disk on fire' });
    expect(mine[1]).toMatchObject({ route: '/issuers/:slug/awards', status: 500, method: 'POST' });
    // Nothing of this request was logged without its id.
    expect(lines.filter((line) => line.msg === 'unhandled error' && !line.requestId)).toEqual([]);
  });

  it('replaces an id it cannot use with one of its own, new for each request', async () => {
    const first = await fetch(`${app.baseUrl}/healthz`, {
      headers: { 'x-request-id': 'two words' },
    });
    const second = await fetch(`${app.baseUrl}/healthz`);
    const firstId = first.headers.get('x-request-id') ?? '';
    const secondId = second.headers.get('x-request-id') ?? '';
    expect(firstId).toMatch(UUID);
    expect(secondId).toMatch(UUID);
    expect(firstId).not.toBe(secondId);
    expect(linesOf(firstId)).toMatchObject([{ msg: 'request served', route: '/healthz' }]);
    expect(lines.some((line) => line.requestId === 'two words')).toBe(false);
  });
});
