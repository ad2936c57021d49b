// The PartnerMetricsStore contract: use counters that racing additions never lose, read by
// issuer and day; partner groups made once; credentials with their tags and wallet claims read
// for a period's numbers. The same tests on every adapter.
import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { DuplicateKeyError, type Store } from '../../../src/store/port.js';
import { credential, issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

describeOnEachStore('PartnerMetricsStore', (current) => {
  let store: Store;
  beforeEach(async () => {
    store = current();
    await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
  });

  const use = (credentialId: string, day: string, kind: 'view' | 'verification' = 'view') => ({
    credentialId,
    issuerSlug: 'ngo',
    day,
    kind,
    count: 1,
  });

  it('adds every one of many racing counts, per credential, day and kind', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await Promise.all([
      ...Array.from({ length: 25 }, () => store.countCredentialUse(use(a, '2026-03-10'))),
      ...Array.from({ length: 4 }, () =>
        store.countCredentialUse(use(a, '2026-03-10', 'verification')),
      ),
      store.countCredentialUse({ ...use(a, '2026-03-11'), count: 2 }),
      store.countCredentialUse(use(b, '2026-03-12')),
      store.countCredentialUse({ ...use(b, '2026-03-10'), issuerSlug: 'other' }),
    ]);
    const counts = await store.listCredentialUseCounts('ngo', '2026-03-10', '2026-03-11');
    expect(
      counts.map(({ credentialId, day, kind, count }) => [credentialId, day, kind, count]),
    ).toEqual([
      [a, '2026-03-10', 'verification', 4],
      [a, '2026-03-10', 'view', 25],
      [a, '2026-03-11', 'view', 2],
    ]);
    expect(await store.listCredentialUseCounts('ngo', '2026-03-12', '2026-03-12')).toEqual([
      { credentialId: b, issuerSlug: 'ngo', day: '2026-03-12', kind: 'view', count: 1 },
    ]);
  });

  it('makes a partner group once and finds it', async () => {
    const group = {
      id: randomUUID(),
      name: 'DX programme',
      issuerSlugs: ['ipa', 'jdla'],
      createdAt: '2026-03-10T00:00:00.000Z',
    };
    await store.insertPartnerGroup(group);
    await expect(store.insertPartnerGroup({ ...group, name: 'again' })).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
    expect(await store.findPartnerGroup(group.id)).toEqual(group);
    expect(await store.findPartnerGroup(randomUUID())).toBeUndefined();
    expect(await store.listPartnerGroups()).toEqual([group]);
  });

  it("reads an issuer's credentials with their tags, and the wallet claims of many at once", async () => {
    const tagged = credential({
      issuerSlug: 'ngo',
      achievementKey: 'digital-basics',
      learnerKey: 'ana',
      cohort: '2026-spring',
      region: 'Tokyo',
      validUntil: '2027-01-01T00:00:00Z',
      createdAt: '2026-03-10T01:00:00.000Z',
    });
    const plain = credential({ issuerSlug: 'ngo', createdAt: '2026-03-10T02:00:00.000Z' });
    await store.insertCredential(tagged);
    await store.insertCredential(plain);
    expect((await store.findCredential(tagged.id))?.cohort).toBe('2026-spring');
    expect(await store.listMetricsCredentials('ngo')).toEqual([
      {
        id: tagged.id,
        achievementKey: 'digital-basics',
        learnerKey: 'ana',
        validUntil: '2027-01-01T00:00:00Z',
        cohort: '2026-spring',
        region: 'Tokyo',
        createdAt: tagged.createdAt,
      },
      { id: plain.id, createdAt: plain.createdAt },
    ]);
    const offer = {
      id: randomUUID(),
      tokenHash: 'ab'.repeat(32),
      issuerSlug: 'ngo',
      credentialId: tagged.id,
      createdAt: '2026-03-10T03:00:00.000Z',
      expiresAt: '2026-03-13T03:00:00.000Z',
    };
    await store.insertWalletOffer(offer);
    const claim = {
      offerId: offer.id,
      originalId: tagged.id,
      copyId: randomUUID(),
      holderDid: 'did:key:z6MkholderExample',
      claimedAt: '2026-03-10T04:00:00.000Z',
    };
    await store.insertWalletClaim(claim);
    expect(await store.listWalletClaimsOfOriginals([tagged.id, plain.id])).toEqual([claim]);
    expect(await store.listWalletClaimsOfOriginals([])).toEqual([]);
  });
});
