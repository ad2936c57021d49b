// Settings → API keys and → Webhooks over plain HTTP, as an owner with a browser without
// JavaScript: a key made on the page works against the API with only its scopes and is shown
// once; revoked, it is refused. A webhook added on the page gets signed deliveries, its log shows
// each attempt, a failing endpoint says so, and deleting it stops deliveries. Bad forms are said
// at the field and store nothing; an issuer-role member reaches none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule } from './helpers/catalogAwards.js';
import type { ConsoleClient } from './helpers/consoleClient.js';
import { staffMember, textOf } from './helpers/consoleClient.js';
import { request, type AnyJson } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhookReceiver.js';

const NGO = 'bridge-ngo';
/** The app's clock: today is 2026-12-01 (UTC). */
let now = Date.parse('2026-12-01T09:00:00Z');
let app: TestApp;
let receiver: WebhookReceiver;
let owner: ConsoleClient;

beforeAll(async () => {
  receiver = await startWebhookReceiver(() => now);
  app = await startTestApp({
    clock: () => new Date(now),
    // Attempts at 0 and 30 min; a third would fall past the one-hour window: given up.
    env: { WEBHOOK_RETRY_HOURS: '1', WEBHOOK_RETRY_BASE_SECONDS: '1800' },
    urlPolicy: { allowLoopbackOrigins: [receiver.origin], ca: receiver.ca },
  });
  owner = await staffMember(app.baseUrl, NGO, 'olu@bridge.example', 'owner');
});
afterAll(async () => {
  await app?.close();
  await receiver?.close();
});

/** The value of the read-only field a key or secret is shown in, once. */
const shownOnce = (page: string, id: string): string =>
  new RegExp(`id="${id}"[^>]*value="([^"]+)"`).exec(page)?.[1] ?? '';

const scopedKeys = async () =>
  (await request('GET', `${app.baseUrl}/issuers/${NGO}/scoped-keys`, undefined, { key: ADMIN_KEY }))
    .body.keys as AnyJson[];

const webhooks = async () =>
  (await request('GET', `${app.baseUrl}/issuers/${NGO}/webhooks`, undefined, { key: ADMIN_KEY }))
    .body.webhooks as AnyJson[];

