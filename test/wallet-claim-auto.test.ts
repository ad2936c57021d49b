// walletClaim through the real app on each store, with learner e-mail to a real SMTP server: an
// issuer that turns it on has each credential it awards (a module, the tier it stacks, a batch
// row) offered by itself, the e-mail carries the learner's private claim page, and the Learner
// Credential Wallet claims from that page; off, nothing is offered and the e-mail has no link.
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvOf, postBatchCsv, waitForBatch } from './helpers/batches.js';
import { awardModule } from './helpers/catalogAwards.js';
import { request, verify, type AnyJson } from './helpers/http.js';
import { faultyStore } from './helpers/faultyStore.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import {
  decodeInlineQr,
  eventually,
  startSmtpReceiver,
  type SmtpReceiver,
} from './helpers/smtpReceiver.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { claimWith, makeWallet } from './helpers/testWallet.js';

const STORES = ['sqlite', 'mongo'] as const;
const mongo = mongoTarget();
const HOUR_MS = 3_600_000;
const CLAIM_LINK = /https?:\/\/[^\s"<>]+\/claim\/[A-Za-z0-9_-]{43}/g;

const uuidOf = (id: string) => id.replace('urn:uuid:', '');

let addressCount = 0;
const newAddress = () => `wallet-learner-${++addressCount}-${crypto.randomUUID()}@example.org`;

/** The claim links a message carries, in its text and its HTML. */
function claimLinksIn(message: ParsedMail | undefined): { text: string[]; html: string[] } {
  return {
    text: [...String(message?.text ?? '').matchAll(CLAIM_LINK)].map((match) => match[0]),
    html: [...String(message?.html || '').matchAll(CLAIM_LINK)].map((match) => match[0]),
  };
}

/** The exchange behind a claim page's Learner Credential Wallet button, as the app reads it. */
function exchangeOnPage(page: string): string {
  const href = /href="(https:\/\/lcw\.app\/request\?[^"]+)"/.exec(page)?.[1] ?? '';
  const deepLink = new URL(href.replace(/&amp;/g, '&'));
  const invitation = JSON.parse(deepLink.searchParams.get('request') ?? '{}') as AnyJson;
  return String(invitation.protocols?.vcapi ?? '');
}

