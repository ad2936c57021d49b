// The IssuerStore contract: issuers and their keys, the same tests on every adapter.
import { beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../../src/store/port.js';
import type { IssuerStore } from '../../../src/store/ports/issuerStore.js';
import { issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

describeOnEachStore('IssuerStore', (current) => {
  let store: IssuerStore;
  beforeEach(() => {
    store = current();
  });

  describe('issuers and keys', () => {
    it('stores an issuer with its first key and finds it by slug and by API key hash', async () => {
      const ngo = issuer('ngo', {
        url: 'https://ngo.example',
        email: 'info@ngo.example',
        description: 'Trains carers',
        image: 'https://ngo.example/logo.png',
      });
      const key = issuerKey('ngo');
      await store.insertIssuer(ngo, key);
      expect(await store.findIssuer('ngo')).toEqual(ngo);
      expect(await store.findIssuerByApiKeyHash(ngo.apiKeyHash)).toEqual(ngo);
      expect(await store.listIssuerKeys('ngo')).toEqual([key]);
    });

    it("keeps a registrar's role, and an issuer has none", async () => {
      const registrar = issuer('qa-body', { role: 'registrar' });
      await store.insertIssuer(registrar, issuerKey('qa-body'));
      await store.insertIssuer(issuer('plain'), issuerKey('plain'));
      expect((await store.findIssuer('qa-body'))?.role).toBe('registrar');
      expect((await store.findIssuerByApiKeyHash(registrar.apiKeyHash))?.role).toBe('registrar');
      expect((await store.findIssuer('plain'))?.role).toBeUndefined();
    });

    it('answers undefined and [] for an unknown issuer', async () => {
      expect(await store.findIssuer('nobody')).toBeUndefined();
      expect(await store.findIssuerByApiKeyHash('nothing')).toBeUndefined();
      expect(await store.listIssuerKeys('nobody')).toEqual([]);
    });

    it.each([
      ['slug', (first: ReturnType<typeof issuer>) => issuer(first.slug)],
      ['DID', (first: ReturnType<typeof issuer>) => issuer('other', { did: first.did })],
      [
        'API key hash',
        (first: ReturnType<typeof issuer>) => issuer('other', { apiKeyHash: first.apiKeyHash }),
      ],
    ])(
      'refuses a second issuer with the same %s and leaves no key behind',
      async (_field, clash) => {
        const first = issuer('ngo');
        const firstKey = issuerKey('ngo');
        await store.insertIssuer(first, firstKey);
        const second = clash(first);
        const orphan = issuerKey(second.slug);
        await expect(store.insertIssuer(second, orphan)).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await store.findIssuer('ngo')).toEqual(first);
        expect(await store.listIssuerKeys('ngo')).toEqual([firstKey]);
        expect(await store.listIssuerKeys('other')).toEqual([]);
        // The refused key was not kept: it can still be stored.
        await store.insertIssuerKey({ ...orphan, issuerSlug: 'ngo' });
      },
    );

    it('refuses an issuer whose first key is taken, and keeps neither', async () => {
      const key = issuerKey('ngo');
      await store.insertIssuer(issuer('ngo'), key);
      await expect(
        store.insertIssuer(issuer('copycat'), { ...key, issuerSlug: 'copycat' }),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.findIssuer('copycat')).toBeUndefined();
      expect(await store.listIssuerKeys('copycat')).toEqual([]);
      await store.insertIssuer(issuer('copycat'), issuerKey('copycat'));
    });

    it('lists keys oldest first, in insertion order within the same instant', async () => {
      const first = issuerKey('ngo', '2026-01-01T00:00:00.000Z');
      await store.insertIssuer(issuer('ngo'), first);
      const later = issuerKey('ngo', '2026-06-01T00:00:00.000Z');
      const sameInstant = [1, 2, 3].map(() => issuerKey('ngo', '2026-03-01T00:00:00.000Z'));
      await store.insertIssuerKey(later);
      for (const key of sameInstant) await store.insertIssuerKey(key);
      await store.insertIssuer(issuer('other'), issuerKey('other'));
      expect(await store.listIssuerKeys('ngo')).toEqual([first, ...sameInstant, later]);
    });

    it('replaces an API key hash: the issuer is found by the new hash only', async () => {
      await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
      const before = await store.findIssuer('ngo');
      await store.replaceIssuerApiKeyHash('ngo', 'f'.repeat(64));
      expect((await store.findIssuerByApiKeyHash('f'.repeat(64)))?.slug).toBe('ngo');
      expect(await store.findIssuerByApiKeyHash(before?.apiKeyHash ?? '')).toBeUndefined();
    });

    it('refuses a key that is already stored', async () => {
      const key = issuerKey('ngo');
      await store.insertIssuer(issuer('ngo'), key);
      await expect(store.insertIssuerKey(key)).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.listIssuerKeys('ngo')).toEqual([key]);
    });
  });
});
