// Wallet offers from the console over plain HTTP: an issuer-role member offers a credential with a
// PIN from its page, gets the learner's claim link and the PIN once, and an OpenID4VCI wallet
// claims it from that link; the credential's page then says Claimed by the wallet's DID, and an
// offer left alone says Expired once its time is past. A viewer sees no offers and cannot make one;
// a revoked credential cannot be offered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule, changeStatus } from './helpers/catalogAwards.js';
import { staffMember, textOf, type ConsoleClient } from './helpers/consoleClient.js';
import { didKeyHolder, Oid4vciWallet } from './helpers/oid4vciWallet.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

const NGO = 'bridge-ngo';
const LDP = 'OpenBadgeCredential_ldp_vc';
let now = Date.parse('2026-12-01T09:00:00.000Z');
let app: TestApp;
let issuer: ConsoleClient;

beforeAll(async () => {
  app = await startTestApp({ clock: () => new Date(now), env: { WALLET_OFFER_HOURS: '1' } });
  issuer = await staffMember(app.baseUrl, NGO, 'ida@bridge.example', 'issuer');
});
afterAll(async () => app?.close());

async function awarded(email: string): Promise<string> {
  const response = await awardModule(app.baseUrl, 'digital-basics', email);
  expect(response.status).toBe(201);
  return String(response.body.credential.id).replace('urn:uuid:', '');
}

const fieldValue = (page: string, id: string): string =>
  new RegExp(`id="${id}"[^>]*value="([^"]+)"`).exec(page)?.[1] ?? '';

async function offer(uuid: string, pin: boolean) {
  const page = `/console/credentials/${uuid}`;
  return issuer.submit(page, `${page}/offers`, pin ? { txCode: 'true' } : {});
}

describe('console wallet offers', () => {
  it('offers a credential with a PIN that a wallet claims from the link shown once', async () => {
    const uuid = await awarded('ana@example.org');
    const before = textOf((await issuer.get(`/console/credentials/${uuid}`)).text);
    expect(before).toContain('Wallet offers');
    expect(before).toContain('No offer was made for this credential.');

    const made = await offer(uuid, true);
    expect(made.status).toBe(200);
    expect(textOf(made.text)).toContain('Send the learner this link. It is shown only now');
    const claimPage = fieldValue(made.text, 'claim-link');
    const pin = fieldValue(made.text, 'claim-pin');
    expect(claimPage).toMatch(/\/claim\/\S+$/);
    expect(pin).toMatch(/^\d{4,}$/);

    const offered = textOf((await issuer.get(`/console/credentials/${uuid}`)).text);
    expect(offered).toContain('Offered');
    expect(offered).not.toContain(claimPage);

    // The learner opens the link; their wallet takes the offer from it, with the PIN.
    const learnerPage = await (await fetch(claimPage)).text();
    const openid4vci = /href="(openid-credential-offer:[^"]+)"/.exec(learnerPage)?.[1] ?? '';
    const wallet = new Oid4vciWallet(await didKeyHolder());
    const copy = (await wallet.claim(openid4vci.replace(/&amp;/g, '&'), LDP, pin)) as {
      credentialSubject: { id: string };
    };
    const claimed = textOf((await issuer.get(`/console/credentials/${uuid}`)).text);
    expect(claimed).toContain('Claimed');
    expect(claimed).toContain(copy.credentialSubject.id);
  });

  it('shows an offer nobody claimed as Expired once its time is past', async () => {
    const uuid = await awarded('ben@example.org');
    const made = await offer(uuid, false);
    expect(made.status).toBe(200);
    expect(made.text).not.toContain('id="claim-pin"');
    // An hour on, within the staff member's sign-in.
    now += 61 * 60_000;
    expect(textOf((await issuer.get(`/console/credentials/${uuid}`)).text)).toContain('Expired');
  });

  it('refuses to offer a revoked credential, and gives a viewer neither offers nor the form', async () => {
    const uuid = await awarded('cai@example.org');
    expect((await changeStatus(app.baseUrl, `urn:uuid:${uuid}`, 'revoke')).status).toBe(200);
    const page = await issuer.get(`/console/credentials/${uuid}`);
    expect(page.text).not.toContain(`/console/credentials/${uuid}/offers`);
    expect((await offer(uuid, false)).status).toBe(409);

    const viewer = await staffMember(app.baseUrl, NGO, 'vic@bridge.example', 'viewer');
    const viewed = await viewer.get(`/console/credentials/${uuid}`);
    expect(viewed.status).toBe(200);
    expect(textOf(viewed.text)).not.toContain('Wallet offers');
    expect(
      (
        await viewer.submit(
          `/console/credentials/${uuid}`,
          `/console/credentials/${uuid}/offers`,
          {},
        )
      ).status,
    ).toBe(403);
  });
});
