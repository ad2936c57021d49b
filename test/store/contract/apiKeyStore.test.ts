// The ApiKeyStore contract: an issuer's named, scoped keys, the same tests on every adapter.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiKeyRecord, Store } from '../../../src/store/port.js';
import { DuplicateKeyError } from '../../../src/store/port.js';
import { issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

function apiKey(fields: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    id: randomUUID(),
    issuerSlug: 'ngo',
    name: `key-${randomUUID()}`,
    keyHash: randomUUID().replace(/-/g, '').repeat(2),
    scopes: ['awards:write'],
    createdAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

describeOnEachStore('ApiKeyStore', (current) => {
  let store: Store;
  beforeEach(async () => {
    store = current();
    await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
    await store.insertIssuer(issuer('ipa'), issuerKey('ipa'));
  });

  describe('api keys', () => {
    it('finds a key by its hash, with every field as stored', async () => {
      const key = apiKey({
        scopes: ['status:write', 'learners:read'],
        expiresAt: '2027-01-01T00:00:00.000Z',
        lastFour: 'x9Qz',
      });
      await store.insertApiKey(key);
      expect(await store.findApiKeyByHash(key.keyHash)).toEqual(key);
      expect(await store.findApiKeyByHash('ff'.repeat(32))).toBeUndefined();
    });

    it('claims a name once per issuer, and a hash once, by insert', async () => {
      await store.insertApiKey(apiKey({ name: 'lms' }));
      await expect(store.insertApiKey(apiKey({ name: 'lms' }))).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      await store.insertApiKey(apiKey({ name: 'lms', issuerSlug: 'ipa' }));
      const taken = apiKey();
      await store.insertApiKey(taken);
      await expect(store.insertApiKey(apiKey({ keyHash: taken.keyHash }))).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      const racing = await Promise.allSettled(
        Array.from({ length: 5 }, () => store.insertApiKey(apiKey({ name: 'crm' }))),
      );
      expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it("lists an issuer's keys oldest first, and only its own", async () => {
      const first = apiKey({ name: 'a', createdAt: '2026-01-01T00:00:00.000Z' });
      const second = apiKey({ name: 'b', createdAt: '2026-01-02T00:00:00.000Z' });
      await store.insertApiKey(second);
      await store.insertApiKey(first);
      await store.insertApiKey(apiKey({ issuerSlug: 'ipa' }));
      expect((await store.listApiKeys('ngo')).map((k) => k.name)).toEqual(['a', 'b']);
    });

    it('revokes a key once: the first revocation time stays, another issuer cannot', async () => {
      const key = apiKey();
      await store.insertApiKey(key);
      expect(await store.revokeApiKey('ipa', key.id, '2026-02-01T00:00:00.000Z')).toBe(false);
      expect((await store.findApiKeyByHash(key.keyHash))?.revokedAt).toBeUndefined();
      expect(await store.revokeApiKey('ngo', key.id, '2026-02-01T00:00:00.000Z')).toBe(true);
      expect(await store.revokeApiKey('ngo', key.id, '2026-03-01T00:00:00.000Z')).toBe(true);
      expect((await store.findApiKeyByHash(key.keyHash))?.revokedAt).toBe(
        '2026-02-01T00:00:00.000Z',
      );
      expect(await store.revokeApiKey('ngo', randomUUID(), '2026-02-01T00:00:00.000Z')).toBe(false);
    });
  });
});