/** Polls a console page until its text says `expected`. */
async function pageSays(client: ConsoleClient, path: string, expected: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = textOf((await client.get(path)).text);
    if (text.includes(expected)) return text;
    if (Date.now() > deadline) throw new Error(`${path} never said "${expected}": ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('console Settings → API keys', () => {
  it('makes a key with only its scopes, shows it once, and revokes it', async () => {
    expect(textOf((await owner.get('/console/settings/keys')).text)).toContain('No keys yet.');
    const made = await owner.post('/console/settings/keys', [
      ['csrf', await csrf('/console/settings/keys')],
      ['name', 'Moodle awards'],
      ['scopes', 'awards:write'],
      ['expires', '2026-12-31'],
    ]);
    expect(made.status).toBe(200);
    expect(textOf(made.text)).toContain('Key made: Moodle awards');
    expect(textOf(made.text)).toContain('it is not shown again');
    const apiKey = shownOnce(made.text, 'made-key');
    expect(apiKey.length).toBeGreaterThan(20);

    // The key awards, and does only that.
    const awarded = await request(
      'POST',
      `${app.baseUrl}/issuers/${NGO}/awards`,
      { achievement: 'digital-basics', recipient: { email: 'kim@example.org' } },
      { key: apiKey },
    );
    expect(awarded.status).toBe(201);
    const progress = await request(
      'GET',
      `${app.baseUrl}/learners/progress?email=kim%40example.org`,
      undefined,
      { key: apiKey },
    );
    expect(progress.status).toBe(403);

    const listed = await owner.get('/console/settings/keys');
    expect(listed.text).not.toContain(apiKey);
    const text = textOf(listed.text);
    expect(text).toContain(`Moodle awards awards:write …${apiKey.slice(-4)} December 31, 2026`);
    expect(text).toContain('Active');

    const [stored] = await scopedKeys();
    expect(stored).toMatchObject({
      name: 'Moodle awards',
      scopes: ['awards:write'],
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    const revoked = await owner.submit(
      '/console/settings/keys',
      `/console/settings/keys/${stored?.id}/revoke`,
      {},
    );
    expect(revoked.status).toBe(303);
    const after = textOf((await owner.get(revoked.location ?? '')).text);
    expect(after).toContain('The key was revoked: it is refused from now on.');
    expect(after).toContain('Revoked');
    const refused = await request(
      'POST',
      `${app.baseUrl}/issuers/${NGO}/awards`,
      { achievement: 'digital-basics', recipient: { email: 'lee@example.org' } },
      { key: apiKey },
    );
    expect(refused.status).toBe(401);
  });

  it('says at each field what was wrong and makes nothing', async () => {
    const before = (await scopedKeys()).length;
    const refused = await owner.post('/console/settings/keys', {
      csrf: await csrf('/console/settings/keys'),
      name: '  ',
      expires: '2026-12-01',
    });
    expect(refused.status).toBe(422);
    const text = textOf(refused.text);
    expect(text).toContain('starting with a letter or digit');
    expect(text).toContain('Choose at least one scope.');
    expect(text).toContain('Choose a day after today.');
    expect(await scopedKeys()).toHaveLength(before);

    const taken = await owner.post('/console/settings/keys', {
      csrf: await csrf('/console/settings/keys'),
      name: 'Moodle awards',
      scopes: 'learners:read',
    });
    expect(taken.status).toBe(422);
    expect(textOf(taken.text)).toContain('This issuer already has a key named "Moodle awards".');
    // What was typed stays in the form.
    expect(taken.text).toContain('value="Moodle awards"');
    expect(taken.text).toMatch(/value="learners:read"\s+checked/);
    expect(await scopedKeys()).toHaveLength(before);
  });

  it('speaks Japanese on the page in Japanese', async () => {
    const page = textOf((await owner.get('/console/settings/keys?lang=ja')).text);
    expect(page).toContain('キーを作成');
    expect(page).toContain('パートナー指標の閲覧 (metrics:read)');
  });
});

describe('console Settings → Webhooks', () => {
  it('adds an endpoint that gets signed deliveries, shows the log, and deletes it', async () => {
    const made = await owner.post('/console/settings/webhooks', [
      ['csrf', await csrf('/console/settings/webhooks')],
      ['url', `${receiver.origin}/crm`],
      ['events', 'credential.issued'],
      ['description', 'Our CRM'],
    ]);
    expect(made.status).toBe(200);
    expect(textOf(made.text)).toContain('Copy the signing secret now: it is not shown again.');
    const secret = shownOnce(made.text, 'made-secret');
    expect(secret).toMatch(/^whsec_/);
    receiver.expect('/crm', secret);

    await awardModule(app.baseUrl, 'digital-basics', 'ana@example.org');
    const [hook] = await webhooks();
    const logPath = `/console/settings/webhooks/${hook?.id}`;
    const log = await pageSays(owner, logPath, 'Delivered');
    expect(log).toContain(`Deliveries to ${receiver.origin}/crm`);
    expect(log).toContain('credential.issued Delivered');
    expect(log).toContain('HTTP 204');
    const delivered = receiver.received.filter((r) => r.path === '/crm');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.payload?.type).toBe('credential.issued');

    const list = await owner.get('/console/settings/webhooks');
    expect(list.text).not.toContain(secret);
    expect(textOf(list.text)).toContain(`${receiver.origin}/crm credential.issued Our CRM`);

    const deleted = await owner.submit(
      '/console/settings/webhooks',
      `/console/settings/webhooks/${hook?.id}/delete`,
      {},
    );
    expect(deleted.status).toBe(303);
    expect(textOf((await owner.get(deleted.location ?? '')).text)).toContain(
      'The webhook was deleted: it receives nothing more.',
    );
    expect(await webhooks()).toHaveLength(0);
    expect((await owner.get(logPath)).status).toBe(404);
    await awardModule(app.baseUrl, 'digital-basics', 'ben@example.org');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((r) => r.path === '/crm')).toHaveLength(1);
  });

  it('shows a failing endpoint as failing, with each attempt’s HTTP status', async () => {
    receiver.answer('/down', [503, 503, 503]);
    const made = await owner.post('/console/settings/webhooks', [
      ['csrf', await csrf('/console/settings/webhooks')],
      ['url', `${receiver.origin}/down`],
      ['events', 'credential.issued'],
    ]);
    receiver.expect('/down', shownOnce(made.text, 'made-secret'));
    const [hook] = await webhooks();
    await awardModule(app.baseUrl, 'digital-basics', 'cai@example.org');
    await pageSays(owner, `/console/settings/webhooks/${hook?.id}`, 'Next attempt');
    now += 1_800_000;
    app.services.background.kick('webhook-deliveries');
    const log = await pageSays(owner, `/console/settings/webhooks/${hook?.id}`, 'Failed');
    expect(log.match(/HTTP 503/g)).toHaveLength(2);
    expect(textOf((await owner.get('/console/settings/webhooks')).text)).toContain(
      '1 of the latest 1 failed',
    );
  });

  it('refuses an address the URL policy refuses, at the URL field, storing nothing', async () => {
    const before = (await webhooks()).length;
    const refused = await owner.post('/console/settings/webhooks', {
      csrf: await csrf('/console/settings/webhooks'),
      url: 'https://10.0.0.7/hook',
    });
    expect(refused.status).toBe(422);
    expect(textOf(refused.text)).toContain('Choose at least one event.');
    const noEvents = await owner.post('/console/settings/webhooks', [
      ['csrf', await csrf('/console/settings/webhooks')],
      ['url', 'https://10.0.0.7/hook'],
      ['events', 'tier.awarded'],
    ]);
    expect(noEvents.status).toBe(422);
    expect(textOf(noEvents.text)).toContain(
      'This address cannot receive webhooks: the host is a private or reserved address',
    );
    expect(await webhooks()).toHaveLength(before);
  });
});

describe('console Settings → keys and webhooks, for others', () => {
  it('gives an issuer-role member the 403 page and refuses a form without CSRF', async () => {
    const issuer = await staffMember(app.baseUrl, NGO, 'ida@bridge.example', 'issuer');
    for (const path of ['/console/settings/keys', '/console/settings/webhooks']) {
      expect((await issuer.get(path)).status).toBe(403);
    }
    const noToken = await owner.post('/console/settings/keys', {
      name: 'sneaky',
      scopes: 'awards:write',
    });
    expect(noToken.status).toBe(403);
    expect((await scopedKeys()).map((key) => key.name)).not.toContain('sneaky');
  });
});

async function csrf(path: string): Promise<string> {
  const page = await owner.get(path);
  return /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
}
