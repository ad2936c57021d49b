// The console's Settings over plain HTTP, as a browser without JavaScript: an owner invites from
// Settings and the e-mail's link makes the account; changes a role, removes a member (signed out);
// turns learner e-mail off and wallet claim links on (the next award's e-mail carries one). An
// issuer gets the 403 page and no Settings link; no CSRF, no change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient, PASSWORD, staffMember, textOf } from './helpers/consoleClient.js';
import { request } from './helpers/http.js';
import { eventually, startSmtpReceiver, type SmtpReceiver } from './helpers/smtpReceiver.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const NGO = 'bridge-ngo';
let app: TestApp;
let receiver: SmtpReceiver;

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  app = await startTestApp({ env: { SMTP_URL: receiver.url } });
});
afterAll(async () => {
  await app?.close();
  await receiver?.close();
});

describe('console Settings', () => {
  it('lets an owner invite by e-mail, change a role, remove a member and turn e-mail off', async () => {
    const owner = await staffMember(app.baseUrl, NGO, 'olu@bridge.example', 'owner');
    expect(textOf((await owner.get('/console')).text)).toContain('Settings');
    const invited = await owner.submit('/console/settings', '/console/settings/staff/invite', {
      email: 'tomo@bridge.example',
      role: 'viewer',
      language: 'en',
    });
    expect(invited.status).toBe(303);
    const page = await owner.get(invited.location ?? '');
    expect(textOf(page.text)).toContain('The invitation is on its way to tomo@bridge.example.');
    expect(textOf(page.text)).toContain('tomo@bridge.example viewer Invited');

    const [message] = await eventually(
      () => receiver.to('tomo@bridge.example'),
      (messages) => messages.length >= 1,
    );
    const link = /http\S+\/console\/invitations\/\S+/.exec(message?.text ?? '')?.[0] ?? '';
    const tomo = new ConsoleClient(app.baseUrl);
    expect((await tomo.submit(link, link, { password: PASSWORD, confirm: PASSWORD })).status).toBe(
      303,
    );
    expect(textOf((await tomo.get('/console')).text)).toContain('tomo@bridge.example · viewer');
    expect(receiver.to('tomo@bridge.example')).toHaveLength(1);

    const listed = await request('GET', `${app.baseUrl}/issuers/${NGO}/staff`, undefined, {
      key: ADMIN_KEY,
    });
    const tomoId = listed.body.staff.find(
      (entry: { email: string }) => entry.email === 'tomo@bridge.example',
    ).id;
    const changed = await owner.submit(
      '/console/settings',
      `/console/settings/staff/${tomoId}/role`,
      {
        role: 'issuer',
      },
    );
    expect(changed.status).toBe(303);
    expect(textOf((await tomo.get('/console')).text)).toContain('tomo@bridge.example · issuer');
    // Without the CSRF token nothing changes.
    const forged = await owner.post(`/console/settings/staff/${tomoId}/remove`, {});
    expect(forged.status).toBe(403);
    expect((await tomo.get('/console')).status).toBe(200);
    const removed = await owner.submit(
      '/console/settings',
      `/console/settings/staff/${tomoId}/remove`,
      {},
    );
    expect(removed.status).toBe(303);
    expect((await tomo.get('/console')).location).toContain('/console/sign-in');

    const off = await owner.submit('/console/settings/email', '/console/settings/email', {
      enabled: 'false',
    });
    expect(off.status).toBe(303);
    expect(textOf((await owner.get(off.location ?? '')).text)).toContain('Learner e-mail is off');
    const setting = await request('GET', `${app.baseUrl}/issuers/${NGO}/email`, undefined, {
      key: ADMIN_KEY,
    });
    expect(setting.body.enabled).toBe(false);
  });

  it('lets an owner turn wallet claim links on, so the next award’s e-mail carries one', async () => {
    const owner = await staffMember(app.baseUrl, NGO, 'wen@bridge.example', 'owner');
    await owner.submit('/console/settings/email', '/console/settings/email', { enabled: 'true' });
    expect(textOf((await owner.get('/console/settings/email')).text)).toContain(
      'Wallet claim links are off',
    );
    const on = await owner.submit('/console/settings/email', '/console/settings/wallet-claim', {
      enabled: 'true',
    });
    expect(on.status).toBe(303);
    const page = textOf((await owner.get(on.location ?? '')).text);
    expect(page).toContain('Saved.');
    expect(page).toContain('Wallet claim links are on.');
    const setting = await request('GET', `${app.baseUrl}/issuers/${NGO}/wallet-claim`, undefined, {
      key: ADMIN_KEY,
    });
    expect(setting.body.walletClaim).toBe(true);

    const awarded = await request(
      'POST',
      `${app.baseUrl}/issuers/${NGO}/awards`,
      { achievement: 'digital-basics', recipient: { email: 'yui@example.org' } },
      { key: ADMIN_KEY },
    );
    expect(awarded.status).toBe(201);
    const [message] = await eventually(
      () => receiver.to('yui@example.org'),
      (messages) => messages.length >= 1,
    );
    expect(message?.text).toMatch(/\/claim\/\S+/);

    const off = await owner.submit('/console/settings/email', '/console/settings/wallet-claim', {
      enabled: 'false',
    });
    expect(off.status).toBe(303);
    expect(textOf((await owner.get(off.location ?? '')).text)).toContain(
      'Wallet claim links are off',
    );
  });

  it('gives an issuer the 403 page and no Settings link', async () => {
    const issuer = await staffMember(app.baseUrl, NGO, 'ines@bridge.example', 'issuer');
    expect(textOf((await issuer.get('/console')).text)).not.toContain('Settings');
    for (const path of ['/console/settings', '/console/settings/email']) {
      const page = await issuer.get(path);
      expect(page.status).toBe(403);
      expect(textOf(page.text)).toContain('Not allowed');
    }
  });
});