for (const store of STORES) {
  describe.skipIf(store === 'mongo' && mongo.uri === undefined)(
    `walletClaim on the ${store} store`,
    () => {
      let receiver: SmtpReceiver;
      let app: TestApp;
      let now = Date.parse('2026-12-02T09:00:00Z');

      const setWalletClaim = (slug: string, body: unknown) =>
        request('PUT', `${app.baseUrl}/issuers/${slug}/wallet-claim`, body, { key: ADMIN_KEY });

      async function offersOf(credentialId: string): Promise<AnyJson[]> {
        const listed = await request(
          'GET',
          `${app.baseUrl}/credentials/${uuidOf(credentialId)}/offers`,
          undefined,
          { key: ADMIN_KEY },
        );
        expect(listed.status).toBe(200);
        return listed.body.offers as AnyJson[];
      }

      async function mailTo(address: string, count: number): Promise<ParsedMail[]> {
        return eventually(
          () => receiver.to(address),
          (messages) => messages.length >= count,
        );
      }

      /** A message sent after everything queued before it: once it arrives, they have gone too. */
      async function fence(): Promise<void> {
        const address = newAddress();
        expect((await awardModule(app.baseUrl, 'digital-basics', address)).status).toBe(201);
        expect(await mailTo(address, 1)).toHaveLength(1);
      }

      beforeAll(async () => {
        receiver = await startSmtpReceiver();
        app = await startTestApp({
          store,
          clock: () => new Date(now),
          env: { SMTP_URL: receiver.url, EMAIL_FROM: 'Badges <badges@example.org>' },
        });
      });
      afterAll(async () => {
        await app.close();
        await receiver.close();
      });

      it('is off by default, turns on and off, and refuses a bad body or an unknown issuer', async () => {
        const got = await request('GET', `${app.baseUrl}/issuers/ipa/wallet-claim`, undefined, {
          key: ADMIN_KEY,
        });
        expect(got.status).toBe(200);
        expect(got.body).toEqual({ slug: 'ipa', walletClaim: false });
        expect((await setWalletClaim('ipa', { walletClaim: true })).body).toEqual({
          slug: 'ipa',
          walletClaim: true,
        });
        const bad = await setWalletClaim('ipa', { walletClaim: 'yes' });
        expect(bad.status).toBe(422);
        expect(bad.contentType).toMatch(/application\/problem\+json/);
        expect(JSON.stringify(bad.body)).toContain('walletClaim');
        expect((await setWalletClaim('no-such-issuer', { walletClaim: true })).status).toBe(404);
        const after = await request('GET', `${app.baseUrl}/issuers/ipa/wallet-claim`, undefined, {
          key: ADMIN_KEY,
        });
        expect(after.body).toEqual({ slug: 'ipa', walletClaim: true });
        expect((await setWalletClaim('ipa', { walletClaim: false })).body.walletClaim).toBe(false);
      });

      it('offers the award and the tier it stacks, e-mails each claim page, and the wallet claims from it', async () => {
        expect((await setWalletClaim('ipa', { walletClaim: true })).status).toBe(200);
        expect((await setWalletClaim('di-lite', { walletClaim: true })).status).toBe(200);
        const address = newAddress();
        const awarded = await awardModule(app.baseUrl, 'it-passport', address);
        expect(awarded.status).toBe(201);
        const module = awarded.body.credential as AnyJson;
        const tier = (awarded.body.stacked as AnyJson[]).find(
          (each) => each.achievement === 'dx-passport-1',
        );
        expect(tier).toBeDefined();
        const tierId = String(tier?.credential.id);

        const messages = await mailTo(address, 2);
        expect(messages).toHaveLength(2);
        const bySubject = new Map(messages.map((message) => [message.subject, message]));
        const moduleMail = bySubject.get('Your credential: IT Passport');
        const tierMail = bySubject.get('Your credential: DX Passport 1');
        for (const message of [moduleMail, tierMail]) {
          const links = claimLinksIn(message);
          expect(links.text).toHaveLength(1);
          expect(links.html).toContain(links.text[0]);
          expect(message?.text).toContain('Add it to your digital wallet');
          expect(message?.text).toContain('do not share it');
        }
        // The QR code stays the public page's: anyone may scan it, the claim page is private.
        expect(decodeInlineQr(moduleMail as ParsedMail)).toBe(String(awarded.body.url));

        // Each credential has one offer, made by the service, offered until WALLET_OFFER_HOURS.
        const [moduleOffer, ...moreModule] = await offersOf(String(module.id));
        expect(moreModule).toEqual([]);
        expect(moduleOffer).toMatchObject({
          credential: module.id,
          state: 'offered',
          expiresAt: new Date(now + 72 * HOUR_MS).toISOString(),
        });
        expect(await offersOf(tierId)).toEqual([expect.objectContaining({ state: 'offered' })]);

        // The learner opens the link from the e-mail and the wallet claims from that page.
        const claimPage = claimLinksIn(moduleMail).text[0] ?? '';
        const page = await fetch(claimPage, { headers: { accept: 'text/html' } });
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(html).toContain('Add to your wallet');
        expect(html).toContain('IT Passport');
        const wallet = await makeWallet(app.services.documentLoader);
        const claimed = await claimWith(wallet, exchangeOnPage(html));
        expect(claimed.status).toBe(200);
        const [copy] = claimed.body.verifiablePresentation.verifiableCredential as AnyJson[];
        expect(copy?.credentialSubject.id).toBe(wallet.did);
        expect(copy?.credentialSubject.achievement).toEqual(module.credentialSubject.achievement);
        expect((await verify(app.baseUrl, copy)).body.verified).toBe(true);
        expect(await offersOf(String(module.id))).toEqual([
          expect.objectContaining({ id: moduleOffer?.id, state: 'claimed', holder: wallet.did }),
        ]);
        // The claimed copy is not offered again by itself.
        expect(await offersOf(String(copy?.id))).toEqual([]);

        // The tier's link opens its own claim page, and that wallet claim works too.
        const tierPage = await (await fetch(claimLinksIn(tierMail).text[0] ?? '')).text();
        expect(tierPage).toContain('DX Passport 1');
        const tierWallet = await makeWallet(app.services.documentLoader);
        const tierClaim = await claimWith(tierWallet, exchangeOnPage(tierPage));
        expect(tierClaim.status).toBe(200);
        expect(await offersOf(tierId)).toEqual([
          expect.objectContaining({ state: 'claimed', holder: tierWallet.did }),
        ]);

        // The employer's view of either credential never shows a way to claim it.
        for (const url of [String(awarded.body.url), String(tier?.url)]) {
          const publicPage = await (await fetch(url, { headers: { accept: 'text/html' } })).text();
          expect(publicPage).not.toMatch(CLAIM_LINK);
          expect(publicPage).not.toContain('/claim/');
          expect(publicPage).not.toContain('lcw.app/request');
        }
      });

      it('makes no second offer and no second message when the award is told again', async () => {
        const address = newAddress();
        const awarded = await awardModule(app.baseUrl, 'it-passport', address);
        expect(awarded.status).toBe(201);
        await mailTo(address, 2);
        const record = await app.store.findCredential(uuidOf(String(awarded.body.credential.id)));
        if (!record) throw new Error('the award is not stored');
        const before = await offersOf(record.id);
        expect(before).toHaveLength(1);
        await app.services.events.publish({
          type: 'credential.issued',
          id: `credential.issued:${record.id}`,
          issuerSlug: 'ipa',
          record,
          url: String(awarded.body.url),
          recipient: { email: address },
        });
        await fence();
        expect(await offersOf(record.id)).toEqual(before);
        expect(receiver.to(address)).toHaveLength(2);
      });

      it('offers nothing and e-mails no claim link for an issuer with walletClaim off', async () => {
        const got = await request(
          'GET',
          `${app.baseUrl}/issuers/bridge-ngo/wallet-claim`,
          undefined,
          { key: ADMIN_KEY },
        );
        expect(got.body).toEqual({ slug: 'bridge-ngo', walletClaim: false });
        const address = newAddress();
        const awarded = await awardModule(app.baseUrl, 'digital-basics', address);
        expect(awarded.status).toBe(201);
        const [message] = await mailTo(address, 1);
        expect(message?.subject).toBe('Your credential: Digital basics');
        expect(message?.text).toContain(String(awarded.body.url));
        expect(claimLinksIn(message)).toEqual({ text: [], html: [] });
        expect(message?.text).not.toContain('wallet');
        expect(await offersOf(String(awarded.body.credential.id))).toEqual([]);

        // Turned off again, ipa's next award is offered no more.
        expect((await setWalletClaim('ipa', { walletClaim: false })).status).toBe(200);
        const later = newAddress();
        const next = await awardModule(app.baseUrl, 'it-passport', later);
        const [nextMail] = (await mailTo(later, 2)).filter(
          (each) => each.subject === 'Your credential: IT Passport',
        );
        expect(claimLinksIn(nextMail).text).toEqual([]);
        expect(await offersOf(String(next.body.credential.id))).toEqual([]);
        expect((await setWalletClaim('ipa', { walletClaim: true })).status).toBe(200);
      });

      it('offers a batch row too, and its e-mail links the claim page', async () => {
        expect((await setWalletClaim('bridge-ngo', { walletClaim: true })).status).toBe(200);
        const address = newAddress();
        const posted = await postBatchCsv(
          app.baseUrl,
          'bridge-ngo',
          csvOf([{ recipient: address, achievement: 'digital-basics' }], CSV_COLUMNS),
        );
        expect(posted.status).toBe(202);
        const done = await waitForBatch(app.baseUrl, String(posted.body.id));
        const [row] = done.body.rows as AnyJson[];
        expect(row?.state).toBe('issued');
        const [message] = await mailTo(address, 1);
        const [link] = claimLinksIn(message).text;
        expect(await offersOf(String(row?.credential))).toEqual([
          expect.objectContaining({ state: 'offered' }),
        ]);
        const page = await (await fetch(link ?? '')).text();
        expect(page).toContain('Add to your wallet');
        expect(page).toContain('Digital basics');
        expect((await setWalletClaim('bridge-ngo', { walletClaim: false })).status).toBe(200);
      });

      it('shows an automatic offer expired after WALLET_OFFER_HOURS, and the issuer can make a new one', async () => {
        const address = newAddress();
        const awarded = await awardModule(app.baseUrl, 'it-passport', address);
        expect(awarded.status).toBe(201);
        const [message] = (await mailTo(address, 2)).filter(
          (each) => each.subject === 'Your credential: IT Passport',
        );
        const claimPage = claimLinksIn(message).text[0] ?? '';
        now += 73 * HOUR_MS;
        const credentialId = String(awarded.body.credential.id);
        expect(await offersOf(credentialId)).toEqual([
          expect.objectContaining({ state: 'expired' }),
        ]);
        expect(await (await fetch(claimPage)).text()).toContain('This link expired');
        const wallet = await makeWallet(app.services.documentLoader);
        // The page shows no wallet button any more; the exchange behind it refuses too.
        const refused = await claimWith(wallet, claimPage.replace('/claim/', '/exchanges/'));
        expect(refused.status).toBe(410);

        const renewed = await request(
          'POST',
          `${app.baseUrl}/credentials/${uuidOf(credentialId)}/offers`,
          undefined,
          { key: ADMIN_KEY },
        );
        expect(renewed.status).toBe(201);
        expect((await claimWith(wallet, String(renewed.body.exchangeUrl))).status).toBe(200);
        expect((await offersOf(credentialId)).map((offer) => offer.state)).toEqual([
          'expired',
          'claimed',
        ]);
      });
    },
  );

  describe.skipIf(store === 'mongo' && mongo.uri === undefined)(
    `walletClaim when its offer cannot be stored, on the ${store} store`,
    () => {
      let receiver: SmtpReceiver;
      let app: TestApp;
      let refuseOffers = false;

      beforeAll(async () => {
        receiver = await startSmtpReceiver();
        app = await startTestApp({
          store,
          env: { SMTP_URL: receiver.url },
          wrapStore: (inner) =>
            faultyStore(inner, () =>
              refuseOffers ? (method) => method === 'insertWalletOffer' : undefined,
            ),
        });
      });
      afterAll(async () => {
        await app.close();
        await receiver.close();
      });

      it('sends no e-mail without its claim link: it goes once the award is told again and the offer is made', async () => {
        const put = await request(
          'PUT',
          `${app.baseUrl}/issuers/ipa/wallet-claim`,
          { walletClaim: true },
          { key: ADMIN_KEY },
        );
        expect(put.status).toBe(200);
        refuseOffers = true;
        const address = newAddress();
        const awarded = await awardModule(app.baseUrl, 'it-passport', address);
        expect(awarded.status).toBe(201);
        refuseOffers = false;
        // The tier (di-lite, walletClaim off) is e-mailed as usual; a later message fences both.
        const fenced = newAddress();
        expect((await awardModule(app.baseUrl, 'digital-basics', fenced)).status).toBe(201);
        await eventually(
          () => receiver.to(fenced),
          (messages) => messages.length >= 1,
        );
        expect(receiver.to(address).map((message) => message.subject)).toEqual([
          'Your credential: DX Passport 1',
        ]);

        const record = await app.store.findCredential(uuidOf(String(awarded.body.credential.id)));
        if (!record) throw new Error('the award is not stored');
        await app.services.events.publish({
          type: 'credential.issued',
          id: `credential.issued:${record.id}`,
          issuerSlug: 'ipa',
          record,
          url: String(awarded.body.url),
          recipient: { email: address },
        });
        const messages = await eventually(
          () => receiver.to(address),
          (got) => got.length >= 2,
        );
        const moduleMail = messages.find((each) => each.subject === 'Your credential: IT Passport');
        expect(claimLinksIn(moduleMail).text).toHaveLength(1);
        const listed = await request(
          'GET',
          `${app.baseUrl}/credentials/${record.id}/offers`,
          undefined,
          { key: ADMIN_KEY },
        );
        expect(listed.body.offers).toEqual([expect.objectContaining({ state: 'offered' })]);
      });
    },
  );
}
