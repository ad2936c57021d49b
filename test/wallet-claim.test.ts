// Claiming a credential into a wallet through the real app, on each store: an offer, the
// interaction URL, the VC-API exchange a Learner Credential Wallet runs (DIDAuthentication signed
// with Ed25519Signature2020 by a did:key), and the copy issued to the holder's DID.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { awardModule, changeStatus, stateOf } from './helpers/catalogAwards.js';
import { createIssuer, request, statusEntriesOf, verify, type AnyJson } from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { claimWith, exchangeUrlOf, makeWallet } from './helpers/testWallet.js';

const STORES = ['sqlite', 'mongo'] as const;
const mongo = mongoTarget();
const HOUR_MS = 3_600_000;

const uuidOf = (id: string) => id.replace('urn:uuid:', '');

for (const store of STORES) {
  describe.skipIf(store === 'mongo' && mongo.uri === undefined)(
    `claiming into a wallet on the ${store} store`,
    () => {
      let app: TestApp | undefined;
      let now = Date.parse('2026-12-01T09:00:00.000Z');

      const start = async (env: Record<string, string> = {}) => {
        now = Date.parse('2026-12-01T09:00:00.000Z');
        app = await startTestApp({ store, env, clock: () => new Date(now) });
        return app;
      };
      afterEach(async () => {
        await app?.close();
        app = undefined;
      });

      /** An it-passport module for a new learner, and an offer of it made with the admin key. */
      async function offered(current: TestApp, email = `ana+${crypto.randomUUID()}@example.org`) {
        const awarded = await awardModule(current.baseUrl, 'it-passport', email);
        expect(awarded.status).toBe(201);
        const original = awarded.body.credential as AnyJson;
        const offer = await request(
          'POST',
          `${current.baseUrl}/credentials/${uuidOf(original.id)}/offers`,
          undefined,
          { key: ADMIN_KEY },
        );
        expect(offer.status).toBe(201);
        return { email, original, offer: offer.body };
      }

      async function offersOf(current: TestApp, credentialId: string) {
        const listed = await request(
          'GET',
          `${current.baseUrl}/credentials/${uuidOf(credentialId)}/offers`,
          undefined,
          { key: ADMIN_KEY },
        );
        expect(listed.status).toBe(200);
        return listed.body.offers as AnyJson[];
      }

      /** Every credential stored: a refused claim must leave the count where it was. */
      async function credentialCount(current: TestApp): Promise<number> {
        let count = 0;
        for await (const entry of current.store.exportRecords(['credentials'])) {
          if (entry.collection === 'credentials') count += 1;
        }
        return count;
      }

      it('gives the learner a Learner Credential Wallet link whose exchange issues a copy to the wallet’s DID', async () => {
        const current = await start();
        const { email, original, offer } = await offered(current);
        expect(offer.state).toBe('offered');
        expect(offer.expiresAt).toBe(new Date(now + 72 * HOUR_MS).toISOString());
        const deepLink = new URL(offer.lcwDeepLink);
        expect(`${deepLink.origin}${deepLink.pathname}`).toBe('https://lcw.app/request');
        const invitation = JSON.parse(deepLink.searchParams.get('request') ?? '{}');
        expect(invitation.protocols).toEqual({ vcapi: offer.exchangeUrl });
        expect(await exchangeUrlOf(offer.interactionUrl)).toBe(offer.exchangeUrl);

        const wallet = await makeWallet(current.services.documentLoader);
        const claimed = await claimWith(wallet, offer.exchangeUrl);
        expect(claimed.status).toBe(200);
        const presentation = claimed.body.verifiablePresentation;
        expect(presentation.type).toEqual(['VerifiablePresentation']);
        expect(presentation.verifiableCredential).toHaveLength(1);
        const copy = presentation.verifiableCredential[0] as AnyJson;

        // About the wallet's DID, everything else as the original has it.
        expect(copy.id).not.toBe(original.id);
        expect(copy.credentialSubject.id).toBe(wallet.did);
        expect(copy.credentialSubject.identifier).toEqual(original.credentialSubject.identifier);
        expect(copy.credentialSubject.achievement).toEqual(original.credentialSubject.achievement);
        expect(copy.issuer).toEqual(original.issuer);
        expect(copy.validFrom).toBe(original.validFrom);
        expect(copy.validUntil).toBe(original.validUntil);
        expect(copy.relatedResource).toEqual([
          expect.objectContaining({
            id: `${current.baseUrl}/credentials/${uuidOf(original.id)}`,
            digestMultibase: expect.stringMatching(/^u/),
          }),
        ]);
        const [copyEntry] = statusEntriesOf(copy);
        const [originalEntry] = statusEntriesOf(original);
        expect(copyEntry?.statusListIndex).not.toBe(originalEntry?.statusListIndex);

        // It verifies here and with @digitalbazaar/vc, status lists fetched over HTTP.
        expect((await verify(current.baseUrl, copy)).body.verified).toBe(true);
        const documentLoader = async (url: string) =>
          url.startsWith(`${current.baseUrl}/status/`)
            ? { contextUrl: null, documentUrl: url, document: await (await fetch(url)).json() }
            : current.services.documentLoader(url);
        const direct = await vc.verifyCredential({
          credential: copy,
          suite: new DataIntegrityProof({ cryptosuite }),
          documentLoader,
          checkStatus,
        });
        expect(direct.verified).toBe(true);

        // The learner still holds one IT Passport: the copy counts once, as the same achievement.
        const progress = await request(
          'GET',
          `${current.baseUrl}/learners/progress?email=${encodeURIComponent(email)}`,
          undefined,
          { key: ADMIN_KEY },
        );
        const tiers = Object.fromEntries(
          (progress.body.tiers as AnyJson[]).map((tier) => [tier.achievement, tier]),
        );
        expect(tiers['dx-passport-1']?.met).toBe(true);
        expect(tiers['dx-passport-1']?.using).toEqual([original.id]);
        expect(tiers['dx-passport-2']?.met).toBe(false);

        expect(await offersOf(current, original.id)).toEqual([
          expect.objectContaining({
            id: offer.id,
            state: 'claimed',
            holder: wallet.did,
            copy: copy.id,
          }),
        ]);
      });

      it('takes the presentation bare, as some wallets send it', async () => {
        const current = await start();
        const { offer } = await offered(current);
        const wallet = await makeWallet(current.services.documentLoader);
        const claimed = await claimWith(wallet, offer.exchangeUrl, { bare: true });
        expect(claimed.status).toBe(200);
        const [copy] = claimed.body.verifiablePresentation.verifiableCredential as AnyJson[];
        expect(copy?.credentialSubject.id).toBe(wallet.did);
      });

      it('takes a holder proof made with eddsa-rdfc-2022 (Data Integrity) as well', async () => {
        const current = await start();
        const { offer } = await offered(current);
        const wallet = await makeWallet(current.services.documentLoader, 'eddsa-rdfc-2022');
        const claimed = await claimWith(wallet, offer.exchangeUrl);
        expect(claimed.status).toBe(200);
        const [copy] = claimed.body.verifiablePresentation.verifiableCredential as AnyJson[];
        expect(copy?.credentialSubject.id).toBe(wallet.did);
        expect((await verify(current.baseUrl, copy)).body.verified).toBe(true);
      });

      it('takes a VC 1.1 presentation, as wallets on older libraries make it', async () => {
        const current = await start();
        const { offer } = await offered(current);
        const wallet = await makeWallet(
          current.services.documentLoader,
          'Ed25519Signature2020',
          1.0,
        );
        const claimed = await claimWith(wallet, offer.exchangeUrl);
        expect(claimed.status).toBe(200);
        const [copy] = claimed.body.verifiablePresentation.verifiableCredential as AnyJson[];
        expect(copy?.credentialSubject.id).toBe(wallet.did);
      });

      it('lets an offer be claimed once: a second presentation, even a racing one, gets nothing', async () => {
        const current = await start();
        const { original, offer } = await offered(current);
        const first = await makeWallet(current.services.documentLoader);
        const second = await makeWallet(current.services.documentLoader);
        const asked = async () =>
          (await request('POST', offer.exchangeUrl, {})).body.verifiablePresentationRequest;
        const [a, b] = [await asked(), await asked()];
        const before = await credentialCount(current);
        const answers = await Promise.all([
          request('POST', offer.exchangeUrl, {
            verifiablePresentation: await first.authenticate(a.challenge, a.domain),
          }),
          request('POST', offer.exchangeUrl, {
            verifiablePresentation: await second.authenticate(b.challenge, b.domain),
          }),
        ]);
        expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
        const refused = answers.find((answer) => answer.status === 409);
        expect(refused?.contentType).toContain('application/problem+json');
        expect(refused?.body.type).toMatch(/offer-claimed$/);
        expect(await credentialCount(current)).toBe(before + 1);

        const again = await claimWith(second, offer.exchangeUrl);
        expect(again.status).toBe(409);
        expect(again.body.type).toMatch(/offer-claimed$/);
        expect(await credentialCount(current)).toBe(before + 1);
        expect((await offersOf(current, original.id)).map((o) => o.state)).toEqual(['claimed']);
      });

      it('refuses an expired offer, even with a challenge asked for in time', async () => {
        const current = await start();
        const { original, offer } = await offered(current);
        const wallet = await makeWallet(current.services.documentLoader);
        const asked = (await request('POST', offer.exchangeUrl, {})).body
          .verifiablePresentationRequest;
        const presentation = await wallet.authenticate(asked.challenge, asked.domain);
        const before = await credentialCount(current);
        now += 72 * HOUR_MS + 1;

        const late = await request('POST', offer.exchangeUrl, {
          verifiablePresentation: presentation,
        });
        expect(late.status).toBe(410);
        expect(late.body.type).toMatch(/offer-expired$/);
        expect((await request('POST', offer.exchangeUrl, {})).status).toBe(410);
        const interaction = await request('GET', offer.interactionUrl);
        expect(interaction.status).toBe(410);
        expect(await credentialCount(current)).toBe(before);
        expect((await offersOf(current, original.id)).map((o) => o.state)).toEqual(['expired']);
      });

      it('refuses a presentation over a challenge it did not ask for, or another offer’s', async () => {
        const current = await start();
        const { offer } = await offered(current);
        const other = (await offered(current)).offer;
        const wallet = await makeWallet(current.services.documentLoader);
        const asked = (await request('POST', offer.exchangeUrl, {})).body
          .verifiablePresentationRequest;
        const elsewhere = (await request('POST', other.exchangeUrl, {})).body
          .verifiablePresentationRequest;
        const before = await credentialCount(current);

        for (const challenge of [crypto.randomUUID(), elsewhere.challenge]) {
          const refused = await request('POST', offer.exchangeUrl, {
            verifiablePresentation: await wallet.authenticate(challenge, asked.domain),
          });
          expect(refused.status).toBe(422);
          expect(refused.body.type).toMatch(/presentation-challenge-mismatch$/);
          expect(refused.body.errors[0].field).toBe('verifiablePresentation.proof.challenge');
        }
        const otherDomain = await request('POST', offer.exchangeUrl, {
          verifiablePresentation: await wallet.authenticate(asked.challenge, 'evil.example'),
        });
        expect(otherDomain.status).toBe(422);
        expect(otherDomain.body.type).toMatch(/holder-not-proven$/);
        expect(await credentialCount(current)).toBe(before);

        // The offer is still there to claim with the challenge it asked for.
        const claimed = await request('POST', offer.exchangeUrl, {
          verifiablePresentation: await wallet.authenticate(asked.challenge, asked.domain),
        });
        expect(claimed.status).toBe(200);
      });

      it('refuses a presentation signed by a key other than its holder’s, and an unsigned one', async () => {
        const current = await start();
        const { original, offer } = await offered(current);
        const holder = await makeWallet(current.services.documentLoader);
        const thief = await makeWallet(current.services.documentLoader);
        const asked = (await request('POST', offer.exchangeUrl, {})).body
          .verifiablePresentationRequest;
        const before = await credentialCount(current);

        const forged = await request('POST', offer.exchangeUrl, {
          verifiablePresentation: await thief.authenticate(
            asked.challenge,
            asked.domain,
            holder.did,
          ),
        });
        expect(forged.status).toBe(422);
        expect(forged.body.type).toMatch(/holder-not-proven$/);
        expect(forged.body.detail).toContain(`not by the holder ${holder.did}`);
        const unsigned = await request('POST', offer.exchangeUrl, {
          verifiablePresentation: vc.createPresentation({ holder: holder.did }),
        });
        expect(unsigned.status).toBe(422);
        expect(await credentialCount(current)).toBe(before);
        expect((await offersOf(current, original.id)).map((o) => o.state)).toEqual(['offered']);
      });

      it('revokes the copy in the wallet when the original is revoked', async () => {
        const current = await start();
        const { original, offer } = await offered(current);
        const wallet = await makeWallet(current.services.documentLoader);
        const claimed = await claimWith(wallet, offer.exchangeUrl);
        const [copy] = claimed.body.verifiablePresentation.verifiableCredential as AnyJson[];
        if (!copy) throw new Error('no copy');
        expect(await stateOf(current.baseUrl, copy.id)).toBe('active');

        expect((await changeStatus(current.baseUrl, original.id, 'revoke')).status).toBe(200);
        expect(await stateOf(current.baseUrl, copy.id)).toBe('revoked');
        const report = await verify(current.baseUrl, copy);
        expect(report.body.verified).toBe(false);
        const revocation = (report.body.checks as AnyJson[]).find(
          (check) => check.id === 'status.revocation',
        );
        expect(revocation?.outcome).toBe('failure');
        // Nothing revoked can be offered again.
        const refused = await request(
          'POST',
          `${current.baseUrl}/credentials/${uuidOf(original.id)}/offers`,
          undefined,
          { key: ADMIN_KEY },
        );
        expect(refused.status).toBe(409);
        expect(refused.body.type).toMatch(/credential-not-offerable$/);
      });

      it('shows the learner a private claim page with the QR code and the wallet button, in three languages', async () => {
        const current = await start();
        const { original, offer } = await offered(current);
        const page = await fetch(offer.claimPage, { headers: { accept: 'text/html' } });
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(page.headers.get('cache-control')).toBe('no-store');
        const text = await page.text();
        expect(text).toContain('Add to your wallet');
        expect(text).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
        expect(text).toContain(`href="${offer.lcwDeepLink.replace(/&/g, '&amp;')}"`);
        expect(text).toContain('noindex');
        for (const [lang, heading] of [
          ['ja', 'ウォレットに追加'],
          ['zh-TW', '加入數位錢包'],
        ]) {
          const translated = await (await fetch(`${offer.claimPage}?lang=${lang}`)).text();
          expect(translated).toContain(heading);
        }
        // A browser opening the interaction URL lands on the claim page.
        const browser = await fetch(offer.interactionUrl, {
          headers: { accept: 'text/html' },
          redirect: 'manual',
        });
        expect(browser.status).toBe(303);
        expect(browser.headers.get('location')).toBe(offer.claimPage);
        // The employer's view of the credential carries no way to claim it.
        const publicPage = await (
          await fetch(`${current.baseUrl}/c/${uuidOf(original.id)}`, {
            headers: { accept: 'text/html' },
          })
        ).text();
        const token = new URL(offer.exchangeUrl).pathname.split('/').pop() ?? '';
        expect(publicPage).not.toContain(token);
        expect(publicPage).not.toContain('lcw.app/request');

        const wallet = await makeWallet(current.services.documentLoader);
        await claimWith(wallet, offer.exchangeUrl);
        const after = await (await fetch(offer.claimPage)).text();
        expect(after).toContain('was added to a wallet');
        expect(after).not.toContain('lcw.app/request');
      });

      it("answers only the credential's issuer or the admin, and names what is wrong", async () => {
        const current = await start({ WALLET_OFFER_HOURS: '2' });
        const { original, offer } = await offered(current);
        expect(offer.expiresAt).toBe(new Date(now + 2 * HOUR_MS).toISOString());
        const other = await createIssuer(current.baseUrl, 'other-ngo');
        const path = `${current.baseUrl}/credentials/${uuidOf(original.id)}/offers`;
        const foreign = await request('POST', path, undefined, { key: other.apiKey });
        expect(foreign.status).toBe(403);
        expect((await request('GET', path, undefined, { key: other.apiKey })).status).toBe(403);
        expect((await request('POST', path)).status).toBe(401);
        const unknown = await request(
          'POST',
          `${current.baseUrl}/credentials/${crypto.randomUUID()}/offers`,
          undefined,
          { key: ADMIN_KEY },
        );
        expect(unknown.status).toBe(404);

        const nonsense = await request('POST', offer.exchangeUrl, { hello: 'wallet' });
        expect(nonsense.status).toBe(422);
        expect(nonsense.body.errors[0].field).toBe('verifiablePresentation');
        const notObject = await request('POST', offer.exchangeUrl, { verifiablePresentation: 7 });
        expect(notObject.status).toBeGreaterThanOrEqual(400);
        expect(notObject.status).toBeLessThan(500);
        expect(JSON.stringify(notObject.body)).toContain('verifiablePresentation');
        const noSuchOffer = await request(
          'POST',
          `${current.baseUrl}/exchanges/${'A'.repeat(43)}`,
          {},
        );
        expect(noSuchOffer.status).toBe(404);
        expect((await request('GET', `${current.baseUrl}/claim/not-a-token`)).status).toBe(404);
        expect((await offersOf(current, original.id)).map((o) => o.state)).toEqual(['offered']);
      });
    },
  );
}

describe('WALLET_OFFER_HOURS', () => {
  const base = { ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'silent' };
  it('defaults to three days and refuses what is not a whole number of hours from 1 to 720', () => {
    expect(loadConfig(base).walletOfferHours).toBe(72);
    for (const bad of ['0', '721', 'soon', '1.5']) {
      expect(() => loadConfig({ ...base, WALLET_OFFER_HOURS: bad })).toThrow(/WALLET_OFFER_HOURS/);
    }
  });
});
