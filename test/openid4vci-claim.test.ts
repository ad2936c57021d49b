// Claiming a credential into an EU-style wallet through the real app, on each store: the wallet
// is the holder side of @openid4vc/openid4vci going credential offer (by reference) → issuer
// metadata → token (pre-authorized code, with and without a PIN) → nonce → credential; the offer
// is the same one the VC-API exchange claims, so it is claimed once by either protocol.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { createPrivateKey, createPublicKey, sign, verify as verifySignature } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { awardModule, changeStatus, stateOf } from './helpers/catalogAwards.js';
import { request, statusEntriesOf, verify, type AnyJson } from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import { didKeyHolder, jwkHolder, Oid4vciWallet, refusalOf } from './helpers/oid4vciWallet.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { claimWith, makeWallet } from './helpers/testWallet.js';

const STORES = ['sqlite', 'mongo'] as const;
const mongo = mongoTarget();
const HOUR_MS = 3_600_000;
const LDP = 'OpenBadgeCredential_ldp_vc';
const JWT = 'OpenBadgeCredential_jwt_vc_json';
const SD_JWT = 'OpenBadgeCredential_dc+sd-jwt';

/** An Ed25519 signature check by a JWK, as the SD-JWT libraries call it back. */
const verifierOf =
  (jwk: object) =>
  (data: string, signature: string): boolean =>
    verifySignature(
      null,
      Buffer.from(data),
      createPublicKey({ key: jwk as never, format: 'jwk' }),
      Buffer.from(signature, 'base64url'),
    );

/** The issuer's public key named by the SD-JWT's kid (a did:key here: PUBLIC_URL is http). */
async function issuerJwkOf(sdJwt: string): Promise<object> {
  const header = JSON.parse(Buffer.from(sdJwt.split('.')[0] ?? '', 'base64url').toString('utf8'));
  const [, publicKeyMultibase] = String(header.kid).split('#');
  const keyPair = await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase });
  return Ed25519Multikey.toJwk({ keyPair });
}

/** The payload of a compact JWS (its signature is checked by the verifiers, not here). */
const payloadOf = (jwt: string): AnyJson =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));

const uuidOf = (id: string) => id.replace('urn:uuid:', '');

