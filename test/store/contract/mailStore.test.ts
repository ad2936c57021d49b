// The MailStore contract: learner e-mail's outbox, its attempts and each issuer's choice, the same
// tests on every adapter. Queueing and attempts are claimed by insert, so racing callers agree.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MailMessageRecord, Store } from '../../../src/store/port.js';
import { issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

function message(fields: Partial<MailMessageRecord> = {}): MailMessageRecord {
  const credentialId = fields.credentialId ?? randomUUID();
  return {
    id: `credential-issued:${credentialId}`,
    kind: 'credential-issued',
    issuerSlug: 'ngo',
    credentialId,
    language: 'ja',
    sealedRecipient: 'v1.sealed',
    state: 'queued',
    attempts: 0,
    nextAttemptAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

describeOnEachStore('MailStore', (current) => {
  let store: Store;
  beforeEach(async () => {
    store = current();
    await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
  });

  describe('outbox', () => {
    it('queues a message once: a second queueing of the same id, even racing, writes nothing', async () => {
      const first = message();
      const results = await Promise.all([
        store.queueMailMessage(first),
        store.queueMailMessage({ ...first, language: 'en', sealedRecipient: 'v1.other' }),
      ]);
      expect(results.sort()).toEqual([false, true]);
      const stored = await store.listMailMessagesForCredentials([first.credentialId]);
      expect(stored).toHaveLength(1);
      expect(['ja', 'en']).toContain(stored[0]?.language);
      expect(await store.queueMailMessage(first)).toBe(false);
      expect(await store.listMailMessagesForCredentials([first.credentialId])).toHaveLength(1);
    });

    it('keeps a staff invitation with its sealed details, once per invitation', async () => {
      const invitationId = randomUUID();
      const invited = message({
        id: `staff-invitation:${invitationId}`,
        kind: 'staff-invitation',
        credentialId: invitationId,
        sealedDetails: 'v1.sealed-details',
      });
      expect(await store.queueMailMessage(invited)).toBe(true);
      expect(await store.queueMailMessage({ ...invited, sealedDetails: 'v1.other' })).toBe(false);
      expect(await store.listMailMessagesForCredentials([invitationId])).toEqual([invited]);
      expect(await store.listDueMailMessages('2026-01-01T00:00:00.000Z', 10)).toEqual([invited]);
    });

    it('lists queued messages that are due, earliest first, and not those sent or later', async () => {
      const later = message({ nextAttemptAt: '2026-03-01T00:00:00.000Z' });
      const due = message({ nextAttemptAt: '2026-01-02T00:00:00.000Z' });
      const dueFirst = message({ nextAttemptAt: '2026-01-01T00:00:00.000Z' });
      const sent = message({ state: 'sent', attempts: 1, finishedAt: '2026-01-01T00:00:01.000Z' });
      for (const each of [later, due, dueFirst, sent]) await store.queueMailMessage(each);
      const listed = await store.listDueMailMessages('2026-02-01T00:00:00.000Z', 10);
      expect(listed.map((m) => m.id)).toEqual([dueFirst.id, due.id]);
      expect(listed[0]).toEqual(dueFirst);
      expect(await store.listDueMailMessages('2026-02-01T00:00:00.000Z', 1)).toHaveLength(1);
    });

    it('gives each attempt to one claimant only', async () => {
      const queued = message();
      await store.queueMailMessage(queued);
      const claim = { messageId: queued.id, attemptNo: 1, claimedAt: '2026-01-01T00:00:00.000Z' };
      const won = await Promise.all([
        store.claimMailAttempt(claim),
        store.claimMailAttempt({ ...claim, claimedAt: '2026-01-01T00:00:05.000Z' }),
      ]);
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(await store.claimMailAttempt(claim)).toBe(false);
      expect(await store.claimMailAttempt({ ...claim, attemptNo: 2 })).toBe(true);
      expect((await store.findMailAttempt(queued.id, 1))?.attemptNo).toBe(1);
      expect(await store.findMailAttempt(queued.id, 3)).toBeUndefined();
    });

    it('records an attempt once, never going back to an earlier one', async () => {
      const queued = message();
      await store.queueMailMessage(queued);
      await store.recordMailOutcome(queued.id, 1, {
        state: 'queued',
        attempts: 1,
        nextAttemptAt: '2026-01-01T00:01:00.000Z',
        lastError: '451 try again later',
      });
      // A late repeat of attempt 1 changes nothing.
      await store.recordMailOutcome(queued.id, 1, {
        state: 'failed',
        attempts: 1,
        nextAttemptAt: '2026-01-01T00:01:00.000Z',
        lastError: 'other',
      });
      const [retrying] = await store.listMailMessagesForCredentials([queued.credentialId]);
      expect(retrying).toMatchObject({
        state: 'queued',
        attempts: 1,
        lastError: '451 try again later',
      });
      await store.recordMailOutcome(queued.id, 2, {
        state: 'sent',
        attempts: 2,
        nextAttemptAt: '2026-01-01T00:01:00.000Z',
        finishedAt: '2026-01-01T00:01:01.000Z',
      });
      const [sent] = await store.listMailMessagesForCredentials([queued.credentialId]);
      expect(sent).toEqual({
        ...queued,
        state: 'sent',
        attempts: 2,
        nextAttemptAt: '2026-01-01T00:01:00.000Z',
        finishedAt: '2026-01-01T00:01:01.000Z',
      });
      // Once sent, nothing more is recorded.
      await store.recordMailOutcome(queued.id, 3, {
        state: 'failed',
        attempts: 3,
        nextAttemptAt: '2026-01-01T00:02:00.000Z',
      });
      expect((await store.listMailMessagesForCredentials([queued.credentialId]))[0]?.state).toBe(
        'sent',
      );
    });

    it("lists an issuer's messages newest first, and messages by credential", async () => {
      const old = message({ createdAt: '2026-01-01T00:00:00.000Z' });
      const recent = message({ createdAt: '2026-01-05T00:00:00.000Z' });
      const reminder = message({
        id: `expiry-reminder:${old.credentialId}`,
        kind: 'expiry-reminder',
        credentialId: old.credentialId,
        createdAt: '2026-01-01T00:00:00.000Z',
        nextAttemptAt: '2026-06-01T00:00:00.000Z',
      });
      for (const each of [old, recent, reminder]) await store.queueMailMessage(each);
      expect((await store.listMailMessages('ngo', 10)).map((m) => m.id)[0]).toBe(recent.id);
      expect(await store.listMailMessages('ngo', 2)).toHaveLength(2);
      expect(await store.listMailMessages('elsewhere', 10)).toEqual([]);
      const ofOld = await store.listMailMessagesForCredentials([old.credentialId]);
      expect(ofOld.map((m) => m.kind).sort()).toEqual(['credential-issued', 'expiry-reminder']);
      expect(await store.listMailMessagesForCredentials([])).toEqual([]);
    });
  });

  describe('outbox depth', () => {
    it('counts messages in every state, naming the empty ones 0', async () => {
      expect(await store.countMailMessagesByState()).toEqual({
        queued: 0,
        sent: 0,
        failed: 0,
        skipped: 0,
      });
      const queued = message();
      await store.queueMailMessage(queued);
      await store.queueMailMessage(message());
      await store.queueMailMessage(message({ state: 'skipped', skipReason: 'e-mail turned off' }));
      await store.recordMailOutcome(queued.id, 1, {
        state: 'failed',
        attempts: 1,
        nextAttemptAt: '2026-01-01T00:01:00.000Z',
        lastError: 'connection refused',
        finishedAt: '2026-01-01T00:01:00.000Z',
      });
      expect(await store.countMailMessagesByState()).toEqual({
        queued: 1,
        sent: 0,
        failed: 1,
        skipped: 1,
      });
    });
  });

  describe('issuer settings', () => {
    it('keeps the latest choice, none before the first', async () => {
      expect(await store.findIssuerMailSetting('ngo')).toBeUndefined();
      await store.putIssuerMailSetting({
        issuerSlug: 'ngo',
        enabled: false,
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
      await store.putIssuerMailSetting({
        issuerSlug: 'ngo',
        enabled: true,
        updatedAt: '2026-01-02T00:00:00.000Z',
      });
      expect(await store.findIssuerMailSetting('ngo')).toEqual({
        issuerSlug: 'ngo',
        enabled: true,
        updatedAt: '2026-01-02T00:00:00.000Z',
      });
    });
  });
});
