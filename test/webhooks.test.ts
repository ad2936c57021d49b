// Webhooks end to end, on each store: an issuer registers endpoints, the service's events reach a
// real HTTPS receiver on loopback signed per Standard Webhooks (checked with the standardwebhooks
// verifier), each once per delivery id, retried with backoff, and logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvOf, postBatchCsv } from './helpers/batches.js';
import { awardModule, changeStatus } from './helpers/catalogAwards.js';
import {
  award,
  createIssuer,
  request,
  sampleAward,
  type AnyJson,
  type Issuer,
} from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhookReceiver.js';

const mongo = mongoTarget();
const BASE_SECONDS = 30;

/** Polls until `check` returns something other than undefined, or fails after the deadline. */
async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const store of ['sqlite', 'mongo'] as const) {
  describe.skipIf(store === 'mongo' && mongo.uri === undefined)(`webhooks on ${store}`, () => {
    /** The app's clock; tests move it past backoff waits and expiries. */
    let now = Date.parse('2026-12-01T09:00:00Z');
    let app: TestApp;
    let receiver: WebhookReceiver;
    let ngo: Issuer;
    let other: Issuer;

    beforeAll(async () => {
      receiver = await startWebhookReceiver(() => now);
      app = await startTestApp({
        store,
        clock: () => new Date(now),
        env: { WEBHOOK_RETRY_BASE_SECONDS: String(BASE_SECONDS) },
        urlPolicy: { allowLoopbackOrigins: [receiver.origin], ca: receiver.ca },
      });
      ngo = await createIssuer(app.baseUrl, 'ngo', 'NGO', {
        statusPurposes: ['revocation', 'suspension'],
      });
      other = await createIssuer(app.baseUrl, 'other');
    });
    afterAll(async () => {
      await app?.close();
      await receiver?.close();
    });

    const webhooksOf = (slug: string) => `${app.baseUrl}/issuers/${slug}/webhooks`;

    /** Registers `path` on the receiver for these events and tells the receiver its secret. */
    async function register(issuer: Issuer, path: string, events: string[], key = issuer.apiKey) {
      const made = await request(
        'POST',
        webhooksOf(issuer.slug),
        { url: `${receiver.origin}${path}`, events, description: `test ${path}` },
        { key },
      );
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      receiver.expect(path, String(made.body.secret));
      return made.body as AnyJson;
    }

    const deliveriesOf = async (issuer: Issuer, id: string) => {
      const response = await request(
        'GET',
        `${webhooksOf(issuer.slug)}/${id}/deliveries`,
        undefined,
        { key: issuer.apiKey },
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.deliveries as AnyJson[];
    };

    const receivedAt = (path: string) => receiver.received.filter((r) => r.path === path);

    /**
     * Awards for ngo and waits until every endpoint already answering ngo's awards has heard of
     * it, so a test that moves the clock next does not move it under a delivery in flight.
     */
    async function awardHeard(body: AnyJson = sampleAward) {
      const paths = ['/registered', '/issued', '/crm'];
      const before = paths.map((path) => receivedAt(path).length);
      const awarded = await award(app.baseUrl, ngo, body);
      expect(awarded.status, JSON.stringify(awarded.body)).toBe(201);
      const heard = await Promise.all(
        paths.map(async (path) =>
          (await app.store.listWebhookEndpoints('ngo')).some(
            (endpoint) => endpoint.url === `${receiver.origin}${path}`,
          ),
        ),
      );
      for (const [n, path] of paths.entries()) {
        if (heard[n]) await awaitReceived(path, (before[n] ?? 0) + 1);
      }
      return awarded;
    }

    /** What `path` received, once `count` requests have arrived. */
    const awaitReceived = (path: string, count: number) =>
      until(`${count} requests at ${path}`, () =>
        receivedAt(path).length >= count ? receivedAt(path) : undefined,
      );

    it('registers an endpoint: the secret is shown once, in the Standard Webhooks form', async () => {
      const made = await register(ngo, '/registered', ['credential.revoked', 'credential.issued']);
      expect(made).toMatchObject({
        url: `${receiver.origin}/registered`,
        events: ['credential.issued', 'credential.revoked'],
        description: 'test /registered',
      });
      expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const listed = await request('GET', webhooksOf('ngo'), undefined, { key: ngo.apiKey });
      expect(listed.status).toBe(200);
      const shown = (listed.body.webhooks as AnyJson[]).find((w) => w.id === made.id);
      expect(shown).toMatchObject({ url: made.url, events: made.events });
      expect(JSON.stringify(listed.body)).not.toContain('whsec_');
      // Stored encrypted: the secret is nowhere in the store's records.
      const endpoint = await app.store.findWebhookEndpoint(String(made.id));
      expect(endpoint?.sealedSecret).toMatch(/^v1\./);
      expect(JSON.stringify(endpoint)).not.toContain(String(made.secret).slice(6));
    });

    it('refuses an endpoint that is not https on a public address, or an unknown event, with 422', async () => {
      const before = await app.store.listWebhookEndpoints('ngo');
      const refused = async (body: AnyJson) => {
        const response = await request('POST', webhooksOf('ngo'), body, { key: ngo.apiKey });
        expect(response.status, JSON.stringify(response.body)).toBe(422);
        expect(response.contentType).toMatch(/^application\/problem\+json/);
        return response.body.errors.map((e: AnyJson) => e.field) as string[];
      };
      const events = ['credential.issued'];
      const port = new URL(receiver.origin).port;
      expect(await refused({ url: `http://127.0.0.1:${port}/x`, events })).toEqual(['url']);
      expect(await refused({ url: 'https://10.0.0.1/hook', events })).toEqual(['url']);
      expect(await refused({ url: `https://localhost:${port}/x`, events })).toEqual(['url']);
      expect(await refused({ url: 'https://no-such-host.invalid/hook', events })).toEqual(['url']);
      expect(await refused({ url: 'not a url', events })).toEqual(['url']);
      const unknown = await refused({ url: `${receiver.origin}/x`, events: ['credential.eaten'] });
      expect(unknown[0]).toMatch(/^events/);
      expect(await app.store.listWebhookEndpoints('ngo')).toEqual(before);
    });

    it('an award reaches the receiver once, signed, naming the credential and never the learner', async () => {
      const hook = await register(ngo, '/issued', ['credential.issued']);
      const awarded = await award(app.baseUrl, ngo);
      expect(awarded.status).toBe(201);
      const credentialId = String(awarded.body.credential.id);
      const [got] = await awaitReceived('/issued', 1);
      expect(got?.verifyError).toBeUndefined();
      expect(got?.payload).toEqual({
        type: 'credential.issued',
        timestamp: new Date(now).toISOString(),
        data: {
          credential: credentialId,
          url: `${app.baseUrl}/c/${credentialId.replace('urn:uuid:', '')}`,
          issuer: 'ngo',
          issuedAt: new Date(now).toISOString(),
        },
      });
      expect(got?.body).not.toContain('ana.perez@example.org');
      expect(got?.timestamp).toBe(String(Math.floor(now / 1000)));
      const deliveries = await until('the delivery settles', async () => {
        const listed = await deliveriesOf(ngo, String(hook.id));
        return listed[0]?.state === 'delivered' ? listed : undefined;
      });
      expect(deliveries).toEqual([
        {
          id: got?.id,
          event: `credential.issued:${credentialId.replace('urn:uuid:', '')}`,
          type: 'credential.issued',
          state: 'delivered',
          createdAt: new Date(now).toISOString(),
          attempts: [
            {
              attempt: 1,
              at: new Date(now).toISOString(),
              finishedAt: new Date(now).toISOString(),
              status: 204,
            },
          ],
        },
      ]);

      // The same event told again (a resumed batch) queues nothing and sends nothing.
      const record = await app.store.findCredential(credentialId.replace('urn:uuid:', ''));
      if (!record) throw new Error('the awarded credential is stored');
      await app.services.events.publish({
        type: 'credential.issued',
        id: String(deliveries[0]?.event),
        issuerSlug: 'ngo',
        record,
        url: String(got?.payload?.data.url),
      });
      app.services.background.kick('webhook-deliveries');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await deliveriesOf(ngo, String(hook.id))).toHaveLength(1);
      expect(receivedAt('/issued')).toHaveLength(1);
    });

    it('a DX Passport completion tells the tier issuer tier.awarded', async () => {
      const hook = await register({ slug: 'di-lite', id: '', apiKey: ADMIN_KEY }, '/tiers', [
        'tier.awarded',
      ]);
      const awarded = await awardModule(app.baseUrl, 'it-passport', 'tier-learner@example.org');
      expect(awarded.status).toBe(201);
      const tier = (awarded.body.stacked as AnyJson[])[0]?.credential as AnyJson;
      const [got] = await awaitReceived('/tiers', 1);
      expect(got?.verifyError).toBeUndefined();
      expect(got?.payload).toMatchObject({
        type: 'tier.awarded',
        data: { credential: tier.id, achievement: 'dx-passport-1', issuer: 'di-lite' },
      });
      expect(got?.body).not.toContain('tier-learner@example.org');
      const admin = { slug: 'di-lite', id: '', apiKey: ADMIN_KEY };
      await until('the tier delivery settles', async () =>
        (await deliveriesOf(admin, String(hook.id)))[0]?.state === 'delivered' ? true : undefined,
      );
    });

    it('suspend, reinstate and revoke each reach the receiver once, with the reason', async () => {
      await register(ngo, '/status', [
        'credential.suspended',
        'credential.reinstated',
        'credential.revoked',
      ]);
      const credentialId = String((await award(app.baseUrl, ngo)).body.credential.id);
      const steps = [
        ['suspend', 'credential.suspended', 'under review'],
        ['reinstate', 'credential.reinstated', 'review passed'],
        ['revoke', 'credential.revoked', 'exam result withdrawn'],
      ] as const;
      for (const [n, [action, type, reason]] of steps.entries()) {
        // Each change at its own instant, so each is its own event.
        now += 1_000;
        const changed = await changeStatus(app.baseUrl, credentialId, action, reason);
        expect(changed.status, JSON.stringify(changed.body)).toBe(200);
        const got = (await awaitReceived('/status', n + 1))[n];
        expect(got?.verifyError).toBeUndefined();
        expect(got?.payload).toMatchObject({
          type,
          data: { credential: credentialId, issuer: 'ngo', reason },
        });
      }
      const ids = receivedAt('/status').map((r) => r.id);
      expect(new Set(ids).size).toBe(3);
    });

    it('an expiry noticed by the sweep tells credential.expired', async () => {
      await register(ngo, '/expired', ['credential.expired']);
      const validUntil = new Date(now + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const awarded = await awardHeard({ ...sampleAward, validUntil });
      now += 2 * 86_400_000;
      app.services.background.kick('expiry-sweep');
      const [got] = await awaitReceived('/expired', 1);
      expect(got?.verifyError).toBeUndefined();
      expect(got?.payload).toMatchObject({
        type: 'credential.expired',
        timestamp: validUntil,
        data: { credential: awarded.body.credential.id, issuer: 'ngo', at: validUntil },
      });
    });

    it('a receiver that answers 500 twice gets the third attempt, under the same webhook-id', async () => {
      receiver.answer('/flaky', [500, 500]);
      const hook = await register(ngo, '/flaky', ['credential.issued']);
      const queuedAt = now;
      await awardHeard();
      /** The delivery once `count` attempts are done and the next is scheduled for `next`. */
      const attemptsAfter = async (count: number, next: number) =>
        until(`${count} attempts, the next at ${new Date(next).toISOString()}`, async () => {
          const [delivery] = await deliveriesOf(ngo, String(hook.id));
          return delivery?.attempts.length === count &&
            delivery.state === 'queued' &&
            delivery.nextAttemptAt === new Date(next).toISOString()
            ? delivery
            : undefined;
        });
      let delivery = await attemptsAfter(1, queuedAt + BASE_SECONDS * 1000);
      expect(delivery.attempts[0]).toMatchObject({ status: 500 });
      now += BASE_SECONDS * 1000;
      app.services.background.kick('webhook-deliveries');
      delivery = await attemptsAfter(2, now + 2 * BASE_SECONDS * 1000);
      // Not due yet: a round now sends nothing.
      app.services.background.kick('webhook-deliveries');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receivedAt('/flaky')).toHaveLength(2);
      now += 2 * BASE_SECONDS * 1000;
      app.services.background.kick('webhook-deliveries');
      delivery = await until('delivered', async () => {
        const [latest] = await deliveriesOf(ngo, String(hook.id));
        return latest?.state === 'delivered' ? latest : undefined;
      });
      expect(
        delivery.attempts.map((a: AnyJson) => ({ attempt: a.attempt, at: a.at, status: a.status })),
      ).toEqual([
        { attempt: 1, at: new Date(queuedAt).toISOString(), status: 500 },
        { attempt: 2, at: new Date(queuedAt + 30_000).toISOString(), status: 500 },
        { attempt: 3, at: new Date(queuedAt + 90_000).toISOString(), status: 204 },
      ]);
      const got = receivedAt('/flaky');
      expect(got).toHaveLength(3);
      expect(got.every((r) => r.verifyError === undefined)).toBe(true);
      expect(new Set(got.map((r) => r.id))).toEqual(new Set([delivery.id]));
      // Each attempt is signed at its own time; the body is the same bytes each time.
      expect(new Set(got.map((r) => r.timestamp)).size).toBe(3);
      expect(new Set(got.map((r) => r.body)).size).toBe(1);
    });

    it('a key without webhooks:manage gets 403 naming the scope; one with it manages webhooks', async () => {
      const makeKey = async (name: string, scopes: string[]) => {
        const made = await request(
          'POST',
          `${app.baseUrl}/issuers/ngo/scoped-keys`,
          { name, scopes },
          { key: ngo.apiKey },
        );
        expect(made.status).toBe(201);
        return String(made.body.apiKey);
      };
      const lms = await makeKey('lms', ['awards:write']);
      for (const [method, body] of [
        ['POST', { url: `${receiver.origin}/x`, events: ['credential.issued'] }],
        ['GET', undefined],
      ] as const) {
        const refused = await request(method, webhooksOf('ngo'), body, { key: lms });
        expect(refused.status).toBe(403);
        expect(refused.body.requiredScope).toBe('webhooks:manage');
        expect(refused.body.detail).toContain('webhooks:manage');
      }
      const crm = await makeKey('crm', ['webhooks:manage']);
      await register(ngo, '/crm', ['credential.issued'], crm);
      const listed = await request('GET', webhooksOf('ngo'), undefined, { key: crm });
      expect(listed.status).toBe(200);
    });

    it("another issuer's webhook is not visible: not listed, no deliveries, no delete (404)", async () => {
      const hook = await register(ngo, '/private', ['credential.issued']);
      const otherList = await request('GET', webhooksOf('other'), undefined, { key: other.apiKey });
      expect(otherList.status).toBe(200);
      expect(otherList.body.webhooks).toEqual([]);
      for (const method of ['GET', 'DELETE']) {
        const path = method === 'GET' ? `/${hook.id}/deliveries` : `/${hook.id}`;
        const response = await request(method, `${webhooksOf('other')}${path}`, undefined, {
          key: other.apiKey,
        });
        expect(response.status, method).toBe(404);
        expect(response.contentType).toMatch(/^application\/problem\+json/);
      }
      // ngo's own key still sees it.
      expect(await deliveriesOf(ngo, String(hook.id))).toBeInstanceOf(Array);
    });

    it('a deleted endpoint is no longer listed and receives nothing more', async () => {
      const hook = await register(ngo, '/deleted', ['credential.issued']);
      const deleted = await request('DELETE', `${webhooksOf('ngo')}/${hook.id}`, undefined, {
        key: ngo.apiKey,
      });
      expect(deleted.status).toBe(204);
      const listed = await request('GET', webhooksOf('ngo'), undefined, { key: ngo.apiKey });
      expect((listed.body.webhooks as AnyJson[]).map((w) => w.id)).not.toContain(hook.id);
      const again = await request('DELETE', `${webhooksOf('ngo')}/${hook.id}`, undefined, {
        key: ngo.apiKey,
      });
      expect(again.status).toBe(404);
      // Another endpoint on the same event shows the award was told; the deleted one heard nothing.
      const before = receivedAt('/issued').length;
      await award(app.baseUrl, ngo);
      await awaitReceived('/issued', before + 1);
      expect(receivedAt('/deleted')).toEqual([]);
    });

    it('a batch tells each row it issued, then batch.completed with its counts', async () => {
      const ngoLadder = { slug: 'bridge-ngo', id: '', apiKey: ADMIN_KEY };
      await register(ngoLadder, '/batch', ['credential.issued', 'batch.completed']);
      const csv = csvOf(
        [
          { recipient: 'row1.batch@example.org', achievement: 'digital-basics' },
          { recipient: 'row2.batch@example.org', achievement: 'no-such-module' },
          { recipient: 'row3.batch@example.org', achievement: 'digital-basics' },
        ],
        ['recipient', 'achievement'],
      );
      const accepted = await postBatchCsv(app.baseUrl, 'bridge-ngo', csv);
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
      const batchId = String(accepted.body.id);
      const got = await until('two awards and batch.completed at /batch', () => {
        const heard = receivedAt('/batch');
        // Deliveries go out side by side, so the completion may arrive before a row's award.
        const types = heard.map((r) => r.payload?.type);
        return types.includes('batch.completed') &&
          types.filter((type) => type === 'credential.issued').length === 2
          ? heard
          : undefined;
      });
      const completed = got.find((r) => r.payload?.type === 'batch.completed');
      expect(completed?.payload?.data).toEqual({
        batch: batchId,
        issuer: 'bridge-ngo',
        total: 3,
        issued: 2,
        failed: 1,
      });
      const issued = got.filter((r) => r.payload?.type === 'credential.issued');
      expect(issued.map((r) => r.payload?.data.achievement)).toEqual([
        'digital-basics',
        'digital-basics',
      ]);
      expect(issued.every((r) => r.payload?.data.batch === batchId)).toBe(true);
      expect(got.every((r) => r.verifyError === undefined && !r.body.includes('@'))).toBe(true);
    });

    it('every request the receiver got verified, and no delivery id was delivered twice', async () => {
      expect(receiver.received.length).toBeGreaterThan(0);
      expect(receiver.received.filter((r) => r.verifyError !== undefined)).toEqual([]);
      // Only /flaky was answered with a failure, so every other delivery id arrived exactly once.
      const ids = receiver.received.filter((r) => r.path !== '/flaky').map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      const counts: Record<string, number> = {};
      for (const r of receiver.received) {
        const type = r.payload?.type ?? 'unverified';
        counts[type] = (counts[type] ?? 0) + 1;
      }
      console.log(`webhook receiver on ${store} saw:`, JSON.stringify(counts));
    });
  });
}

