// The console's Home over plain HTTP, as staff read it: this week's numbers are the ones made
// through the API in the test (and the API's own for the same seven days), with a link to the
// Metrics page for them; under Needs attention, the learner e-mail the SMTP server refused, with
// its credential, and (for the owner only) the webhook endpoint whose deliveries failed. On a
// fresh service one sentence says nothing needs attention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule, changeStatus } from './helpers/catalogAwards.js';
import { staffMember, textOf, type ConsoleClient } from './helpers/consoleClient.js';
import { request, type AnyJson } from './helpers/http.js';
import { eventually, startSmtpReceiver, type SmtpReceiver } from './helpers/smtpReceiver.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhookReceiver.js';

const NGO = 'bridge-ngo';
const DAY = '2026-03-10';
// The seven UTC days up to the clock's today, today included.
const WEEK = { from: '2026-03-04', to: DAY };
const PERIOD = `from=${WEEK.from}&to=${WEEK.to}`;
const WEEK_COUNTS = [
  'issued',
  'emailsDelivered',
  'pageViews',
  'verifications',
  'claimedIntoWallets',
  'revoked',
] as const;
const uuidOf = (id: string): string => id.replace('urn:uuid:', '');

/** The tiles as the page shows them, by count name. */
function shownCounts(page: string): Record<string, number> {
  return Object.fromEntries(
    [...page.matchAll(/data-count="(\w+)">([^<]*)</g)].map(([, name, value]) => [
      name,
      Number((value ?? '').replace(/[^\d]/g, '')),
    ]),
  );
}

/** The markup inside the card headed by the h2 with this id. */
function card(page: string, id: string): string {
  const at = page.indexOf(`aria-labelledby="${id}"`);
  expect(at, `the page has a card headed #${id}`).toBeGreaterThan(-1);
  return page.slice(page.indexOf('>', at) + 1, page.indexOf('</section>', at));
}

const cardText = (page: string, id: string): string => textOf(card(page, id));

/** Where the link reading `text` goes (its href as the browser reads it). */
function hrefOf(page: string, text: string): string | undefined {
  for (const [, attributes = '', inner = ''] of page.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/g)) {
    if (textOf(inner) !== text) continue;
    return /href="([^"]*)"/.exec(attributes)?.[1]?.replace(/&amp;/g, '&');
  }
  return undefined;
}

async function api(path: string): Promise<AnyJson> {
  const response = await request('GET', `${path}`, undefined, { key: ADMIN_KEY });
  expect(response.status, path).toBe(200);
  return response.body;
}

