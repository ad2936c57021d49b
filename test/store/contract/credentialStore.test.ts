// The CredentialStore contract: credentials, the same tests on every adapter.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../../src/store/port.js';
import type {
  CredentialRecord,
  CredentialStore,
} from '../../../src/store/ports/credentialStore.js';
import type { IssuerStore } from '../../../src/store/ports/issuerStore.js';
import { credential, issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

/** Constituents are a set: SQLite happens to return them sorted, MongoDB in insertion order. */
const constituentsAsSet = (records: Array<CredentialRecord | undefined>) =>
  records.map(
    (record) => record && { ...record, constituentIds: [...record.constituentIds].sort() },
  );

describeOnEachStore('CredentialStore', (current) => {
  let store: CredentialStore & IssuerStore;
  beforeEach(() => {
    store = current();
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
        renewalReason: 'Re-examined',
        importedFor: 'ngo',
      });
      await store.insertCredential(tier);
      expect(constituentsAsSet([await store.findCredential(tier.id)])).toEqual(
        constituentsAsSet([tier]),
      );
    });

    it('round-trips a Data Integrity credential with its vc+jwt copy for the credential QR', async () => {
      const issued = credential({
        format: 'di',
        vcJwt: 'eyJhbGciOiJFZERTQSIsInR5cCI6InZjK2p3dCJ9.eyJuYW1lIjoiSVQgUGFzc3BvcnQifQ.c2ln',
      });
      await store.insertCredential(issued);
      const found = await store.findCredential(issued.id);
      expect(found?.vcJwt).toBe(issued.vcJwt);
      expect(found).toEqual(issued);
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

    it('reads the facts of many learners’ credentials at once, by learner then oldest first', async () => {
      const full = credential({
        learnerKey: 'ben',
        achievementKey: 'dx-passport-1',
        validUntil: '2029-01-01T00:00:00Z',
        importedFor: 'ngo',
        origin: 'imported',
        vcJwt: 'eyJhbGciOiJFZERTQSJ9.e30.c2ln',
        constituentIds: [randomUUID()],
        createdAt: '2026-03-01T00:00:00.000Z',
      });
      const bare = credential({ learnerKey: 'ana', createdAt: '2026-02-01T00:00:00.000Z' });
      const older = credential({ learnerKey: 'ben', createdAt: '2026-01-15T00:00:00.000Z' });
      for (const record of [full, bare, older]) await store.insertCredential(record);
      await store.insertCredential(credential({ learnerKey: 'cleo' }));
      await store.insertCredential(credential());

      const facts = await store.listCredentialFactsOfLearners(['ben', 'ana', 'nobody']);
      expect(facts).toEqual([
        {
          id: bare.id,
          origin: 'issued',
          learnerKey: 'ana',
          validFrom: bare.validFrom,
          createdAt: bare.createdAt,
        },
        {
          id: older.id,
          origin: 'issued',
          learnerKey: 'ben',
          validFrom: older.validFrom,
          createdAt: older.createdAt,
        },
        {
          id: full.id,
          origin: 'imported',
          achievementKey: 'dx-passport-1',
          learnerKey: 'ben',
          validFrom: full.validFrom,
          validUntil: '2029-01-01T00:00:00Z',
          importedFor: 'ngo',
          createdAt: full.createdAt,
        },
      ]);
      // Only the facts: no document, JWT or constituents come back (nor a field left unset).
      expect(facts.map((fact) => Object.keys(fact).sort())).toEqual([
        ['createdAt', 'id', 'learnerKey', 'origin', 'validFrom'],
        ['createdAt', 'id', 'learnerKey', 'origin', 'validFrom'],
        [
          'achievementKey',
          'createdAt',
          'id',
          'importedFor',
          'learnerKey',
          'origin',
          'validFrom',
          'validUntil',
        ],
      ]);
      expect(await store.listCredentialFactsOfLearners([])).toEqual([]);
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

  describe("searching an issuer's own credentials", () => {
    beforeEach(async () => {
      await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
      await store.insertIssuer(issuer('other'), issuerKey('other'));
    });

    const at = (day: string) => `2026-03-${day}T10:00:00.000Z`;

    it('filters by learner, achievement, ids and issued dates, newest first, only its own', async () => {
      const ana1 = credential({ learnerKey: 'ana', achievementKey: 'a', createdAt: at('01') });
      const ana2 = credential({ learnerKey: 'ana', achievementKey: 'b', createdAt: at('03') });
      const ben = credential({ learnerKey: 'ben', achievementKey: 'a', createdAt: at('02') });
      const theirs = credential({ learnerKey: 'ana', issuerSlug: 'other', createdAt: at('04') });
      const imported = credential({ learnerKey: 'ana', origin: 'imported', createdAt: at('05') });
      for (const record of [ana1, ana2, ben, theirs, imported])
        await store.insertCredential(record);
      const search = (more: object) =>
        store.searchCredentialsOfIssuer({ issuerSlug: 'ngo', limit: 10, ...more });
      expect(await search({})).toEqual([ana2, ben, ana1]);
      expect(await search({ learnerKey: 'ana' })).toEqual([ana2, ana1]);
      expect(await search({ achievementKey: 'a' })).toEqual([ben, ana1]);
      expect(await search({ learnerKey: 'ana', achievementKey: 'a' })).toEqual([ana1]);
      expect(await search({ ids: [ana1.id, ben.id, theirs.id] })).toEqual([ben, ana1]);
      expect(await search({ ids: [] })).toEqual([]);
      expect(await search({ createdFrom: at('02') })).toEqual([ana2, ben]);
      expect(await search({ createdBefore: at('02') })).toEqual([ana1]);
      expect(await search({ createdFrom: at('02'), createdBefore: at('03') })).toEqual([ben]);
      expect(await search({ learnerKey: 'nobody' })).toEqual([]);
    });

    it('pages after the last one shown, credentials of one instant ordered by id', async () => {
      const same = [credential(), credential(), credential()].map((record) => ({
        ...record,
        createdAt: at('02'),
      }));
      const older = credential({ createdAt: at('01') });
      for (const record of [...same, older]) await store.insertCredential(record);
      const expected = [...same.sort((x, y) => y.id.localeCompare(x.id)), older];
      const first = await store.searchCredentialsOfIssuer({ issuerSlug: 'ngo', limit: 2 });
      expect(first).toEqual(expected.slice(0, 2));
      const last = first.at(-1)!;
      const second = await store.searchCredentialsOfIssuer({
        issuerSlug: 'ngo',
        limit: 2,
        after: { createdAt: last.createdAt, id: last.id },
      });
      expect(second).toEqual(expected.slice(2));
    });
  });

  describe('imports set aside', () => {
    beforeEach(() => store.insertIssuer(issuer('ngo'), issuerKey('ngo')));

    it('disregards an import once, the first reason standing, and finds them in one read', async () => {
      const [a, b, c] = [credential(), credential(), credential()];
      for (const record of [a, b, c])
        await store.insertCredential({ ...record!, origin: 'imported' });
      const first = {
        credentialId: a!.id,
        reason: 'withdrawn',
        actor: 'admin',
        at: '2026-05-01T00:00:00.000Z',
      };
      expect(await store.disregardImport(first)).toBe(true);
      expect(await store.disregardImport({ ...first, reason: 'again' })).toBe(false);
      await store.disregardImport({ ...first, credentialId: b!.id, actor: 'ngo' });
      const found = await store.findImportDisregards([a!.id, b!.id, c!.id]);
      expect(found.sort((x, y) => x.actor.localeCompare(y.actor))).toEqual([
        first,
        { ...first, credentialId: b!.id, actor: 'ngo' },
      ]);
      expect(await store.findImportDisregards([])).toEqual([]);
    });

    it('pages through imported credentials by id, and only those', async () => {
      const imported = Array.from({ length: 5 }, () => ({
        ...credential(),
        origin: 'imported' as const,
      }));
      for (const record of imported) await store.insertCredential(record);
      await store.insertCredential(credential());
      const ids = imported.map((record) => record.id).sort();
      const first = await store.listImportedCredentials(undefined, 2);
      expect(first.map((record) => record.id)).toEqual(ids.slice(0, 2));
      const rest = await store.listImportedCredentials(first[1]?.id, 10);
      expect(rest.map((record) => record.id)).toEqual(ids.slice(2));
      expect(rest.every((record) => record.origin === 'imported')).toBe(true);
      expect(await store.listImportedCredentials(ids[4], 10)).toEqual([]);
    });
  });
});