describe('webhook retries end', () => {
  let now = Date.parse('2026-12-01T09:00:00Z');
  let app: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver(() => now);
    app = await startTestApp({
      clock: () => new Date(now),
      // Attempts at 0 and 30 min; the third would be due at 90 min, past the one-hour window.
      env: { WEBHOOK_RETRY_HOURS: '1', WEBHOOK_RETRY_BASE_SECONDS: '1800' },
      urlPolicy: { allowLoopbackOrigins: [receiver.origin], ca: receiver.ca },
    });
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('gives a delivery up as failed once its next attempt would fall after WEBHOOK_RETRY_HOURS', async () => {
    const ngo = await createIssuer(app.baseUrl, 'ngo');
    receiver.answer('/down', [503, 503, 503]);
    const made = await request(
      'POST',
      `${app.baseUrl}/issuers/ngo/webhooks`,
      { url: `${receiver.origin}/down`, events: ['credential.issued'] },
      { key: ngo.apiKey },
    );
    expect(made.status).toBe(201);
    receiver.expect('/down', String(made.body.secret));
    const queuedAt = now;
    await award(app.baseUrl, ngo);
    const deliveryWhen = (done: (delivery: AnyJson) => boolean) =>
      until('the delivery', async () => {
        const listed = await request(
          'GET',
          `${app.baseUrl}/issuers/ngo/webhooks/${made.body.id}/deliveries`,
          undefined,
          { key: ngo.apiKey },
        );
        const [delivery] = listed.body.deliveries as AnyJson[];
        return delivery && done(delivery) ? delivery : undefined;
      });
    await deliveryWhen((d) => d.nextAttemptAt === new Date(queuedAt + 1_800_000).toISOString());
    now += 1_800_000;
    app.services.background.kick('webhook-deliveries');
    const failed = await deliveryWhen((d) => d.state === 'failed');
    expect(failed.attempts.map((a: AnyJson) => a.status)).toEqual([503, 503]);
    expect(failed.nextAttemptAt).toBeUndefined();
    // Even much later, nothing more is sent.
    now += 86_400_000;
    app.services.background.kick('webhook-deliveries');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((r) => r.path === '/down')).toHaveLength(2);
  });
});

