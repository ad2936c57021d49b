// Issuers' own learner e-mail texts through the real app and a real SMTP server on loopback: a
// template put over the API is what the next award's e-mail (and the reminder) says, its values
// filled in as text; bad templates are refused naming the field, keeping what was there; a reset
// brings the service's text back; only the issuer's own key or the admin's may change them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, createIssuer, request, type AnyJson, type Issuer } from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import { eventually, startSmtpReceiver, type SmtpReceiver } from './helpers/smtpReceiver.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const STORES = ['sqlite', 'mongo'] as const;
const mongo = mongoTarget();
const DAY_MS = 86_400_000;
const JOB = 'learner-mail';
/** The issuer's name holds what HTML and headers must not take as their own. */
const ISSUER_NAME = 'Code & Care <NGO>';

let addressCount = 0;
const newAddress = () => `learner-${++addressCount}-${Date.now()}@example.org`;

const ISSUED = {
  subject: 'Well done: {achievementName}',
  body: 'Dear learner,\n\n{issuerName} congratulates you on {achievementName}.\n\nYour credential: {credentialUrl}\n\nClaim it into your wallet: {claimUrl} (until {claimExpires})',
};

for (const store of STORES) {
  describe.skipIf(store === 'mongo' && mongo.uri === undefined)(
    `learner e-mail templates on the ${store} store`,
    () => {
      let receiver: SmtpReceiver;
      let app: TestApp;
      let ngo: Issuer;
      let now = Date.parse('2026-12-02T09:00:00Z');

      const templatePath = (kind: string, language: string, slug = ngo.slug) =>
        `${app.baseUrl}/issuers/${slug}/email/templates/${kind}/${language}`;
      const put = (kind: string, language: string, body: unknown, key = ngo.apiKey) =>
        request('PUT', templatePath(kind, language), body, { key });
      const get = (kind: string, language: string, key = ngo.apiKey) =>
        request('GET', templatePath(kind, language), undefined, { key });

      /** An award of an inline achievement to a fresh address, and that address. */
      async function awardTo(name: string, extra: Record<string, unknown> = {}) {
        const address = newAddress();
        const response = await award(app.baseUrl, ngo, {
          achievement: {
            name,
            description: 'Builds and checks simple web pages.',
            criteria: { narrative: 'Passed the practical exam.' },
          },
          recipient: { email: address },
          ...extra,
        });
        expect(response.status, JSON.stringify(response.body)).toBe(201);
        return { address, url: String(response.body.url), response };
      }

      const mailTo = (address: string, count = 1) =>
        eventually(
          () => receiver.to(address),
          (messages) => messages.length >= count,
        );

      beforeAll(async () => {
        receiver = await startSmtpReceiver();
        app = await startTestApp({
          store,
          clock: () => new Date(now),
          env: { SMTP_URL: receiver.url },
        });
        ngo = await createIssuer(app.baseUrl, 'code-ngo', ISSUER_NAME);
      });
      afterAll(async () => {
        await app.close();
        await receiver.close();
      });

      it('lists every kind in every language with the service text until the issuer writes one', async () => {
        const listed = await request(
          'GET',
          `${app.baseUrl}/issuers/code-ngo/email/templates`,
          undefined,
          { key: ngo.apiKey },
        );
        expect(listed.status).toBe(200);
        const templates = listed.body.templates as AnyJson[];
        expect(templates.map((each) => `${each.kind}/${each.language}`)).toEqual([
          'credential-issued/en',
          'credential-issued/zh-TW',
          'credential-issued/ja',
          'expiry-reminder/en',
          'expiry-reminder/zh-TW',
          'expiry-reminder/ja',
        ]);
        expect(templates.every((each) => each.customised === false)).toBe(true);
        expect(templates[0]).toMatchObject({
          subject: 'Your credential: {achievementName}',
          body: expect.stringContaining('{credentialUrl}'),
        });
        expect((templates[3]?.placeholders as AnyJson[]).map((each) => each.name)).toEqual([
          'achievementName',
          'issuerName',
          'credentialUrl',
          'validUntil',
        ]);
        // Each service text is itself a template the issuer could keep.
        for (const each of templates) {
          const preview = await request(
            'POST',
            `${templatePath(String(each.kind), String(each.language))}/preview`,
            { subject: each.subject, body: each.body },
            { key: ngo.apiKey },
          );
          expect(preview.status, JSON.stringify(preview.body)).toBe(200);
        }
      });

      it('sends the issuer’s template with its values filled in as text, escaped in the HTML part', async () => {
        const kept = await put('credential-issued', 'en', ISSUED);
        expect(kept.status, JSON.stringify(kept.body)).toBe(200);
        expect(kept.body).toMatchObject({
          kind: 'credential-issued',
          language: 'en',
          customised: true,
          ...ISSUED,
          updatedAt: new Date(now).toISOString(),
        });
        expect((await get('credential-issued', 'en')).body).toEqual(kept.body);

        // An achievement name that looks like a placeholder, like markup, and tries a header.
        const name = 'Web <b>basics</b> {credentialUrl}\r\nBcc: thief@example.org';
        const { address, url } = await awardTo(name);
        const [message, ...more] = await mailTo(address);
        expect(more).toEqual([]);
        expect(message?.subject).toBe(
          'Well done: Web <b>basics</b> {credentialUrl} Bcc: thief@example.org',
        );
        expect(message?.headers.has('bcc')).toBe(false);
        expect(receiver.to('thief@example.org')).toEqual([]);
        const text = String(message?.text);
        expect(text).toContain(`${ISSUER_NAME} congratulates you on Web <b>basics</b>`);
        expect(text).toContain(`Your credential: ${url}`);
        // No claim link (walletClaim is off): its paragraph is left out.
        expect(text).not.toContain('Claim it into your wallet');
        expect(text).not.toContain('{claimUrl}');
        expect(text).not.toContain('{claimExpires}');
        const html = String(message?.html);
        expect(html).toContain('Code &amp; Care &lt;NGO&gt; congratulates you on Web &lt;b&gt;');
        expect(html).not.toContain('<b>basics');
        expect(html).not.toContain('<NGO>');
        expect(html).toContain(`<a href="${url}">${url}</a>`);
        expect(JSON.stringify(await outboxOf(app, ngo))).not.toContain(address);
      });

      it('places the claim link where the template says when the issuer has walletClaim on', async () => {
        // Claim links are made for awards of catalog achievements: bridge-ngo's, by the admin.
        const bridge = (path: string) => `${app.baseUrl}/issuers/bridge-ngo${path}`;
        const admin = { key: ADMIN_KEY };
        expect(
          (await request('PUT', bridge('/email/templates/credential-issued/en'), ISSUED, admin))
            .status,
        ).toBe(200);
        expect(
          (await request('PUT', bridge('/wallet-claim'), { walletClaim: true }, admin)).status,
        ).toBe(200);
        const address = newAddress();
        const awarded = await request(
          'POST',
          bridge('/awards'),
          { achievement: 'digital-basics', recipient: { email: address } },
          admin,
        );
        expect(awarded.status).toBe(201);
        const [message] = await mailTo(address);
        const text = String(message?.text);
        expect(text).toContain('Bridge Digital Skills (example NGO) congratulates you on');
        expect(text).toMatch(/Claim it into your wallet: \S+\/claim\/\S+ \(until .+ UTC\)/);
        // Placed by the template, so the service adds no paragraph of its own.
        expect(text.match(/\/claim\//g)).toHaveLength(1);
      });

      it('refuses bad templates naming the field and what is wrong, and keeps the one there', async () => {
        const before = await get('credential-issued', 'en');
        const cases: Array<[AnyJson, string, string]> = [
          [
            { ...ISSUED, body: 'Hello {learnerName}: {credentialUrl}' },
            'body',
            'placeholder-unknown',
          ],
          [{ ...ISSUED, body: 'Your credential is ready.' }, 'body', 'placeholder-missing'],
          [{ ...ISSUED, subject: '   ' }, 'subject', 'required'],
          [{ ...ISSUED, subject: 'Well done\r\nBcc: thief@example.org' }, 'subject', 'line-break'],
          [{ ...ISSUED, subject: 'Claim at {claimUrl}' }, 'subject', 'placeholder-body-only'],
          [{ ...ISSUED, subject: 'x'.repeat(201) }, 'subject', 'too-long'],
          [{ ...ISSUED, body: `{credentialUrl} ${'x'.repeat(5000)}` }, 'body', 'too-long'],
        ];
        for (const [body, field, code] of cases) {
          const refused = await put('credential-issued', 'en', body);
          expect(refused.status, code).toBe(422);
          expect(refused.contentType).toContain('application/problem+json');
          expect(refused.body.errors, code).toContainEqual(
            expect.objectContaining({ field, code }),
          );
          const preview = await request(
            'POST',
            `${templatePath('credential-issued', 'en')}/preview`,
            body,
            {
              key: ngo.apiKey,
            },
          );
          expect(preview.status, code).toBe(422);
        }
        const unknown = (await put('credential-issued', 'en', cases[0]?.[0])).body;
        expect(unknown.errors[0].message).toBe(
          '{learnerName} is not a placeholder of this message; it can use {achievementName}, {issuerName}, {credentialUrl}, {validUntil}, {claimUrl}, {claimExpires}',
        );
        expect(unknown.errors[0].params).toMatchObject({ placeholder: '{learnerName}' });
        const shapes: Array<[unknown, number]> = [
          [{ subject: 'Hi' }, 422],
          [{ ...ISSUED, footer: 'mine' }, 422],
          [{ ...ISSUED, subject: 7 }, 422],
        ];
        for (const [body, status] of shapes) {
          const refused = await put('credential-issued', 'en', body);
          expect(refused.status).toBe(status);
        }
        expect((await put('credential-issued', 'xx', ISSUED)).status).toBe(404);
        expect((await put('staff-invitation', 'en', ISSUED)).status).toBe(404);
        expect((await get('credential-issued', 'en')).body).toEqual(before.body);
        const reminder = await get('expiry-reminder', 'en');
        expect(reminder.body.customised).toBe(false);
      });

      it('previews a draft or the text in force with sample values', async () => {
        const draft = await request(
          'POST',
          `${templatePath('credential-issued', 'ja')}/preview`,
          { subject: '{achievementName} おめでとう', body: '{issuerName} より\n\n{credentialUrl}' },
          { key: ngo.apiKey },
        );
        expect(draft.status).toBe(200);
        expect(draft.body.subject).toBe('デジタルスキル(例) おめでとう');
        expect(draft.body.text).toContain(`${ISSUER_NAME} より`);
        expect(draft.body.text).toMatch(/\/c\/00000000-0000-4000-8000-000000000000/);
        // The draft does not place the claim link, so the preview shows the service's paragraph.
        expect(draft.body.text).toMatch(/\/claim\/example/);
        expect(draft.body.html).toContain('Code &amp; Care &lt;NGO&gt; より');
        expect((await get('credential-issued', 'ja')).body.customised).toBe(false);

        const inForce = await request(
          'POST',
          `${templatePath('credential-issued', 'en')}/preview`,
          undefined,
          { key: ngo.apiKey },
        );
        expect(inForce.status).toBe(200);
        expect(inForce.body.subject).toBe('Well done: Digital skills (example)');
        expect(inForce.body.text).toMatch(
          /Claim it into your wallet: \S+\/claim\/example \(until /,
        );
      });

      it('sends the reminder from its template when it falls due, the end date written out', async () => {
        const kept = await put('expiry-reminder', 'ja', {
          subject: '{achievementName} は {validUntil} まで',
          body: '{achievementName} の有効期限は {validUntil} です。\n\n{credentialUrl}',
        });
        expect(kept.status).toBe(200);
        const validUntil = new Date(now + 90 * DAY_MS).toISOString();
        const { address, url } = await awardTo('ウェブ基礎', { lang: 'ja', validUntil });
        await mailTo(address);
        now = Date.parse(validUntil) - 30 * DAY_MS + 60_000;
        app.services.background.kick(JOB);
        const [, reminder] = await mailTo(address, 2);
        expect(reminder?.subject).toMatch(/^ウェブ基礎 は \d{4}年\d{1,2}月\d{1,2}日 まで$/);
        expect(reminder?.text).toContain(`${url}`);
        expect(reminder?.text).toMatch(/ウェブ基礎 の有効期限は \d{4}年\d{1,2}月\d{1,2}日 です。/);
      });

      it('resets to the service text: the next message says it again', async () => {
        const reset = await request('DELETE', templatePath('credential-issued', 'en'), undefined, {
          key: ngo.apiKey,
        });
        expect(reset.status).toBe(204);
        const again = await request('DELETE', templatePath('credential-issued', 'en'), undefined, {
          key: ngo.apiKey,
        });
        expect(again.status).toBe(204);
        expect((await get('credential-issued', 'en')).body).toMatchObject({
          customised: false,
          subject: 'Your credential: {achievementName}',
        });
        expect((await get('credential-issued', 'en')).body.updatedAt).toBeUndefined();
        const { address } = await awardTo('Web basics');
        const [message] = await mailTo(address);
        expect(message?.subject).toBe('Your credential: Web basics');
        expect(message?.text).toContain(`${ISSUER_NAME} has issued you a credential: Web basics.`);
      });

      it('lets only the issuer’s own key or the admin change them: a scoped key or another issuer gets 403', async () => {
        const scoped = await request(
          'POST',
          `${app.baseUrl}/issuers/code-ngo/scoped-keys`,
          { name: 'lms', scopes: ['awards:write', 'webhooks:manage'] },
          { key: ngo.apiKey },
        );
        expect(scoped.status).toBe(201);
        const other = await createIssuer(app.baseUrl, `other-${store}`);
        for (const key of [String(scoped.body.apiKey), other.apiKey]) {
          expect((await put('credential-issued', 'zh-TW', ISSUED, key)).status).toBe(403);
          expect((await get('credential-issued', 'zh-TW', key)).status).toBe(403);
          const reset = await request(
            'DELETE',
            templatePath('credential-issued', 'zh-TW'),
            undefined,
            {
              key,
            },
          );
          expect(reset.status).toBe(403);
        }
        expect((await get('credential-issued', 'zh-TW')).body.customised).toBe(false);
        const byAdmin = await put('credential-issued', 'zh-TW', ISSUED, ADMIN_KEY);
        expect(byAdmin.status).toBe(200);
        expect((await get('credential-issued', 'zh-TW')).body.customised).toBe(true);
        const unauthenticated = await request('GET', templatePath('credential-issued', 'zh-TW'));
        expect(unauthenticated.status).toBe(401);
        expect(
          (
            await request('GET', templatePath('credential-issued', 'en', 'nobody'), undefined, {
              key: ADMIN_KEY,
            })
          ).status,
        ).toBe(404);
      });
    },
  );
}

async function outboxOf(app: TestApp, issuer: Issuer): Promise<AnyJson[]> {
  const response = await request(
    'GET',
    `${app.baseUrl}/issuers/${issuer.slug}/email/outbox`,
    undefined,
    { key: issuer.apiKey },
  );
  return response.body.messages as AnyJson[];
}
