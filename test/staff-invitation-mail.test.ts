// Staff invitations by e-mail through the real app to a real SMTP server on loopback: the
// invitation reaches the invited address once, in the language asked for, naming the issuer and
// the role, and its link sets the password; learner e-mail turned off does not stop it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient, PASSWORD, textOf } from './helpers/consoleClient.js';
import { request } from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import { eventually, startSmtpReceiver, type SmtpReceiver } from './helpers/smtpReceiver.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const STORES = ['sqlite', 'mongo'] as const;
const mongo = mongoTarget();
const NGO = 'bridge-ngo';
const NGO_NAME = 'Bridge Digital Skills (example NGO)';

const linkIn = (text: string): string => {
  const found = /https?:\/\/\S+\/console\/invitations\/\S+/.exec(text)?.[0];
  if (!found) throw new Error(`no invitation link in: ${text}`);
  return found;
};

for (const store of STORES) {
  describe.skipIf(store === 'mongo' && mongo.uri === undefined)(
    `staff invitation e-mail on the ${store} store`,
    () => {
      let receiver: SmtpReceiver;
      let app: TestApp;

      beforeAll(async () => {
        receiver = await startSmtpReceiver();
        app = await startTestApp({ store, env: { SMTP_URL: receiver.url } });
      });
      afterAll(async () => {
        await app?.close();
        await receiver?.close();
      });

      async function inviteByApi(email: string, role: string, language?: string) {
        return request(
          'POST',
          `${app.baseUrl}/issuers/${NGO}/staff/invitations`,
          { email, role, ...(language ? { language } : {}) },
          { key: ADMIN_KEY },
        );
      }

      it('sends the invitation once, with issuer, role and a link that sets the password', async () => {
        const email = `kenji-${store}@bridge.example`;
        const response = await inviteByApi(email, 'viewer');
        expect(response.status).toBe(201);
        const [message] = await eventually(
          () => receiver.to(email),
          (messages) => messages.length >= 1,
        );
        expect(message?.subject).toBe(`You are invited to the console of ${NGO_NAME}`);
        expect(message?.text).toContain(
          `${NGO_NAME} invites you to its issuer console as a viewer`,
        );
        const link = linkIn(message?.text ?? '');
        // The inviter is answered the same link, for handing it over another way.
        expect(link).toBe(response.body.url);
        expect(message?.html).toContain(`href="${link}"`);

        const client = new ConsoleClient(app.baseUrl);
        const page = await client.get(link);
        expect(textOf(page.text)).toContain(`Join ${NGO_NAME}`);
        const accepted = await client.submit(link, link, { password: PASSWORD, confirm: PASSWORD });
        expect(accepted.status).toBe(303);
        const home = await client.get('/console');
        expect(textOf(home.text)).toContain(`${email} · viewer at ${NGO_NAME}`);
        // More rounds of the sender: once a later invitation has arrived, they have all run,
        // and the first one still came once.
        app.services.background.kick('learner-mail');
        const fence = `fence-${store}@bridge.example`;
        expect((await inviteByApi(fence, 'viewer')).status).toBe(201);
        await eventually(
          () => receiver.to(fence),
          (messages) => messages.length >= 1,
        );
        expect(receiver.to(email)).toHaveLength(1);
        // The learner outbox lists learner e-mail only.
        const outbox = await request(
          'GET',
          `${app.baseUrl}/issuers/${NGO}/email/outbox`,
          undefined,
          {
            key: ADMIN_KEY,
          },
        );
        expect(outbox.body.messages).toEqual([]);
      });

      it('writes it in the language asked for, and sends it with learner e-mail off', async () => {
        const off = await request(
          'PUT',
          `${app.baseUrl}/issuers/${NGO}/email`,
          { enabled: false },
          { key: ADMIN_KEY },
        );
        expect(off.status).toBe(200);
        const email = `aiko-${store}@bridge.example`;
        expect((await inviteByApi(email, 'owner', 'ja')).status).toBe(201);
        const [message] = await eventually(
          () => receiver.to(email),
          (messages) => messages.length >= 1,
        );
        expect(message?.subject).toBe(`${NGO_NAME} の発行者コンソールへの招待`);
        expect(message?.text).toContain('オーナー');
        const zh = `mei-${store}@bridge.example`;
        expect((await inviteByApi(zh, 'issuer', 'zh-TW')).status).toBe(201);
        const [zhMessage] = await eventually(
          () => receiver.to(zh),
          (messages) => messages.length >= 1,
        );
        expect(zhMessage?.subject).toBe(`邀請您加入 ${NGO_NAME} 的發證者主控台`);
        expect(zhMessage?.text).toContain('發證者（頒發與變更證書）');
      });
    },
  );
}