describe('console Home: this week and what needs attention', () => {
  // A clock that moves on (10 ms a reading) through the last day of the week.
  let now = Date.parse(`${DAY}T09:00:00Z`);
  let app: TestApp;
  let smtp: SmtpReceiver;
  let hooks: WebhookReceiver;
  let owner: ConsoleClient;
  let issuer: ConsoleClient;
  let viewer: ConsoleClient;
  let refused: AnyJson;
  let webhookId: string;
  const outbox = async () =>
    (await api(`${app.baseUrl}/issuers/${NGO}/email/outbox`)).messages as AnyJson[];
  const messageOf = async (credential: string) =>
    (await outbox()).find((message) => message.credential === credential);
  const deliveries = async () =>
    (await api(`${app.baseUrl}/issuers/${NGO}/webhooks/${webhookId}/deliveries`))
      .deliveries as AnyJson[];

  beforeAll(async () => {
    // The SMTP server refuses the first message; one attempt is all a message gets, so that one
    // is given up as failed at once and every later one is delivered.
    smtp = await startSmtpReceiver({ refuseFirst: 1 });
    hooks = await startWebhookReceiver(() => now);
    app = await startTestApp({
      clock: () => new Date((now += 10)),
      env: {
        SMTP_URL: smtp.url,
        EMAIL_MAX_ATTEMPTS: '1',
        EMAIL_REMINDER_DAYS: '0',
        // The second attempt would be due an hour after the first, past the one-hour window: a
        // delivery the receiver refuses fails after one attempt.
        WEBHOOK_RETRY_HOURS: '1',
        WEBHOOK_RETRY_BASE_SECONDS: '3600',
      },
      urlPolicy: { allowLoopbackOrigins: [hooks.origin], ca: hooks.ca },
    });
    hooks.answer(
      '/down',
      Array.from({ length: 20 }, () => 503),
    );
    const made = await request(
      'POST',
      `${app.baseUrl}/issuers/${NGO}/webhooks`,
      { url: `${hooks.origin}/down`, events: ['credential.issued'], description: 'CRM' },
      { key: ADMIN_KEY },
    );
    expect(made.status).toBe(201);
    webhookId = String(made.body.id);

    // Ann's e-mail is the one refused; Bo's is delivered, then his credential is revoked.
    const ann = (await awardModule(app.baseUrl, 'digital-basics', 'ann@example.org')).body;
    refused = await eventually(
      async () => (await messageOf(ann.credential.id)) ?? {},
      (message) => message.state === 'failed',
    );
    expect(refused).toMatchObject({ state: 'failed', attempts: 1 });
    const bo = (await awardModule(app.baseUrl, 'digital-basics', 'bo@example.org')).body;
    expect(
      await eventually(
        async () => (await messageOf(bo.credential.id))?.state,
        (state) => state === 'sent',
      ),
    ).toBe('sent');
    expect((await changeStatus(app.baseUrl, bo.credential.id, 'revoke', 'error')).status).toBe(200);
    // An employer opens Ann's page twice and checks her credential once.
    for (let i = 0; i < 2; i += 1) {
      const page = await fetch(`${app.baseUrl}/c/${uuidOf(ann.credential.id)}`, {
        headers: { accept: 'text/html' },
      });
      expect(page.status).toBe(200);
    }
    const checked = await request('POST', `${app.baseUrl}/credentials/verify`, {
      verifiableCredential: ann.credential,
    });
    expect(checked.status).toBe(200);
    // Both awards' deliveries were refused and given up.
    const settled = await eventually(
      deliveries,
      (listed) => listed.length === 2 && listed.every((delivery) => delivery.state === 'failed'),
    );
    expect(settled.map((delivery) => delivery.state)).toEqual(['failed', 'failed']);

    owner = await staffMember(app.baseUrl, NGO, 'olu@bridge.example', 'owner');
    issuer = await staffMember(app.baseUrl, NGO, 'isa@bridge.example', 'issuer');
    viewer = await staffMember(app.baseUrl, NGO, 'vera@bridge.example', 'viewer');
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await hooks?.close();
  });

  it("shows every role this week's numbers, the API's for the same days, and a link to them", async () => {
    const metrics = await api(`${app.baseUrl}/issuers/${NGO}/metrics?${PERIOD}`);
    const apiWeek = Object.fromEntries(WEEK_COUNTS.map((name) => [name, metrics.totals[name]]));
    // As made above: two issued, Bo's e-mail delivered, Ann's page opened twice and checked
    // once, Bo's revoked.
    expect(apiWeek).toEqual({
      issued: 2,
      emailsDelivered: 1,
      pageViews: 2,
      verifications: 1,
      claimedIntoWallets: 0,
      revoked: 1,
    });
    for (const client of [owner, issuer, viewer]) {
      const home = await client.get('/console');
      expect(home.status).toBe(200);
      expect(shownCounts(home.text)).toEqual(apiWeek);
      const week = cardText(home.text, 'week');
      expect(week).toContain(
        'This week The seven days from 2026-03-04 to 2026-03-10 (UTC), today included.',
      );
      expect(week).toContain(
        'Issued 2 E-mails delivered 1 Pages opened 2 Verified by others 1 Claimed into wallets 0 Revoked 1',
      );
      expect(week).toContain('See all metrics');
      expect(hrefOf(card(home.text, 'week'), 'See all metrics')).toBe(
        `/console/metrics?${PERIOD}&lang=en`,
      );
    }
    // The link opens the Metrics page on the same seven days, with the same numbers.
    const linked = await viewer.get(`/console/metrics?${PERIOD}&lang=en`);
    expect(linked.status).toBe(200);
    expect(textOf(linked.text)).toContain(`${WEEK.from} to ${WEEK.to}`);
    expect(shownCounts(linked.text)).toEqual(metrics.totals);
  });

  it('lists the learner e-mail that failed with its credential, attempts and last error', async () => {
    const uuid = uuidOf(String(refused.credential));
    for (const client of [owner, issuer, viewer]) {
      const home = (await client.get('/console')).text;
      const attention = cardText(home, 'attention');
      expect(attention).toContain('Needs attention Learner e-mails that failed');
      expect(attention).toContain(
        'E-mails to learners that could not be delivered this week, however often they were tried: 1.',
      );
      expect(attention).toContain(`Digital basics — attempts: 1 Last error: ${refused.lastError}`);
      expect(String(refused.lastError)).toMatch(/451/);
      expect(hrefOf(card(home, 'attention'), 'Digital basics')).toBe(
        `/console/credentials/${uuid}?lang=en`,
      );
      expect(attention).not.toContain('ann@example.org');
      expect(attention).not.toContain('Nothing needs attention');
    }
    // The link opens the credential's page in the console.
    const detail = await issuer.get(`/console/credentials/${uuid}?lang=en`);
    expect(detail.status).toBe(200);
    expect(textOf(detail.text)).toContain('Digital basics');
  });

  it("shows the failing webhook on the owner's Home only", async () => {
    const failed = (await deliveries()).filter((delivery) => delivery.state === 'failed').length;
    expect(failed).toBe(2);
    const url = `${hooks.origin}/down`;
    const ownersHome = (await owner.get('/console')).text;
    const attention = cardText(ownersHome, 'attention');
    expect(attention).toContain(
      `Webhooks that failed ${url} — failed deliveries among the latest: ${failed}`,
    );
    expect(hrefOf(card(ownersHome, 'attention'), url)).toBe(
      `/console/settings/webhooks/${webhookId}?lang=en`,
    );
    for (const client of [issuer, viewer]) {
      const home = (await client.get('/console')).text;
      expect(textOf(home)).not.toContain('Webhooks that failed');
      expect(home).not.toContain(url);
      expect(home).not.toContain('/console/settings/webhooks/');
      // The e-mail is theirs to see all the same.
      expect(cardText(home, 'attention')).toContain('Learner e-mails that failed');
    }
  });

  it('speaks Japanese and Traditional Chinese', async () => {
    const ja = textOf((await owner.get('/console?lang=ja')).text);
    expect(ja).toContain('今週');
    expect(ja).toContain('2026-03-04 から 2026-03-10 までの 7 日間');
    expect(ja).toContain('送信に失敗した学習者へのメール');
    expect(ja).toContain('配信に失敗した Webhook');
    expect(ja).toContain('すべての指標を見る');
    const zh = textOf((await owner.get('/console?lang=zh-TW')).text);
    expect(zh).toContain('本週');
    expect(zh).toContain('寄送失敗的學習者電子郵件');
    expect(zh).toContain('傳送失敗的 Webhook');
    expect(zh).toContain('查看所有指標');
  });
});

describe('console Home on a fresh service', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('says nothing needs attention, and this week is all zeros', async () => {
    const owner = await staffMember(app.baseUrl, NGO, 'olu@bridge.example', 'owner');
    const home = (await owner.get('/console')).text;
    expect(cardText(home, 'attention')).toBe(
      'Needs attention Nothing needs attention: no e-mail or webhook failed this week.',
    );
    expect(Object.values(shownCounts(home))).toEqual(WEEK_COUNTS.map(() => 0));
    // Webhooks are not an issuer's to see, so its sentence speaks of e-mail only.
    const issuer = await staffMember(app.baseUrl, NGO, 'isa@bridge.example', 'issuer');
    expect(cardText((await issuer.get('/console')).text, 'attention')).toBe(
      'Needs attention Nothing needs attention: no e-mail failed this week.',
    );
    const ja = (await owner.get('/console?lang=ja')).text;
    expect(cardText(ja, 'attention')).toContain('対応が必要なことはありません');
  });
});
