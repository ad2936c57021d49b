// The ReevaluationStore contract: a tier rule's re-evaluation, its parts claimed per attempt,
// finished and completed once each, and the learners holding its parts read in key order.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CredentialStore } from '../../../src/store/ports/credentialStore.js';
import type { IssuerStore } from '../../../src/store/ports/issuerStore.js';
import type { ReevaluationStore } from '../../../src/store/ports/reevaluationStore.js';
import { credential, issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

const opened = {
  id: 'dx-passport-1@abc',
  tierKey: 'dx-passport-1',
  partKeys: ['it-passport', 'g-kentei'],
  openedAt: '2026-12-01T00:00:00.000Z',
};

describeOnEachStore('ReevaluationStore', (current) => {
  let store: ReevaluationStore & CredentialStore & IssuerStore;
  beforeEach(() => {
    store = current();
  });

  describe('re-evaluations', () => {
    it('opens a rule once, lists it open until completed once, newest first per tier', async () => {
      expect(await store.openTierReevaluation(opened)).toBe(true);
      expect(
        await store.openTierReevaluation({ ...opened, openedAt: '2026-12-02T00:00:00.000Z' }),
      ).toBe(false);
      const later = { ...opened, id: 'dx-passport-1@def', openedAt: '2026-12-03T00:00:00.000Z' };
      expect(await store.openTierReevaluation(later)).toBe(true);
      expect(await store.listOpenTierReevaluations()).toEqual([opened, later]);

      const completion = { reevaluationId: opened.id, completedAt: '2026-12-04T00:00:00.000Z' };
      expect(await store.completeTierReevaluation(completion)).toBe(true);
      expect(await store.completeTierReevaluation({ ...completion, completedAt: 'x' })).toBe(false);
      expect(await store.listOpenTierReevaluations()).toEqual([later]);
      expect(await store.listTierReevaluations('dx-passport-1')).toEqual([
        later,
        { ...opened, completedAt: completion.completedAt },
      ]);
      expect(await store.listTierReevaluations('other')).toEqual([]);
    });

    it('claims each attempt at a part once and finishes each part once', async () => {
      await store.openTierReevaluation(opened);
      const claim = { reevaluationId: opened.id, part: 3, attempt: 1, claimedAt: opened.openedAt };
      expect(await store.claimReevaluationPart(claim)).toBe(true);
      expect(await store.claimReevaluationPart({ ...claim, claimedAt: 'later' })).toBe(false);
      expect(await store.claimReevaluationPart({ ...claim, attempt: 2 })).toBe(true);
      const done = { reevaluationId: opened.id, part: 3, learners: 7, awarded: 2, finishedAt: 'x' };
      expect(await store.finishReevaluationPart(done)).toBe(true);
      expect(await store.finishReevaluationPart({ ...done, learners: 8 })).toBe(false);
      expect(await store.listReevaluationParts(opened.id)).toEqual({
        claims: [claim, { ...claim, attempt: 2 }],
        done: [done],
      });
    });
  });

  describe('learners holding a part', () => {
    beforeEach(() => store.insertIssuer(issuer('ngo'), issuerKey('ngo')));

    it('lists each learner once, in key order, by prefix and page', async () => {
      const holdings = [
        ['a1', 'it-passport'],
        ['a1', 'g-kentei'],
        ['a2', 'g-kentei'],
        ['b7', 'it-passport'],
        ['a3', 'ds-kentei'],
        ['a0', 'it-passport'],
      ] as const;
      for (const [learnerKey, achievementKey] of holdings) {
        await store.insertCredential(credential({ learnerKey, achievementKey }));
      }
      const keys = ['it-passport', 'g-kentei'];
      expect(await store.listLearnersHolding(keys, { prefix: '', limit: 10 })).toEqual([
        'a0',
        'a1',
        'a2',
        'b7',
      ]);
      expect(await store.listLearnersHolding(keys, { prefix: 'a', limit: 10 })).toEqual([
        'a0',
        'a1',
        'a2',
      ]);
      expect(await store.listLearnersHolding(keys, { prefix: 'a', limit: 2 })).toEqual([
        'a0',
        'a1',
      ]);
      expect(await store.listLearnersHolding(keys, { prefix: 'a', after: 'a1', limit: 2 })).toEqual(
        ['a2'],
      );
      expect(await store.listLearnersHolding(keys, { prefix: 'b', limit: 10 })).toEqual(['b7']);
      expect(await store.listLearnersHolding(['ds-kentei'], { prefix: 'b', limit: 10 })).toEqual(
        [],
      );
      expect(await store.listLearnersHolding([], { prefix: '', limit: 10 })).toEqual([]);
    });
  });
});
