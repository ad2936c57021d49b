// Learner e-mail through the real app to a real SMTP server on loopback: each credential issued
// to an address reaches it once, in the award's language, with the page link and a QR code that
// decodes to it; issuers can turn it off; failures are retried; reminders go once before expiry.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { awardModule, changeStatus } from './helpers/catalogAwards.js';
import { request, type AnyJson } from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import {
  decodeInlineQr,
  eventually,
  SMTP_PASSWORD,
  startSmtpReceiver,
  type SmtpReceiver,
} from './helpers/smtpReceiver.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const STORES = ['sqlite', 'mongo'] as const;
const mongo = mongoTarget();
const FROM = 'Bridge badges <badges@example.org>';
const DAY_MS = 86_400_000;
const JOB = 'learner-mail';

const uuidOf = (response: { body: AnyJson }): string =>
  String(response.body.credential.id).replace('urn:uuid:', '');

let addressCount = 0;
const newAddress = () => `learner-${++addressCount}-${Date.now()}@example.org`;

async function outboxOf(app: TestApp, slug: string): Promise<AnyJson[]> {
  const response = await request('GET', `${app.baseUrl}/issuers/${slug}/email/outbox`, undefined, {
    key: ADMIN_KEY,
  });
  expect(response.status).toBe(200);
  return response.body.messages as AnyJson[];
}

/** Waits for `count` messages at the address, then lets any further ones arrive too. */
async function mailTo(receiver: SmtpReceiver, address: string, count: number) {
  return eventually(
    () => receiver.to(address),
    (messages) => messages.length >= count,
  );
}