for (const store of STORES) {
  describe.skipIf(store === 'mongo' && mongo.uri === undefined)(
    `claiming into an OpenID4VCI wallet on the ${store} store`,
    () => {
      let app: TestApp | undefined;
      let now = Date.parse('2026-12-01T09:00:00.000Z');

      const start = async () => {
        now = Date.parse('2026-12-01T09:00:00.000Z');
        app = await startTestApp({ store, clock: () => new Date(now) });
        return app;
      };
      afterEach(async () => {
        await app?.close();
        app = undefined;
      });

      /** An it-passport module for a new learner, and an offer of it (with a PIN if asked). */
      async function offered(
        current: TestApp,
        options: { txCode?: boolean; extra?: Record<string, unknown> } = {},
      ) {
        const email = `ana+${crypto.randomUUID()}@example.org`;
        const awarded = await awardModule(current.baseUrl, 'it-passport', email, options.extra);
        expect(awarded.status).toBe(201);
        const original = awarded.body.credential as AnyJson;
        const offer = await request(
          'POST',
          `${current.baseUrl}/credentials/${uuidOf(original.id)}/offers${options.txCode ? '?txCode=true' : ''}`,
          undefined,
          { key: ADMIN_KEY },
        );
        expect(offer.status).toBe(201);
        return { email, original, offer: offer.body };
      }

      async function credentialCount(current: TestApp): Promise<number> {
        let count = 0;
        for await (const entry of current.store.exportRecords(['credentials'])) {
          if (entry.collection === 'credentials') count += 1;
        }
        return count;
      }

      async function offerStates(current: TestApp, credentialId: string) {
        const listed = await request(
          'GET',
          `${current.baseUrl}/credentials/${uuidOf(credentialId)}/offers`,
          undefined,
          { key: ADMIN_KEY },
        );
        return (listed.body.offers as AnyJson[]).map((o) => o.state);
      }

      /** The learner still holds one IT Passport: a copy counts once, as the same achievement. */
      async function expectCountedOnce(current: TestApp, email: string, original: AnyJson) {
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
      }

      it('serves issuer and authorization-server metadata at the well-known paths inserted after the host', async () => {
        const current = await start();
        const { offer } = await offered(current);
        expect(offer.openid4vciOffer).toBe(
          `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(offer.credentialOfferUri)}`,
        );
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const { offer: resolved, metadata } = await wallet.resolve(offer.openid4vciOffer);
        const slug = resolved.credential_issuer.split('/').pop();
        expect(resolved.credential_issuer).toBe(`${current.baseUrl}/issuers/${slug}`);
        expect(resolved.credential_configuration_ids).toEqual(
          expect.arrayContaining([LDP, 'OpenBadgeCredential_jwt_vc_json']),
        );
        expect(
          resolved.grants?.['urn:ietf:params:oauth:grant-type:pre-authorized_code']?.tx_code,
        ).toBeUndefined();
        expect(metadata.originalDraftVersion).toBe('V1');
        expect(metadata.credentialIssuer.nonce_endpoint).toBe(
          `${current.baseUrl}/issuers/${slug}/oid4vci/nonce`,
        );
        expect(metadata.authorizationServers[0]?.token_endpoint).toBe(
          `${current.baseUrl}/issuers/${slug}/oid4vci/token`,
        );
        const wellKnown = await request(
          'GET',
          `${current.baseUrl}/.well-known/openid-credential-issuer/issuers/${slug}`,
        );
        expect(wellKnown.status).toBe(200);
        expect(wellKnown.body.credential_configurations_supported[LDP]).toMatchObject({
          format: 'ldp_vc',
          credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
          proof_types_supported: {
            jwt: { proof_signing_alg_values_supported: ['EdDSA', 'ES256'] },
          },
        });
        expect(
          (
            await request(
              'GET',
              `${current.baseUrl}/.well-known/openid-credential-issuer/issuers/nobody`,
            )
          ).status,
        ).toBe(404);
      });

      it('issues an ldp_vc copy to the holder’s did:key that verifies and counts once for stacking', async () => {
        const current = await start();
        const { email, original, offer } = await offered(current);
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const copy = (await wallet.claim(offer.openid4vciOffer, LDP)) as AnyJson;

        expect(copy.id).not.toBe(original.id);
        expect(copy.credentialSubject.id).toBe(wallet.holder.did);
        expect(copy.credentialSubject.achievement).toEqual(original.credentialSubject.achievement);
        expect(copy.credentialSubject.identifier).toEqual(original.credentialSubject.identifier);
        expect(copy.issuer).toEqual(original.issuer);
        const [copyEntry] = statusEntriesOf(copy);
        const [originalEntry] = statusEntriesOf(original);
        expect(copyEntry?.statusListIndex).not.toBe(originalEntry?.statusListIndex);

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
        await expectCountedOnce(current, email, original);
        expect(await offerStates(current, original.id)).toEqual(['claimed']);

        // Revoking the original revokes the copy in the wallet.
        expect((await changeStatus(current.baseUrl, original.id, 'revoke')).status).toBe(200);
        expect(await stateOf(current.baseUrl, copy.id)).toBe('revoked');
      });

      it('issues a jwt_vc_json copy (vc+jwt, EdDSA) to the holder’s DID that our verifier accepts, counted once', async () => {
        const current = await start();
        const { email, original, offer } = await offered(current);
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const jwt = await wallet.claim(offer.openid4vciOffer, JWT);
        expect(typeof jwt).toBe('string');
        const header = JSON.parse(
          Buffer.from(String(jwt).split('.')[0] ?? '', 'base64url').toString('utf8'),
        );
        expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
        const copy = payloadOf(String(jwt));
        expect(copy.id).not.toBe(original.id);
        expect(copy.credentialSubject.id).toBe(wallet.holder.did);
        expect(copy.credentialSubject.achievement).toEqual(original.credentialSubject.achievement);
        const report = await verify(current.baseUrl, jwt);
        expect(report.body.verified).toBe(true);
        await expectCountedOnce(current, email, original);

        expect(await offerStates(current, original.id)).toEqual(['claimed']);
        expect((await request('GET', offer.credentialOfferUri)).status).toBe(409);
      });

      it('hands the one copy out in each format the holder asks for with its token, never a second copy', async () => {
        const current = await start();
        const { email, original, offer } = await offered(current);
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const { offer: resolved, metadata } = await wallet.resolve(offer.openid4vciOffer);
        const accessToken = await wallet.token(resolved, metadata);
        const ask = async (configuration: string) =>
          wallet.credential(
            metadata,
            accessToken,
            configuration,
            await wallet.proof(metadata, configuration, await wallet.nonce(metadata)),
          );
        const before = await credentialCount(current);
        const ldp = (await ask(LDP)) as AnyJson;
        const jwt = payloadOf(String(await ask(JWT)));
        expect(jwt.id).toBe(ldp.id);
        expect(await credentialCount(current)).toBe(before + 1);
        await expectCountedOnce(current, email, original);

        // Another holder with a token of its own gets nothing: the offer is taken.
        const other = new Oid4vciWallet(await didKeyHolder());
        const otherToken = await refusalOf(other.token(resolved, metadata));
        expect(otherToken.error).toBe('invalid_grant');
      });

      it('issues a dc+sd-jwt copy: bound to the holder key, achievement and issuer always shown, identifier and evidence at the holder’s choice, status by Token Status List', async () => {
        const current = await start();
        const evidence = [{ name: 'Exam result', narrative: 'Passed with 780 of 1000 points' }];
        const { email, original, offer } = await offered(current, { extra: { evidence } });
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const sdJwt = String(await wallet.claim(offer.openid4vciOffer, SD_JWT));
        const header = JSON.parse(
          Buffer.from(sdJwt.split('.')[0] ?? '', 'base64url').toString('utf8'),
        );
        expect(header).toMatchObject({ alg: 'EdDSA', typ: 'dc+sd-jwt' });
        const holderKey = createPrivateKey({
          key: wallet.holder.privateJwk as never,
          format: 'jwk',
        });
        const sdJwtVc = new SDJwtVcInstance({
          hasher: digest,
          hashAlg: 'sha-256',
          verifier: verifierOf(await issuerJwkOf(sdJwt)),
          kbSigner: (data) => sign(null, Buffer.from(data), holderKey).toString('base64url'),
          kbSignAlg: 'EdDSA',
          kbVerifier: (data, signature, payload) =>
            verifierOf((payload.cnf as { jwk: object }).jwk)(data, signature),
          loadTypeMetadataFormat: true,
        });

        // Everything disclosed: the claims the copy has, about the holder's DID.
        const full = await sdJwtVc.verify(sdJwt);
        expect(full.payload.vct).toBe(`${current.baseUrl}/vct/open-badge-credential`);
        expect(full.payload.sub).toBe(wallet.holder.did);
        expect((full.payload.cnf as { jwk: object }).jwk).toEqual(wallet.holder.publicJwk);
        expect(full.payload.iss).toBe(original.issuer.id);
        expect(full.payload.achievement).toMatchObject({
          name: original.credentialSubject.achievement.name,
        });
        expect(full.payload.identifier).toEqual(original.credentialSubject.identifier);
        expect(full.payload.evidence).toEqual([expect.objectContaining(evidence[0])]);
        expect(full.payload.status).toEqual({
          status_list: { idx: expect.any(Number), uri: expect.stringContaining('/status-lists/') },
        });
        expect(full.typeMetadata?.mergedTypeMetadata.name).toBe('Open Badge');

        // The holder shows the identifier but not the evidence, bound to a verifier's nonce.
        const presented = await sdJwtVc.present(
          sdJwt,
          { identifier: true },
          {
            kb: {
              payload: {
                iat: Math.floor(now / 1000),
                aud: 'https://employer.example',
                nonce: 'n-1',
              },
            },
          },
        );
        const shown = await sdJwtVc.verify(presented, {
          requireKeyBindings: true,
          keyBindingNonce: 'n-1',
        });
        expect(shown.payload.identifier).toEqual(original.credentialSubject.identifier);
        expect(shown.payload.evidence).toBeUndefined();
        expect(shown.payload.achievement).toMatchObject({
          name: original.credentialSubject.achievement.name,
        });
        expect(shown.payload.issuer_name).toBeTruthy();
        // And nothing but what is always shown.
        const bare = await sdJwtVc.verify(await sdJwtVc.present(sdJwt, {}));
        expect(bare.payload.identifier).toBeUndefined();
        expect(bare.payload.evidence).toBeUndefined();
        expect(bare.payload.achievement).toBeDefined();
        await expectCountedOnce(current, email, original);

        // Revoking the original revokes the copy: the status list token says so.
        expect((await changeStatus(current.baseUrl, original.id, 'revoke')).status).toBe(200);
        await expect(sdJwtVc.verify(sdJwt)).rejects.toThrow(/[Ss]tatus/);
      });

      it('shows both wallets on the learner’s claim page, in three languages, with the PIN note when there is one', async () => {
        const current = await start();
        const { offer } = await offered(current, { txCode: true });
        const page = await (
          await fetch(offer.claimPage, { headers: { accept: 'text/html' } })
        ).text();
        expect(page).toContain('EU wallets (OpenID4VCI)');
        expect(page).toContain(`href="${offer.openid4vciOffer}"`);
        expect(page).toContain(`href="${offer.lcwDeepLink.replace(/&/g, '&amp;')}"`);
        expect(page.match(/<img\s+src="data:image\/png;base64,/g)).toHaveLength(2);
        expect(page).toContain('use the one your issuer gave you');
        expect(page).not.toContain(offer.txCode);
        for (const [lang, heading] of [
          ['ja', 'EU のウォレット（OpenID4VCI）'],
          ['zh-TW', '歐盟錢包（OpenID4VCI）'],
        ]) {
          expect(await (await fetch(`${offer.claimPage}?lang=${lang}`)).text()).toContain(heading);
        }
        const noPin = (await offered(current)).offer;
        // Only the page's words: the QR's base64 may spell "PIN" by chance.
        const noPinText = (await (await fetch(noPin.claimPage)).text()).replace(
          /data:image\/png;base64,[A-Za-z0-9+/=]+/g,
          '',
        );
        expect(noPinText).not.toContain('PIN');

        const wallet = new Oid4vciWallet(await didKeyHolder());
        await wallet.claim(offer.openid4vciOffer, LDP, offer.txCode);
        const after = await (await fetch(offer.claimPage)).text();
        expect(after).toContain('was added to a wallet');
        expect(after).not.toContain('openid-credential-offer://');
      });

      it('takes a P-256 jwk holder key, issuing to its did:jwk', async () => {
        const current = await start();
        const { offer } = await offered(current);
        const wallet = new Oid4vciWallet(await jwkHolder());
        const copy = (await wallet.claim(offer.openid4vciOffer, LDP)) as AnyJson;
        // A bare jwk names no DID: the copy names the key as did:jwk.
        const subject = String(copy.credentialSubject.id);
        expect(subject).toMatch(/^did:jwk:/);
        const named = JSON.parse(
          Buffer.from(subject.slice('did:jwk:'.length), 'base64url').toString(),
        );
        expect(named).toEqual(wallet.holder.publicJwk);
        expect((await verify(current.baseUrl, copy)).body.verified).toBe(true);
      });

      it('asks for the PIN when the offer has one: the right one claims, a wrong one is invalid_grant', async () => {
        const current = await start();
        const { original, offer } = await offered(current, { txCode: true });
        expect(offer.txCode).toMatch(/^\d{6}$/);
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const { offer: resolved, metadata } = await wallet.resolve(offer.openid4vciOffer);
        expect(
          resolved.grants?.['urn:ietf:params:oauth:grant-type:pre-authorized_code']?.tx_code,
        ).toEqual(expect.objectContaining({ input_mode: 'numeric', length: 6 }));
        const before = await credentialCount(current);
        const wrongPin = offer.txCode === '000000' ? '111111' : '000000';
        const wrong = await refusalOf(wallet.token(resolved, metadata, wrongPin));
        expect(wrong).toMatchObject({ status: 400, error: 'invalid_grant' });
        expect(await credentialCount(current)).toBe(before);
        expect(await offerStates(current, original.id)).toEqual(['offered']);

        // A typo does not spend the code: the right PIN still redeems it.
        const accessToken = await wallet.token(resolved, metadata, offer.txCode);
        const nonce = await wallet.nonce(metadata);
        const copy = (await wallet.credential(
          metadata,
          accessToken,
          LDP,
          await wallet.proof(metadata, LDP, nonce),
        )) as AnyJson;
        expect(copy.credentialSubject.id).toBe(wallet.holder.did);
        expect(await credentialCount(current)).toBe(before + 1);
      });

      it('stops guessing the PIN after five tries', async () => {
        const current = await start();
        const { offer } = await offered(current, { txCode: true });
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const { offer: resolved, metadata } = await wallet.resolve(offer.openid4vciOffer);
        const wrongPin = offer.txCode === '000000' ? '111111' : '000000';
        for (let attempt = 0; attempt < 5; attempt += 1) {
          expect((await refusalOf(wallet.token(resolved, metadata, wrongPin))).error).toBe(
            'invalid_grant',
          );
        }
        const locked = await refusalOf(wallet.token(resolved, metadata, offer.txCode));
        expect(locked.error).toBe('invalid_grant');
        expect(locked.error_description).toMatch(/5 times/);
      });

      it('spends a pre-authorized code once, and refuses an offer claimed already, by either protocol', async () => {
        const current = await start();
        const { original, offer } = await offered(current);
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const { offer: resolved, metadata } = await wallet.resolve(offer.openid4vciOffer);
        // A second fetch of the offer gets its own code; one claim takes the offer.
        const { offer: again } = await wallet.resolve(offer.openid4vciOffer);
        const accessToken = await wallet.token(resolved, metadata);
        const reused = await refusalOf(wallet.token(resolved, metadata));
        expect(reused).toMatchObject({ status: 400, error: 'invalid_grant' });
        const nonce = await wallet.nonce(metadata);
        await wallet.credential(
          metadata,
          accessToken,
          LDP,
          await wallet.proof(metadata, LDP, nonce),
        );
        const before = await credentialCount(current);

        const afterClaim = await refusalOf(wallet.token(again, metadata));
        expect(afterClaim).toMatchObject({ status: 400, error: 'invalid_grant' });
        expect(afterClaim.error_description).toMatch(/claimed already/);
        const offerAgain = await request('GET', offer.credentialOfferUri);
        expect(offerAgain.status).toBe(409);
        // Nor can the VC-API exchange claim it now.
        const lcw = await makeWallet(current.services.documentLoader);
        expect((await claimWith(lcw, offer.exchangeUrl)).status).toBe(409);
        expect(await credentialCount(current)).toBe(before);
        expect(await offerStates(current, original.id)).toEqual(['claimed']);
      });

      it('refuses an offer claimed through the VC-API exchange first', async () => {
        const current = await start();
        const { offer } = await offered(current);
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const { offer: resolved, metadata } = await wallet.resolve(offer.openid4vciOffer);
        const lcw = await makeWallet(current.services.documentLoader);
        expect((await claimWith(lcw, offer.exchangeUrl)).status).toBe(200);
        const before = await credentialCount(current);
        const refused = await refusalOf(wallet.token(resolved, metadata));
        expect(refused).toMatchObject({ status: 400, error: 'invalid_grant' });
        expect(await credentialCount(current)).toBe(before);
      });

      it('refuses an expired offer and an expired code with invalid_grant, issuing nothing', async () => {
        const current = await start();
        const { original, offer } = await offered(current);
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const { offer: resolved, metadata } = await wallet.resolve(offer.openid4vciOffer);
        const before = await credentialCount(current);
        now += 11 * 60_000;
        const staleCode = await refusalOf(wallet.token(resolved, metadata));
        expect(staleCode).toMatchObject({ status: 400, error: 'invalid_grant' });
        expect(staleCode.error_description).toMatch(/[Ee]xpired/);

        const { offer: fresh } = await wallet.resolve(offer.openid4vciOffer);
        now += 72 * HOUR_MS;
        const expired = await refusalOf(wallet.token(fresh, metadata));
        expect(expired).toMatchObject({ status: 400, error: 'invalid_grant' });
        expect((await request('GET', offer.credentialOfferUri)).status).toBe(410);
        expect(await credentialCount(current)).toBe(before);
        expect(await offerStates(current, original.id)).toEqual(['expired']);
      });

      it('refuses a proof over a nonce it did not hand out, or a used one, with invalid_nonce', async () => {
        const current = await start();
        const { original, offer } = await offered(current);
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const { offer: resolved, metadata } = await wallet.resolve(offer.openid4vciOffer);
        const accessToken = await wallet.token(resolved, metadata);
        const before = await credentialCount(current);
        const made = await refusalOf(
          wallet.credential(
            metadata,
            accessToken,
            LDP,
            await wallet.proof(metadata, LDP, 'made-up-nonce'),
          ),
        );
        expect(made).toMatchObject({ status: 400, error: 'invalid_nonce' });
        const nonce = await wallet.nonce(metadata);
        now += 6 * 60_000;
        const stale = await refusalOf(
          wallet.credential(metadata, accessToken, LDP, await wallet.proof(metadata, LDP, nonce)),
        );
        expect(stale.error).toBe('invalid_nonce');
        expect(await credentialCount(current)).toBe(before);
        expect(await offerStates(current, original.id)).toEqual(['offered']);

        const fresh = await wallet.nonce(metadata);
        const proof = await wallet.proof(metadata, LDP, fresh);
        await wallet.credential(metadata, accessToken, LDP, proof);
        const replay = await refusalOf(wallet.credential(metadata, accessToken, LDP, proof));
        expect(replay.error).toBe('invalid_nonce');
        expect(await credentialCount(current)).toBe(before + 1);
      });

      it('refuses a proof signed by another key than its kid with invalid_proof, and a bad token with invalid_token', async () => {
        const current = await start();
        const { original, offer } = await offered(current);
        const wallet = new Oid4vciWallet(await didKeyHolder());
        const thief = await didKeyHolder();
        const { offer: resolved, metadata } = await wallet.resolve(offer.openid4vciOffer);
        const accessToken = await wallet.token(resolved, metadata);
        const before = await credentialCount(current);

        wallet.signingKey = thief.privateJwk;
        const forged = await wallet.proof(metadata, LDP, await wallet.nonce(metadata));
        const refused = await refusalOf(wallet.credential(metadata, accessToken, LDP, forged));
        expect(refused).toMatchObject({ status: 400, error: 'invalid_proof' });
        wallet.signingKey = wallet.holder.privateJwk;

        // A symmetric key in the header binds nothing: HS256 is not a proof algorithm here.
        const secret = crypto.getRandomValues(new Uint8Array(32));
        const oct = { kty: 'oct', k: Buffer.from(secret).toString('base64url') };
        const symmetric = await new SignJWT({
          aud: metadata.credentialIssuer.credential_issuer,
          iat: Math.floor(now / 1000),
          nonce: await wallet.nonce(metadata),
        })
          .setProtectedHeader({ alg: 'HS256', typ: 'openid4vci-proof+jwt', jwk: oct as never })
          .sign(secret);
        const hs = await fetch(metadata.credentialIssuer.credential_endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: JSON.stringify({ credential_configuration_id: LDP, proofs: { jwt: [symmetric] } }),
        });
        expect(hs.status).toBe(400);
        expect(await hs.json()).toMatchObject({ error: 'invalid_proof' });

        const proof = await wallet.proof(metadata, LDP, await wallet.nonce(metadata));
        const badToken = await refusalOf(wallet.credential(metadata, 'not-a-token', LDP, proof));
        expect(badToken).toMatchObject({ status: 401, error: 'invalid_token' });
        // The library will not ask for a configuration the metadata lacks: ask as a bare client.
        const unknown = await fetch(metadata.credentialIssuer.credential_endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: JSON.stringify({
            credential_configuration_id: 'SomethingElse',
            proofs: { jwt: [proof] },
          }),
        });
        expect(unknown.status).toBe(400);
        expect(await unknown.json()).toMatchObject({ error: 'unknown_credential_configuration' });
        expect(await credentialCount(current)).toBe(before);
        expect(await offerStates(current, original.id)).toEqual(['offered']);
      });
    },
  );
}
