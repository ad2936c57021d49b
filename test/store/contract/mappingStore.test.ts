// The MappingStore contract: framework mappings, their history, the one approved mapping per
// achievement and framework, and the credential counts of the crosswalk, on every adapter.
import { beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError, type Store } from '../../../src/store/port.js';
import type {
  ApprovedMappingClaim,
  MappingEvent,
  MappingRecord,
} from '../../../src/store/ports/mappingStore.js';
import { credential, issuer, issuerKey, statusEvent } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

const at = '2026-03-01T00:00:00.000Z';

function mapping(id: string, fields: Partial<MappingRecord> = {}): MappingRecord {
  return {
    id,
    achievementKey: 'it-passport',
    issuerSlug: 'ipa',
    frameworkKey: 'eqf',
    levelId: 'http://data.europa.eu/snb/eqf/4',
    registrarSlug: 'qa',
    rationale: 'Entry-level IT knowledge',
    createdAt: at,
    ...fields,
  };
}

function event(mappingId: string, version: number, fields: Partial<MappingEvent> = {}) {
  return {
    mappingId,
    version,
    action: 'propose',
    state: 'proposed',
    actor: 'registrar:qa',
    at,
    ...fields,
  } satisfies MappingEvent;
}

const claim = (m: MappingRecord): ApprovedMappingClaim => ({
  achievementKey: m.achievementKey,
  frameworkKey: m.frameworkKey,
  mappingId: m.id,
  levelId: m.levelId,
  approvedAt: at,
});

describeOnEachStore('MappingStore', (current) => {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe('mappings and their history', () => {
    it('stores a mapping with its first event and lists it by framework and achievement', async () => {
      const first = mapping('m1');
      const other = mapping('m2', { frameworkKey: 'itss', achievementKey: 'g-kentei' });
      await store.insertMapping(first, event('m1', 1));
      await store.insertMapping(other, event('m2', 1));
      expect(await store.findMapping('m1')).toEqual(first);
      expect(await store.findMapping('nothing')).toBeUndefined();
      expect(await store.listMappings({})).toEqual([first, other]);
      expect(await store.listMappings({ frameworkKey: 'itss' })).toEqual([other]);
      expect(await store.listMappings({ achievementKey: 'it-passport' })).toEqual([first]);
      expect(await store.listMappingEvents('m1')).toEqual([event('m1', 1)]);
    });

    it('refuses a second mapping with one id, keeping the first and its history', async () => {
      await store.insertMapping(mapping('m1'), event('m1', 1));
      await expect(
        store.insertMapping(mapping('m1', { rationale: 'other' }), event('m1', 1)),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect((await store.findMapping('m1'))?.rationale).toBe('Entry-level IT knowledge');
      expect(await store.listMappingEvents('m1')).toHaveLength(1);
    });

    it('appends events by version, refuses a version taken, and answers the latest per mapping', async () => {
      await store.insertMapping(mapping('m1'), event('m1', 1));
      await store.insertMapping(mapping('m2'), event('m2', 1));
      const approve = event('m1', 2, {
        action: 'approve',
        state: 'approved',
        actor: 'issuer:ipa',
        comment: 'Agreed',
      });
      await store.appendMappingEvent(approve);
      await expect(
        store.appendMappingEvent(event('m1', 2, { action: 'reject', state: 'rejected' })),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.listMappingEvents('m1')).toEqual([event('m1', 1), approve]);
      const latest = await store.listLatestMappingEvents(['m1', 'm2', 'none']);
      expect(latest.sort((a, b) => a.mappingId.localeCompare(b.mappingId))).toEqual([
        approve,
        event('m2', 1),
      ]);
      expect(await store.listLatestMappingEvents([])).toEqual([]);
    });

    it('lets one of racing decisions take a version', async () => {
      await store.insertMapping(mapping('m1'), event('m1', 1));
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () =>
          store.appendMappingEvent(event('m1', 2, { action: 'withdraw', state: 'withdrawn' })),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await store.listMappingEvents('m1')).toHaveLength(2);
    });
  });

  describe('approved mappings', () => {
    it('holds one approved mapping per achievement and framework, even when claims race', async () => {
      const mappings = Array.from({ length: 6 }, (_, n) => mapping(`m${n}`));
      for (const m of mappings) await store.insertMapping(m, event(m.id, 1));
      await store.insertMapping(mapping('x', { frameworkKey: 'itss' }), event('x', 1));
      const results = await Promise.allSettled(
        mappings.map((m) => store.claimApprovedMapping(claim(m))),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const lost of results.filter((r) => r.status === 'rejected')) {
        expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateKeyError);
      }
      const approved = await store.listApprovedMappings({ achievementKey: 'it-passport' });
      expect(approved).toHaveLength(1);
      await store.claimApprovedMapping(claim(mapping('x', { frameworkKey: 'itss' })));
      expect(await store.listApprovedMappings({ frameworkKey: 'itss' })).toHaveLength(1);
      expect(await store.listApprovedMappings({})).toHaveLength(2);
    });

    it('releases only the claim of the mapping named', async () => {
      const first = mapping('m1');
      await store.insertMapping(first, event('m1', 1));
      await store.insertMapping(mapping('m2'), event('m2', 1));
      await store.claimApprovedMapping(claim(first));
      await store.releaseApprovedMapping(claim(mapping('m2')));
      expect(await store.listApprovedMappings({})).toEqual([claim(first)]);
      await store.releaseApprovedMapping(claim(first));
      expect(await store.listApprovedMappings({})).toEqual([]);
      await store.claimApprovedMapping(claim(mapping('m2')));
      expect((await store.listApprovedMappings({}))[0]?.mappingId).toBe('m2');
    });
  });

  describe('credential counts', () => {
    it('counts issued credentials per achievement, and the valid ones: unexpired, not revoked or suspended', async () => {
      const now = '2026-06-01T00:00:00.000Z';
      await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
      const records = [
        credential({ achievementKey: 'it-passport' }),
        credential({ achievementKey: 'it-passport', validUntil: '2027-01-01T00:00:00Z' }),
        credential({ achievementKey: 'it-passport', validUntil: '2026-02-01T00:00:00Z' }),
        credential({ achievementKey: 'it-passport' }),
        credential({ achievementKey: 'it-passport' }),
        credential({ achievementKey: 'g-kentei' }),
        credential({ origin: 'imported', achievementKey: 'g-kentei', issuerSlug: undefined }),
        credential({}),
      ];
      for (const record of records) await store.insertCredential(record);
      const [, , , revoked, reinstated] = records;
      await store.appendStatusEvent(statusEvent({ credentialId: revoked?.id ?? '' }));
      await store.appendStatusEvent(
        statusEvent({ credentialId: reinstated?.id ?? '', action: 'suspend', state: 'suspended' }),
      );
      await store.appendStatusEvent(
        statusEvent({
          credentialId: reinstated?.id ?? '',
          version: 2,
          action: 'reinstate',
          state: 'active',
        }),
      );
      expect(await store.countCredentialsByAchievement(now)).toEqual([
        { achievementKey: 'g-kentei', issued: 1, valid: 1 },
        { achievementKey: 'it-passport', issued: 5, valid: 3 },
      ]);
    });
  });
});