for (const store of STORES) {
  describe.skipIf(store === 'mongo' && mongo.uri === undefined)(
    `learner e-mail over SMTP on the ${store} store`,
    () => {
      let receiver: SmtpReceiver;
      let app: TestApp;
      let now = Date.parse('2026-12-02T09:00:00Z');

      /** An award to a fresh address, and the address the e-mail should reach. */
      async function awardTo(achievement: string, extra: Record<string, unknown> = {}) {
        const address = newAddress();
        const response = await awardModule(app.baseUrl, achievement, address, extra);
        expect(response.status).toBe(201);
        return { address, response };
      }

      /** A message sent after everything due before it: once it arrives, they have gone too. */
      async function fence(): Promise<void> {
        const { address } = await awardTo('digital-basics');
        await mailTo(receiver, address, 1);
        expect(receiver.to(address)).toHaveLength(1);
      }

      beforeAll(async () => {
        receiver = await startSmtpReceiver();
        app = await startTestApp({
          store,
          clock: () => new Date(now),
          env: { SMTP_URL: receiver.url, EMAIL_FROM: FROM },
        });
      });
      afterAll(async () => {
        await app.close();
        await receiver.close();
      });

      it('sends one message in the award language, naming achievement, issuer and link, with a QR code of the page', async () => {
        const { address, response } = await awardTo('digital-basics', { lang: 'ja' });
        const url = String(response.body.url);
        const [message, ...more] = await mailTo(receiver, address, 1);
        expect(more).toEqual([]);
        expect(message?.from?.value).toEqual([
          { name: 'Bridge badges', address: 'badges@example.org' },
        ]);
        expect(message?.subject).toBe('認定証が発行されました: デジタル基礎');
        expect(message?.text).toContain(
          'Bridge Digital Skills (example NGO) から認定証「デジタル基礎」',
        );
        expect(message?.text).toContain(url);
        expect(message?.html).toContain(`href="${url}"`);
        expect(decodeInlineQr(message as ParsedMail)).toBe(url);

        const [entry] = (await outboxOf(app, 'bridge-ngo')).filter(
          (each) =>
            each.credential === `urn:uuid:${uuidOf(response)}` && each.kind === 'credential-issued',
        );
        expect(entry).toMatchObject({ state: 'sent', attempts: 1, language: 'ja' });
        expect(JSON.stringify(await outboxOf(app, 'bridge-ngo'))).not.toContain(address);
        const states = await app.services.learnerMail.statesFor([`urn:uuid:${uuidOf(response)}`]);
        expect(states.get(`urn:uuid:${uuidOf(response)}`)).toEqual({ state: 'sent', attempts: 1 });
      });

      it('sends one message per credential of a stacking award: the module and the DX Passport tier', async () => {
        const { address, response } = await awardTo('it-passport');
        const tier = (response.body.stacked as AnyJson[]).find(
          (each) => each.achievement === 'dx-passport-1',
        );
        expect(tier).toBeDefined();
        const messages = await mailTo(receiver, address, 2);
        await fence();
        expect(receiver.to(address)).toHaveLength(2);
        expect(messages.map((message) => decodeInlineQr(message)).sort()).toEqual(
          [String(response.body.url), String(tier?.url)].sort(),
        );
        expect(messages.map((message) => message.subject).sort()).toEqual(
          ['Your credential: DX Passport 1', 'Your credential: IT Passport'].sort(),
        );
      });

      it('sends nothing for an issuer that turned e-mail off, and again once it is back on', async () => {
        const put = (body: unknown, slug = 'bridge-ngo') =>
          request('PUT', `${app.baseUrl}/issuers/${slug}/email`, body, { key: ADMIN_KEY });
        expect((await put({ enabled: false })).body).toEqual({
          slug: 'bridge-ngo',
          enabled: false,
        });
        const got = await request('GET', `${app.baseUrl}/issuers/bridge-ngo/email`, undefined, {
          key: ADMIN_KEY,
        });
        expect(got.body).toEqual({ slug: 'bridge-ngo', enabled: false });

        const off = await awardTo('digital-basics');
        // The fence is another issuer's (ipa's) message, sent after anything queued before it.
        const { address: ipaAddress } = await awardTo('g-kentei');
        await mailTo(receiver, ipaAddress, 2);
        expect(receiver.to(off.address)).toEqual([]);
        expect(
          (await outboxOf(app, 'bridge-ngo')).some(
            (each) => each.credential === `urn:uuid:${uuidOf(off.response)}`,
          ),
        ).toBe(false);

        expect((await put({ enabled: true })).status).toBe(200);
        const on = await awardTo('digital-basics');
        expect(await mailTo(receiver, on.address, 1)).toHaveLength(1);
      });

      it('refuses a bad setting with a problem naming the field, and an unknown issuer with 404', async () => {
        const bad = await request(
          'PUT',
          `${app.baseUrl}/issuers/bridge-ngo/email`,
          { enabled: 'no' },
          { key: ADMIN_KEY },
        );
        expect(bad.status).toBe(422);
        expect(bad.contentType).toMatch(/application\/problem\+json/);
        expect(JSON.stringify(bad.body)).toContain('enabled');
        const unknown = await request(
          'PUT',
          `${app.baseUrl}/issuers/nobody/email`,
          { enabled: false },
          { key: ADMIN_KEY },
        );
        expect(unknown.status).toBe(404);
        const setting = await request('GET', `${app.baseUrl}/issuers/bridge-ngo/email`, undefined, {
          key: ADMIN_KEY,
        });
        expect(setting.body.enabled).toBe(true);
      });

      it('queues nothing new when the same award event is told again', async () => {
        const { address, response } = await awardTo('digital-basics', { lang: 'zh-TW' });
        await mailTo(receiver, address, 1);
        const record = await app.store.findCredential(uuidOf(response));
        expect(record).toBeDefined();
        if (!record) return;
        await app.services.events.publish({
          type: 'credential.issued',
          id: `credential.issued:${record.id}`,
          issuerSlug: 'bridge-ngo',
          record,
          url: String(response.body.url),
          recipient: { email: address },
          language: 'zh-TW',
        });
        await fence();
        expect(receiver.to(address)).toHaveLength(1);
        expect(receiver.to(address)[0]?.subject).toBe('您已獲得證書：數位基礎');
        const about = (await outboxOf(app, 'bridge-ngo')).filter(
          (each) => each.credential === `urn:uuid:${record.id}`,
        );
        expect(about.map((each) => each.kind).sort()).toEqual([
          'credential-issued',
          'expiry-reminder',
        ]);
      });

      it('sends the expiry reminder once when the clock reaches 30 days before validUntil, and none for a revoked credential', async () => {
        const kept = await awardTo('digital-basics', { lang: 'ja' });
        const revoked = await awardTo('digital-basics');
        await mailTo(receiver, kept.address, 1);
        await mailTo(receiver, revoked.address, 1);
        expect(
          (await changeStatus(app.baseUrl, String(revoked.response.body.credential.id), 'revoke'))
            .status,
        ).toBe(200);
        const validUntil = Date.parse(String(kept.response.body.credential.validUntil));

        now = validUntil - 30 * DAY_MS - 60_000;
        app.services.background.kick(JOB);
        await fence();
        expect(receiver.to(kept.address)).toHaveLength(1);

        now = validUntil - 30 * DAY_MS + 60_000;
        app.services.background.kick(JOB);
        const [, reminder] = await mailTo(receiver, kept.address, 2);
        expect(reminder?.subject).toMatch(/^認定証の有効期限は .+ です: デジタル基礎$/);
        expect(reminder?.text).toContain(String(kept.response.body.url));

        now += DAY_MS;
        app.services.background.kick(JOB);
        await fence();
        expect(receiver.to(kept.address)).toHaveLength(2);
        expect(receiver.to(revoked.address)).toHaveLength(1);
        const skipped = (await outboxOf(app, 'bridge-ngo')).find(
          (each) =>
            each.credential === revoked.response.body.credential.id &&
            each.kind === 'expiry-reminder',
        );
        expect(skipped).toMatchObject({
          state: 'skipped',
          skipReason: 'the credential is revoked',
        });
      });
    },
  );
}

