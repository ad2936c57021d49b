// The WalletStore contract: offers found by their token's hash, challenges and the one claim per
// offer claimed by insert, the same tests on every adapter.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store, WalletClaimRecord, WalletOfferRecord } from '../../../src/store/port.js';
import { DuplicateKeyError } from '../../../src/store/port.js';
import { credential, issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

const original = credential({ createdAt: '2026-01-01T00:00:00.000Z' });

function offer(fields: Partial<WalletOfferRecord> = {}): WalletOfferRecord {
  return {
    id: randomUUID(),
    tokenHash: randomUUID().replace(/-/g, '').repeat(2),
    issuerSlug: 'ngo',
    credentialId: original.id,
    createdAt: '2026-01-02T00:00:00.000Z',
    expiresAt: '2026-01-05T00:00:00.000Z',
    ...fields,
  };
}

function claim(offerId: string, fields: Partial<WalletClaimRecord> = {}): WalletClaimRecord {
  return {
    offerId,
    originalId: original.id,
    copyId: randomUUID(),
    holderDid: 'did:key:z6MkholderExample',
    claimedAt: '2026-01-03T00:00:00.000Z',
    ...fields,
  };
}

describeOnEachStore('WalletStore', (current) => {
  let store: Store;
  beforeEach(async () => {
    store = current();
    await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
    await store.insertCredential(original);
  });

  describe('offers', () => {
    it('finds an offer by its token hash, with every field as stored', async () => {
      const made = offer();
      await store.insertWalletOffer(made);
      expect(await store.findWalletOfferByTokenHash(made.tokenHash)).toEqual(made);
      expect(await store.findWalletOffer(made.id)).toEqual(made);
      expect(await store.findWalletOffer(randomUUID())).toBeUndefined();
      expect(await store.findWalletOfferByTokenHash('ff'.repeat(32))).toBeUndefined();
    });

    it('refuses a second offer with the same token hash', async () => {
      const made = offer();
      await store.insertWalletOffer(made);
      await expect(
        store.insertWalletOffer(offer({ tokenHash: made.tokenHash })),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    it("lists a credential's offers oldest first", async () => {
      const later = offer({ createdAt: '2026-01-04T00:00:00.000Z' });
      const earlier = offer({ createdAt: '2026-01-02T00:00:00.000Z' });
      await store.insertWalletOffer(later);
      await store.insertWalletOffer(earlier);
      expect(await store.listWalletOffersOfCredential(original.id)).toEqual([earlier, later]);
      expect(await store.listWalletOffersOfCredential(randomUUID())).toEqual([]);
    });
  });

  describe('challenges', () => {
    it('stores a challenge once and finds it by its value', async () => {
      const made = offer();
      await store.insertWalletOffer(made);
      const record = { challenge: randomUUID(), offerId: made.id, createdAt: made.createdAt };
      await store.insertWalletChallenge(record);
      expect(await store.findWalletChallenge(record.challenge)).toEqual(record);
      await expect(store.insertWalletChallenge(record)).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.findWalletChallenge(randomUUID())).toBeUndefined();
    });
  });

  describe('claims', () => {
    it('claims an offer once, even when claims race', async () => {
      const made = offer();
      await store.insertWalletOffer(made);
      const racing = await Promise.allSettled(
        Array.from({ length: 5 }, () => store.insertWalletClaim(claim(made.id))),
      );
      expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const lost of racing.filter((r) => r.status === 'rejected')) {
        expect(lost.reason).toBeInstanceOf(DuplicateKeyError);
      }
      const kept = await store.findWalletClaim(made.id);
      expect(kept?.offerId).toBe(made.id);
    });

    it('gives a claim back only for the copy it names, so the offer can be claimed again', async () => {
      const made = offer();
      await store.insertWalletOffer(made);
      const first = claim(made.id);
      await store.insertWalletClaim(first);
      await store.deleteWalletClaim(made.id, randomUUID());
      expect(await store.findWalletClaim(made.id)).toEqual(first);
      await store.deleteWalletClaim(made.id, first.copyId);
      expect(await store.findWalletClaim(made.id)).toBeUndefined();
      const second = claim(made.id);
      await store.insertWalletClaim(second);
      expect(await store.findWalletClaim(made.id)).toEqual(second);
    });

    it("lists the claims of a credential's offers, oldest first", async () => {
      const a = offer();
      const b = offer();
      await store.insertWalletOffer(a);
      await store.insertWalletOffer(b);
      const later = claim(a.id, { claimedAt: '2026-01-04T00:00:00.000Z' });
      const earlier = claim(b.id, { claimedAt: '2026-01-03T00:00:00.000Z' });
      await store.insertWalletClaim(later);
      await store.insertWalletClaim(earlier);
      expect(await store.listWalletClaimsOfOriginal(original.id)).toEqual([earlier, later]);
      expect(await store.listWalletClaimsOfOriginal(randomUUID())).toEqual([]);
    });

    it('counts offers as offered, claimed or expired at an instant', async () => {
      const at = '2026-01-04T00:00:00.000Z';
      expect(await store.countWalletOffersByState(at)).toEqual({
        offered: 0,
        claimed: 0,
        expired: 0,
      });
      const open = [offer(), offer(), offer()];
      const ranOut = [offer({ expiresAt: '2026-01-03T00:00:00.000Z' }), offer({ expiresAt: at })];
      for (const one of [...open, ...ranOut]) await store.insertWalletOffer(one);
      // One open offer claimed, and one claimed before it ran out.
      await store.insertWalletClaim(claim(open[0]!.id));
      await store.insertWalletClaim(
        claim(ranOut[0]!.id, { claimedAt: '2026-01-02T12:00:00.000Z' }),
      );
      expect(await store.countWalletOffersByState(at)).toEqual({
        offered: 2,
        claimed: 2,
        expired: 1,
      });
    });
  });

  describe('grants', () => {
    it('stores a grant once under its key, with or without an offer, as stored', async () => {
      const made = offer();
      await store.insertWalletOffer(made);
      const code = {
        key: `pre-authorized_code:${randomUUID()}`,
        offerId: made.id,
        createdAt: '2026-01-02T00:00:00.000Z',
        expiresAt: '2026-01-02T00:10:00.000Z',
      };
      const pin = { ...code, key: `tx_code:${made.id}`, secretHash: 'ab'.repeat(32) };
      const nonce = {
        key: `c_nonce:${randomUUID()}`,
        createdAt: '2026-01-02T00:00:00.000Z',
        expiresAt: '2026-01-02T00:05:00.000Z',
      };
      for (const grant of [code, pin, nonce]) {
        await store.insertWalletGrant(grant);
        expect(await store.findWalletGrant(grant.key)).toEqual(grant);
      }
      expect(await store.findWalletGrant('c_nonce:unknown')).toBeUndefined();
    });

    it('takes a key once, even when inserts race', async () => {
      const key = `c_nonce-used:${randomUUID()}`;
      const racing = await Promise.allSettled(
        Array.from({ length: 5 }, () =>
          store.insertWalletGrant({
            key,
            createdAt: '2026-01-02T00:00:00.000Z',
            expiresAt: '2026-01-02T00:05:00.000Z',
          }),
        ),
      );
      expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const lost of racing.filter((r) => r.status === 'rejected')) {
        expect(lost.reason).toBeInstanceOf(DuplicateKeyError);
      }
    });
  });

  describe("an issuer's walletClaim setting", () => {
    it('is absent until chosen, and the latest choice replaces the earlier one', async () => {
      expect(await store.findIssuerWalletSetting('ngo')).toBeUndefined();
      await store.putIssuerWalletSetting({
        issuerSlug: 'ngo',
        walletClaim: true,
        updatedAt: '2026-01-02T00:00:00.000Z',
      });
      expect(await store.findIssuerWalletSetting('ngo')).toEqual({
        issuerSlug: 'ngo',
        walletClaim: true,
        updatedAt: '2026-01-02T00:00:00.000Z',
      });
      await store.putIssuerWalletSetting({
        issuerSlug: 'ngo',
        walletClaim: false,
        updatedAt: '2026-01-03T00:00:00.000Z',
      });
      expect(await store.findIssuerWalletSetting('ngo')).toEqual({
        issuerSlug: 'ngo',
        walletClaim: false,
        updatedAt: '2026-01-03T00:00:00.000Z',
      });
      expect(await store.findIssuerWalletSetting('other')).toBeUndefined();
    });
  });
});
