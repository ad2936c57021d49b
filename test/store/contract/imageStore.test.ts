// The ImageStore contract: issuers' uploaded images, the same tests on every adapter.
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImageStore, IssuerImageRecord } from '../../../src/store/ports/imageStore.js';
import type { IssuerStore } from '../../../src/store/ports/issuerStore.js';
import { issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

/** A PNG-signed run of bytes covering every byte value, so no encoding can shorten or alter it. */
function image(issuerSlug: string, seed: number, updatedAt = '2026-01-01T00:00:00.000Z') {
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(Array.from({ length: 256 * 3 }, (_, n) => (n + seed) % 256)),
  ]);
  return {
    issuerSlug,
    mediaType: 'image/png',
    bytes,
    digest: createHash('sha256').update(bytes).digest('hex'),
    updatedAt,
  } satisfies IssuerImageRecord;
}

describeOnEachStore('ImageStore', (current) => {
  let store: ImageStore & IssuerStore;
  beforeEach(async () => {
    store = current();
    await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
    await store.insertIssuer(issuer('ipa'), issuerKey('ipa'));
  });

  describe('issuer images', () => {
    it('has none until one is put, then gives back exactly the bytes put', async () => {
      expect(await store.findIssuerImage('ngo')).toBeUndefined();
      const first = image('ngo', 1);
      await store.putIssuerImage(first);
      const found = await store.findIssuerImage('ngo');
      expect(found).toEqual(first);
      expect(Buffer.isBuffer(found?.bytes)).toBe(true);
      expect(found?.bytes.equals(first.bytes)).toBe(true);
      expect(await store.findIssuerImage('ipa')).toBeUndefined();
    });

    it('replaces an issuer’s image whole on the next put, leaving other issuers’ alone', async () => {
      await store.putIssuerImage(image('ngo', 1));
      await store.putIssuerImage(image('ipa', 2));
      const replacement = { ...image('ngo', 3, '2026-02-01T00:00:00.000Z') };
      replacement.bytes = Buffer.concat([replacement.bytes, Buffer.alloc(1000, 7)]);
      replacement.digest = createHash('sha256').update(replacement.bytes).digest('hex');
      await store.putIssuerImage(replacement);
      expect(await store.findIssuerImage('ngo')).toEqual(replacement);
      expect(await store.findIssuerImage('ipa')).toEqual(image('ipa', 2));
    });

    it('takes concurrent first puts for one issuer without an error, keeping one of them', async () => {
      const puts = Array.from({ length: 12 }, (_, n) => image('ngo', n));
      await Promise.all(puts.map((put) => store.putIssuerImage(put)));
      const stored = await store.findIssuerImage('ngo');
      expect(puts.map((put) => put.digest)).toContain(stored?.digest);
      expect(stored?.digest).toBe(
        createHash('sha256')
          .update(stored?.bytes ?? '')
          .digest('hex'),
      );
    });
  });
});