describe('learner e-mail retries', () => {
  let receiver: SmtpReceiver;
  let app: TestApp;
  let now = Date.parse('2026-12-02T09:00:00Z');
  beforeAll(async () => {
    receiver = await startSmtpReceiver({ refuseFirst: 1 });
    app = await startTestApp({
      clock: () => new Date(now),
      env: { SMTP_URL: receiver.url, EMAIL_RETRY_BASE_SECONDS: '60' },
    });
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  it('tries again after the backoff when the server refuses the first attempt, and ends sent after 2 attempts', async () => {
    const address = newAddress();
    const response = await awardModule(app.baseUrl, 'digital-basics', address);
    const id = String(response.body.credential.id);
    const first = await eventually(
      () => app.services.learnerMail.statesFor([id]),
      (states) => states.get(id)?.attempts === 1,
    );
    expect(first.get(id)).toMatchObject({ state: 'queued', attempts: 1 });
    expect(first.get(id)?.lastError).toMatch(/451/);
    expect(first.get(id)?.lastError).not.toContain(address);
    expect(receiver.refused).toBe(1);

    // The first wait is EMAIL_RETRY_BASE_SECONDS (60 s); once the clock passes it, the job retries.
    now += 61_000;
    app.services.background.kick(JOB);
    const sent = await eventually(
      () => app.services.learnerMail.statesFor([id]),
      (states) => states.get(id)?.state === 'sent',
    );
    expect(sent.get(id)).toEqual({
      state: 'sent',
      attempts: 2,
      lastError: expect.stringMatching(/451/),
    });
    expect(receiver.to(address)).toHaveLength(1);
    expect(receiver.refused).toBe(1);
  });
});

describe('learner e-mail with no SMTP server configured', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { EMAIL_REMINDER_DAYS: '0' } });
  });
  afterAll(() => app.close());

  it('writes each message as an .eml file in DATA_DIR/outbox and says so', async () => {
    const outbox = path.join(app.dataDir, 'outbox');
    expect(app.services.learnerMail.destination).toBe(`files in ${outbox}`);
    const address = newAddress();
    const response = await awardModule(app.baseUrl, 'digital-basics', address, { lang: 'en' });
    const file = path.join(outbox, `credential-issued.${uuidOf(response)}.eml`);
    const raw = await eventually(
      () => readFile(file).catch(() => undefined),
      (content) => content !== undefined,
    );
    expect(raw).toBeDefined();
    const message = await simpleParser(raw as Buffer, { keepCidLinks: true });
    expect(message.to && !Array.isArray(message.to) ? message.to.text : '').toBe(address);
    expect(message.subject).toBe('Your credential: Digital basics');
    expect(decodeInlineQr(message)).toBe(String(response.body.url));
    // EMAIL_REMINDER_DAYS=0: no reminder is queued.
    const kinds = (await outboxOf(app, 'bridge-ngo')).map((each) => each.kind);
    expect(kinds).toEqual(['credential-issued']);
  });
});

describe('learner e-mail settings', () => {
  it('refuses a bad SMTP_URL or EMAIL_REMINDER_DAYS naming the variable, never echoing a password', () => {
    expect(() => loadConfig({ SMTP_URL: `http://user:${SMTP_PASSWORD}@mail` })).toThrow(
      /^SMTP_URL: must be smtp:\/\/host:port or smtps:\/\/host:port$/,
    );
    expect(() => loadConfig({ EMAIL_REMINDER_DAYS: 'soon' })).toThrow(/^EMAIL_REMINDER_DAYS: /);
    expect(() => loadConfig({ EMAIL_MAX_ATTEMPTS: '0' })).toThrow(/^EMAIL_MAX_ATTEMPTS: /);
    expect(() => loadConfig({ EMAIL_FROM: 'nobody' })).toThrow(/^EMAIL_FROM: /);
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.org' }).email.smtpUrl?.protocol).toBe(
      'smtps:',
    );
  });
});

describe('learner e-mail after a sender died mid-attempt', () => {
  let receiver: SmtpReceiver;
  let app: TestApp;
  let now = Date.parse('2026-12-02T09:00:00Z');
  beforeAll(async () => {
    receiver = await startSmtpReceiver();
    app = await startTestApp({
      clock: () => new Date(now),
      background: false,
      env: { SMTP_URL: receiver.url },
    });
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  it('counts an attempt claimed long ago and never finished as failed, and sends the next one', async () => {
    const address = newAddress();
    const response = await awardModule(app.baseUrl, 'digital-basics', address);
    const id = String(response.body.credential.id);
    // Another instance claimed the first attempt 11 minutes ago and stopped before finishing it.
    expect(
      await app.store.claimMailAttempt({
        messageId: `credential-issued:${uuidOf(response)}`,
        attemptNo: 1,
        claimedAt: new Date(now - 11 * 60_000).toISOString(),
      }),
    ).toBe(true);
    app.services.background.start();
    const given = await eventually(
      () => app.services.learnerMail.statesFor([id]),
      (states) => states.get(id)?.attempts === 1,
    );
    expect(given.get(id)).toEqual({
      state: 'queued',
      attempts: 1,
      lastError: 'the sender stopped before the attempt finished',
    });
    expect(receiver.to(address)).toEqual([]);

    now += 61_000;
    app.services.background.kick(JOB);
    const sent = await eventually(
      () => app.services.learnerMail.statesFor([id]),
      (states) => states.get(id)?.state === 'sent',
    );
    expect(sent.get(id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(receiver.to(address)).toHaveLength(1);
  });
});
