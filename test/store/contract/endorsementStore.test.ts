// The EndorsementStore contract: the index of which endorsement is about what, on every adapter.
import { beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError, type Store } from '../../../src/store/port.js';
import type { EndorsementRecord } from '../../../src/store/ports/endorsementStore.js';
import { credential, issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

describeOnEachStore('EndorsementStore', (current) => {
  let store: Store;
  /** An endorsement credential stored the way issuing stores it, then indexed. */
  async function endorse(
    fields: Omit<EndorsementRecord, 'credentialId'>,
  ): Promise<EndorsementRecord> {
    const record = credential({ issuerSlug: fields.endorserSlug });
    await store.insertCredential(record);
    const endorsement = { credentialId: record.id, ...fields };
    await store.insertEndorsement(endorsement);
    return endorsement;
  }

  beforeEach(async () => {
    store = current();
    await store.insertIssuer(issuer('college'), issuerKey('college'));
    await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
  });

  describe('endorsements', () => {
    it('lists none before any, then each by its subject, oldest first', async () => {
      expect(await store.listEndorsements()).toEqual([]);
      const later = await endorse({
        endorserSlug: 'college',
        subjectKind: 'achievement',
        subjectKey: 'ai-ready-worker',
        createdAt: '2026-02-01T00:00:00.000Z',
      });
      const earlier = await endorse({
        endorserSlug: 'college',
        subjectKind: 'achievement',
        subjectKey: 'ai-ready-worker',
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      const ofIssuer = await endorse({
        endorserSlug: 'college',
        subjectKind: 'issuer',
        subjectKey: 'ngo',
        createdAt: '2026-01-15T00:00:00.000Z',
      });
      const other = await endorse({
        endorserSlug: 'ngo',
        subjectKind: 'achievement',
        subjectKey: 'prompt-basics',
        createdAt: '2026-01-20T00:00:00.000Z',
      });
      expect(
        await store.listEndorsements([{ kind: 'achievement', key: 'ai-ready-worker' }]),
      ).toEqual([earlier, later]);
      expect(
        await store.listEndorsements([
          { kind: 'achievement', key: 'ai-ready-worker' },
          { kind: 'issuer', key: 'ngo' },
        ]),
      ).toEqual([earlier, ofIssuer, later]);
      // An issuer slug is not an achievement key, even when they are spelled alike.
      expect(await store.listEndorsements([{ kind: 'achievement', key: 'ngo' }])).toEqual([]);
      expect(await store.listEndorsements([])).toEqual([]);
      expect(await store.listEndorsements()).toEqual([earlier, ofIssuer, other, later]);
    });

    it('keys an endorsement by its credential: indexing one credential twice is refused', async () => {
      const first = await endorse({
        endorserSlug: 'college',
        subjectKind: 'issuer',
        subjectKey: 'ngo',
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      await expect(
        store.insertEndorsement({ ...first, subjectKey: 'college' }),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.listEndorsements()).toEqual([first]);
    });
  });
});
