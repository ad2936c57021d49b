// The Store port's contract: the same tests against every adapter, each test on a new, empty store.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DuplicateKeyError,
  type CredentialRecord,
  type StatusEvent,
  type Store,
} from '../../src/store/port.js';
import { credential, exportedRecords, issuer, issuerKey, statusEvent } from './records.js';
import { storeAdapters, type OpenStore } from './storeAdapters.js';

const byIndex = <T extends { index: number }>(entries: T[]): T[] =>
  [...entries].sort((a, b) => a.index - b.index);

/** Constituents are a set: SQLite happens to return them sorted, MongoDB in insertion order. */
const constituentsAsSet = (records: Array<CredentialRecord | undefined>) =>
  records.map(
    (record) => record && { ...record, constituentIds: [...record.constituentIds].sort() },
  );

for (const adapter of storeAdapters()) {
  describe.skipIf(adapter.skipReason)(`Store contract: ${adapter.name}`, () => {
    let opened: OpenStore;
    let store: Store;

    beforeEach(async () => {
      opened = await adapter.open();
      store = opened.store;
    });
    afterEach(async () => opened.dispose());

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
          await expect(store.insertIssuer(second, orphan)).rejects.toBeInstanceOf(
            DuplicateKeyError,
          );
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

    describe('achievements', () => {
      const module = {
        key: 'it-passport',
        issuerSlug: 'ipa',
        kind: 'module' as const,
        definition: '{"name":"IT Passport"}',
        updatedAt: '2026-01-01T00:00:00.000Z',
      };

      it('inserts, then replaces on the next write, and lists by key', async () => {
        await store.upsertAchievement({ ...module, key: 'g-kentei' });
        await store.upsertAchievement(module);
        const changed = {
          ...module,
          kind: 'tier' as const,
          definition: '{"name":"v2"}',
          updatedAt: '2026-02-01T00:00:00.000Z',
        };
        await store.upsertAchievement(changed);
        expect(await store.findAchievement('it-passport')).toEqual(changed);
        expect((await store.listAchievements()).map((a) => a.key)).toEqual([
          'g-kentei',
          'it-passport',
        ]);
        expect(await store.findAchievement('unknown')).toBeUndefined();
      });

      it('takes concurrent first writes of one key without an error, keeping one entry', async () => {
        const writes = Array.from({ length: 20 }, (_, n) => ({
          ...module,
          definition: `{"n":${n}}`,
        }));
        await Promise.all(writes.map((write) => store.upsertAchievement(write)));
        const stored = await store.listAchievements();
        expect(stored).toHaveLength(1);
        expect(writes.map((write) => write.definition)).toContain(stored[0]?.definition);
      });
    });

    describe('credentials', () => {
      // SQLite refers credentials to their issuer; MongoDB has no foreign keys to check.
      beforeEach(() => store.insertIssuer(issuer('ngo'), issuerKey('ngo')));

      it('round-trips a tier with every optional field, the document byte for byte', async () => {
        const tier = credential({
          format: 'jwt',
          document: 'eyJhbGciOiJFZERTQSJ9.eyJuYW1lIjoiRFggUGFzc3BvcnQifQ.c2lnbmF0dXJl',
          achievementKey: 'dx-passport-2',
          learnerKey: 'learner-1',
          validUntil: '2029-01-01T00:00:00Z',
          status: { listNumber: 2, index: 70_001 },
          constituentIds: [randomUUID(), randomUUID()],
          renewalOf: randomUUID(),
          importedFor: 'ngo',
        });
        await store.insertCredential(tier);
        expect(constituentsAsSet([await store.findCredential(tier.id)])).toEqual(
          constituentsAsSet([tier]),
        );
      });

      it('round-trips an imported credential with no optional field', async () => {
        const imported = credential({ origin: 'imported', issuerDid: 'did:web:ipa.example' });
        delete imported.issuerSlug;
        await store.insertCredential(imported);
        const found = await store.findCredential(imported.id);
        expect(found).toEqual(imported);
        expect(found && Object.keys(found).sort()).toEqual(Object.keys(imported).sort());
        expect(found?.document).toBe(imported.document);
      });

      it('refuses a second credential with the same id', async () => {
        const first = credential();
        await store.insertCredential(first);
        await expect(store.insertCredential(credential({ id: first.id }))).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        expect(await store.findCredential(first.id)).toEqual(first);
        expect(await store.findCredential(randomUUID())).toBeUndefined();
      });

      it('lists a learner’s credentials oldest first, and only theirs', async () => {
        const later = credential({ learnerKey: 'ana', createdAt: '2026-03-01T00:00:00.000Z' });
        const earlier = credential({ learnerKey: 'ana', createdAt: '2026-02-01T00:00:00.000Z' });
        await store.insertCredential(later);
        await store.insertCredential(earlier);
        await store.insertCredential(credential({ learnerKey: 'ben' }));
        await store.insertCredential(credential());
        expect(await store.listCredentialsOfLearner('ana')).toEqual([earlier, later]);
        expect(await store.listCredentialsOfLearner('nobody')).toEqual([]);
      });

      it('lists the tiers that name a credential as a constituent', async () => {
        const [a, b, c] = [credential(), credential(), credential()];
        for (const module of [a, b, c]) await store.insertCredential(module);
        const tierAB = credential({
          constituentIds: [a.id, b.id],
          createdAt: '2026-02-01T00:00:00.000Z',
        });
        const tierBC = credential({
          constituentIds: [b.id, c.id],
          createdAt: '2026-03-01T00:00:00.000Z',
        });
        await store.insertCredential(tierBC);
        await store.insertCredential(tierAB);
        expect(constituentsAsSet(await store.listTiersNaming(b.id))).toEqual(
          constituentsAsSet([tierAB, tierBC]),
        );
        expect(constituentsAsSet(await store.listTiersNaming(a.id))).toEqual(
          constituentsAsSet([tierAB]),
        );
        expect(await store.listTiersNaming(tierAB.id)).toEqual([]);
      });
    });

    describe('expiries', () => {
      beforeEach(() => store.insertIssuer(issuer('ngo'), issuerKey('ngo')));
      const now = '2026-06-01T00:00:00Z';

      it('lists expired credentials soonest first, up to the limit, until their processing is claimed', async () => {
        const expired = ['2026-05-03', '2026-05-01', '2026-06-01', '2026-05-02'].map((day) =>
          credential({ validUntil: day === '2026-06-01' ? now : `${day}T00:00:00Z` }),
        );
        for (const record of expired) await store.insertCredential(record);
        await store.insertCredential(credential({ validUntil: '2026-06-01T00:00:01Z' }));
        await store.insertCredential(credential());
        const soonest = [...expired].sort((x, y) =>
          String(x.validUntil).localeCompare(String(y.validUntil)),
        );

        expect(await store.listUnprocessedExpiries(now, 10)).toEqual(soonest);
        expect(await store.listUnprocessedExpiries(now, 2)).toEqual(soonest.slice(0, 2));

        expect(await store.claimExpiryProcessing(soonest[0]?.id ?? '')).toBe(true);
        expect(await store.claimExpiryProcessing(soonest[0]?.id ?? '')).toBe(false);
        expect(await store.listUnprocessedExpiries(now, 2)).toEqual(soonest.slice(1, 3));
      });

      it('finds the unprocessed ones behind many processed ones', async () => {
        const records = Array.from({ length: 520 }, (_, n) =>
          credential({ validUntil: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString() }),
        );
        await Promise.all(records.map((record) => store.insertCredential(record)));
        await Promise.all(
          records.slice(0, 515).map((record) => store.claimExpiryProcessing(record.id)),
        );
        expect(await store.listUnprocessedExpiries(now, 3)).toEqual(records.slice(515, 518));
        expect(await store.listUnprocessedExpiries(now, 10)).toEqual(records.slice(515));
      });
    });

    describe('settings', () => {
      it('keeps the first value claimed for a setting', async () => {
        expect(await store.claimSetting('salt', 'first')).toBe('first');
        expect(await store.claimSetting('salt', 'second')).toBe('first');
        expect(await store.claimSetting('other', 'x')).toBe('x');
      });
    });

    describe('status lists and indexes', () => {
      it('opens each list once and knows the highest, per issuer', async () => {
        expect(await store.latestStatusList('ngo')).toBeUndefined();
        expect(await store.claimStatusList('ngo', 1)).toBe(true);
        expect(await store.claimStatusList('ngo', 1)).toBe(false);
        expect(await store.claimStatusList('ngo', 3)).toBe(true);
        expect(await store.claimStatusList('ngo', 2)).toBe(true);
        expect(await store.claimStatusList('ipa', 7)).toBe(true);
        expect(await store.latestStatusList('ngo')).toBe(3);
        expect(await store.latestStatusList('ipa')).toBe(7);
      });

      it('gives an index to one credential only', async () => {
        const [a, b] = [randomUUID(), randomUUID()];
        await store.claimStatusIndex('ngo', { listNumber: 1, index: 5 }, a);
        await expect(
          store.claimStatusIndex('ngo', { listNumber: 1, index: 5 }, b),
        ).rejects.toBeInstanceOf(DuplicateKeyError);
        // The same position in another list or of another issuer is another index.
        await store.claimStatusIndex('ngo', { listNumber: 2, index: 5 }, b);
        await store.claimStatusIndex('ipa', { listNumber: 1, index: 5 }, randomUUID());
        expect(await store.listUsedStatusIndexes('ngo', 1)).toEqual([5]);
        expect(await store.listUsedStatusIndexes('ngo', 2)).toEqual([5]);
        expect(await store.listUsedStatusIndexes('ngo', 3)).toEqual([]);
      });

      it('lets one credential hold a second position, as a retry after a failed issue does', async () => {
        const id = randomUUID();
        await store.claimStatusIndex('ngo', { listNumber: 1, index: 3 }, id);
        await store.releaseStatusIndex('ngo', { listNumber: 1, index: 3 });
        await store.claimStatusIndex('ngo', { listNumber: 1, index: 4 }, id);
        await store.claimStatusIndex('ngo', { listNumber: 1, index: 7 }, id);
        expect((await store.listUsedStatusIndexes('ngo', 1)).sort((x, y) => x - y)).toEqual([4, 7]);
      });

      it('frees a released index for the next credential', async () => {
        await store.claimStatusIndex('ngo', { listNumber: 1, index: 9 }, randomUUID());
        await store.claimStatusIndex('ngo', { listNumber: 1, index: 10 }, randomUUID());
        await store.releaseStatusIndex('ngo', { listNumber: 1, index: 9 });
        expect(await store.listUsedStatusIndexes('ngo', 1)).toEqual([10]);
        await store.claimStatusIndex('ngo', { listNumber: 1, index: 9 }, randomUUID());
        expect((await store.listUsedStatusIndexes('ngo', 1)).sort((x, y) => x - y)).toEqual([
          9, 10,
        ]);
      });
    });

    describe('status events', () => {
      it('appends versions, refuses a version twice, and lists them oldest first', async () => {
        const id = randomUUID();
        const suspended = statusEvent({
          credentialId: id,
          version: 1,
          action: 'suspend',
          state: 'suspended',
        });
        const reinstated = statusEvent({
          credentialId: id,
          version: 2,
          action: 'reinstate',
          state: 'active',
          at: '2026-03-01T00:00:00.000Z',
        });
        await store.appendStatusEvent(reinstated);
        await store.appendStatusEvent(suspended);
        await expect(
          store.appendStatusEvent({ ...suspended, action: 'revoke', state: 'revoked' }),
        ).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await store.listStatusEvents(id)).toEqual([suspended, reinstated]);
        expect(await store.listStatusEvents(randomUUID())).toEqual([]);
      });

      it('gives the latest event of each asked credential in one read', async () => {
        const [twice, once, never] = [randomUUID(), randomUUID(), randomUUID()];
        const first = statusEvent({
          credentialId: twice,
          version: 1,
          action: 'suspend',
          state: 'suspended',
        });
        const second = statusEvent({
          credentialId: twice,
          version: 2,
          action: 'revoke',
          state: 'revoked',
        });
        const only = statusEvent({
          credentialId: once,
          version: 1,
          action: 'revoke',
          state: 'revoked',
        });
        for (const event of [second, only, first]) await store.appendStatusEvent(event);
        const byId = (events: Array<{ credentialId: string }>) =>
          [...events].sort((a, b) => a.credentialId.localeCompare(b.credentialId));
        expect(byId(await store.listLatestStatusEvents([twice, once, never]))).toEqual(
          byId([second, only]),
        );
        expect(await store.listLatestStatusEvents([never])).toEqual([]);
        expect(await store.listLatestStatusEvents([])).toEqual([]);
      });

      it('gives the latest event of each of many credentials, each once however often asked', async () => {
        const ids = Array.from({ length: 1200 }, () => randomUUID());
        const changed = ids.filter((_, n) => n % 3 === 0);
        const latest = changed.map((credentialId) =>
          statusEvent({ credentialId, version: 2, action: 'reinstate', state: 'active' }),
        );
        await Promise.all(
          changed.flatMap((credentialId, n) => [
            store.appendStatusEvent(statusEvent({ credentialId, version: 1 })),
            store.appendStatusEvent(latest[n] ?? statusEvent({ credentialId })),
          ]),
        );
        // Each id asked twice, the copies far apart (in other chunks, where a store reads in chunks).
        const answer = await store.listLatestStatusEvents([...ids, ...ids]);
        const byId = (events: StatusEvent[]) =>
          [...events].sort((a, b) => a.credentialId.localeCompare(b.credentialId));
        expect(byId(answer)).toEqual(byId(latest));
      });

      it('gives the latest state of every changed credential in one list', async () => {
        const [revoked, reinstated, suspended, untouched, otherList, released] = Array.from(
          { length: 6 },
          () => randomUUID(),
        );
        const positions: Array<[string | undefined, number, number]> = [
          [revoked, 1, 11],
          [reinstated, 1, 12],
          [suspended, 1, 13],
          [untouched, 1, 14],
          [otherList, 2, 11],
          [released, 1, 15],
        ];
        for (const [id, listNumber, index] of positions) {
          await store.claimStatusIndex('ngo', { listNumber, index }, id ?? '');
        }
        const events = [
          statusEvent({
            credentialId: revoked ?? '',
            version: 1,
            action: 'suspend',
            state: 'suspended',
          }),
          statusEvent({
            credentialId: revoked ?? '',
            version: 2,
            action: 'revoke',
            state: 'revoked',
          }),
          statusEvent({
            credentialId: reinstated ?? '',
            version: 1,
            action: 'suspend',
            state: 'suspended',
          }),
          statusEvent({
            credentialId: reinstated ?? '',
            version: 2,
            action: 'reinstate',
            state: 'active',
          }),
          statusEvent({
            credentialId: suspended ?? '',
            version: 1,
            action: 'suspend',
            state: 'suspended',
          }),
          statusEvent({ credentialId: otherList ?? '', version: 1 }),
          statusEvent({ credentialId: released ?? '', version: 1 }),
        ];
        for (const event of events.reverse()) await store.appendStatusEvent(event);
        await store.releaseStatusIndex('ngo', { listNumber: 1, index: 15 });

        expect(byIndex(await store.listStatusStates('ngo', 1))).toEqual([
          { index: 11, credentialId: revoked, state: 'revoked' },
          { index: 12, credentialId: reinstated, state: 'active' },
          { index: 13, credentialId: suspended, state: 'suspended' },
        ]);
        expect(await store.listStatusStates('ngo', 2)).toEqual([
          { index: 11, credentialId: otherList, state: 'revoked' },
        ]);
        expect(await store.listStatusStates('ipa', 1)).toEqual([]);
      });

      it('reads the audit log newest first, for one issuer or all, up to the limit', async () => {
        const at = (day: number) => `2026-04-0${day}T00:00:00.000Z`;
        const id = randomUUID();
        const ngo1 = statusEvent({
          credentialId: id,
          version: 1,
          action: 'suspend',
          state: 'suspended',
          at: at(1),
        });
        const ngo2 = statusEvent({
          credentialId: id,
          version: 2,
          action: 'revoke',
          state: 'revoked',
          at: at(3),
        });
        const ipa = statusEvent({ credentialId: randomUUID(), issuerSlug: 'ipa', at: at(2) });
        for (const event of [ngo2, ipa, ngo1]) await store.appendStatusEvent(event);
        expect(await store.listAuditLog({ limit: 10 })).toEqual([ngo2, ipa, ngo1]);
        expect(await store.listAuditLog({ limit: 2 })).toEqual([ngo2, ipa]);
        expect(await store.listAuditLog({ issuerSlug: 'ngo', limit: 10 })).toEqual([ngo2, ngo1]);
        expect(await store.listAuditLog({ issuerSlug: 'nobody', limit: 10 })).toEqual([]);
      });

      it('orders events of the same instant by version, newest first', async () => {
        const id = randomUUID();
        const events = [1, 2, 3].map((version) => statusEvent({ credentialId: id, version }));
        for (const event of events) await store.appendStatusEvent(event);
        expect(await store.listAuditLog({ limit: 10 })).toEqual(events.reverse());
      });
    });

    describe('tier claims', () => {
      const claim = {
        learnerKey: 'ana',
        achievementKey: 'dx-passport-1',
        epoch: 0,
        credentialId: 'c1',
      };

      const tierClaims = async () =>
        (await exportedRecords(store, ['tier_claims'])).map((entry) => entry.record);

      it('holds one copy per learner, tier and epoch', async () => {
        await store.claimTierCopy(claim);
        await expect(store.claimTierCopy({ ...claim, credentialId: 'c2' })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        const others = [
          { ...claim, epoch: 1, credentialId: 'c3' },
          { ...claim, learnerKey: 'ben' },
          { ...claim, achievementKey: 'dx-passport-2' },
        ];
        for (const other of others) await store.claimTierCopy(other);
        expect(await tierClaims()).toEqual([claim, ...others]);
      });

      it('releases only the claim of the credential named', async () => {
        await store.claimTierCopy(claim);
        await store.releaseTierCopy({ ...claim, credentialId: 'someone-else' });
        expect(await tierClaims()).toEqual([claim]);
        await store.releaseTierCopy(claim);
        expect(await tierClaims()).toEqual([]);
        await store.claimTierCopy({ ...claim, credentialId: 'c2' });
      });
    });

    describe('idempotency keys', () => {
      const claim = {
        scope: 'ngo:awards',
        key: 'award-ana-1',
        requestHash: 'h1',
        createdAt: '2026-05-01T09:00:00.000Z',
      };

      it('claims a key once; later claims get the stored record and, once complete, its response', async () => {
        expect(await store.claimIdempotencyKey(claim)).toEqual({ claimed: true });
        // The record keeps the first claim's time, as its caller's clock gave it.
        const pending = await store.claimIdempotencyKey({
          ...claim,
          requestHash: 'h2',
          createdAt: '2026-05-01T09:00:05.000Z',
        });
        expect(pending).toMatchObject({
          claimed: false,
          existing: { ...claim, response: undefined },
        });

        await store.completeIdempotencyKey(claim.scope, claim.key, '{"status":201}');
        expect(await store.claimIdempotencyKey(claim)).toMatchObject({
          claimed: false,
          existing: { ...claim, response: '{"status":201}' },
        });
        expect(await store.claimIdempotencyKey({ ...claim, scope: 'ipa:awards' })).toEqual({
          claimed: true,
        });
      });

      it('frees a released claim, but never a completed one', async () => {
        await store.claimIdempotencyKey(claim);
        await store.releaseIdempotencyKey(claim.scope, claim.key);
        expect(await store.claimIdempotencyKey(claim)).toEqual({ claimed: true });
        await store.completeIdempotencyKey(claim.scope, claim.key, '{"status":201}');
        await store.releaseIdempotencyKey(claim.scope, claim.key);
        expect(await store.claimIdempotencyKey(claim)).toMatchObject({
          claimed: false,
          existing: { response: '{"status":201}' },
        });
      });
    });
  });
}