describe.skipIf(mongo.uri === undefined)('two instances on one MongoDB', () => {
  let first: TestApp;
  let second: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    const urlPolicy = { allowLoopbackOrigins: [receiver.origin], ca: receiver.ca };
    first = await startTestApp({ store: 'mongo', urlPolicy });
    second = await startTestApp({ store: 'mongo', mongoDatabase: first.mongoDatabase, urlPolicy });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.close();
    await receiver?.close();
  });

  it('send each delivery once: both senders race for every attempt, one claims it', async () => {
    const ngo = await createIssuer(first.baseUrl, 'ngo');
    const made = await request(
      'POST',
      `${first.baseUrl}/issuers/ngo/webhooks`,
      { url: `${receiver.origin}/shared`, events: ['credential.issued'] },
      { key: ngo.apiKey },
    );
    expect(made.status).toBe(201);
    receiver.expect('/shared', String(made.body.secret));
    // Both instances award, so both queue and both senders are kicked while the other works.
    const awards = 12;
    for (let n = 0; n < awards; n += 1) {
      const app = n % 2 === 0 ? first : second;
      expect((await award(app.baseUrl, ngo)).status).toBe(201);
    }
    const got = await until(`${awards} deliveries`, () =>
      receiver.received.length >= awards ? receiver.received : undefined,
    );
    // Both senders have had rounds since; still one request per delivery.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(got).toHaveLength(awards);
    expect(new Set(got.map((r) => r.id)).size).toBe(awards);
    expect(got.every((r) => r.verifyError === undefined)).toBe(true);
  });
});
