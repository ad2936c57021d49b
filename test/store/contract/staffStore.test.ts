// The StaffStore contract: console invitations, accounts and sessions, the same tests on every
// adapter; and the credentials an issuer's console lists.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/port.js';
import { DuplicateKeyError } from '../../../src/store/port.js';
import { credential, invitation, issuer, issuerKey, session, staff } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

describeOnEachStore('StaffStore', (current) => {
  let store: Store;
  beforeEach(async () => {
    store = current();
    await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
    await store.insertIssuer(issuer('ipa'), issuerKey('ipa'));
  });

  describe('invitations', () => {
    it('finds one by its token hash with every field, and claims the hash once', async () => {
      const invited = invitation();
      await store.insertStaffInvitation(invited);
      expect(await store.findStaffInvitationByTokenHash(invited.tokenHash)).toEqual(invited);
      expect(await store.findStaffInvitationByTokenHash('ff'.repeat(32))).toBeUndefined();
      await expect(
        store.insertStaffInvitation(invitation({ tokenHash: invited.tokenHash })),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
    });
  });

  describe('accounts', () => {
    it('claims an e-mail once per issuer and an invitation once, by one insert', async () => {
      const first = invitation();
      await store.insertStaffInvitation(first);
      const member = staff(first);
      await store.insertStaff(member);
      expect(await store.findStaff(member.id)).toEqual(member);
      // The same invitation again: used up.
      await expect(
        store.insertStaff(staff(first, { email: 'other@ngo.example' })),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      // A second invitation of the same address at the same issuer: already on the staff.
      const second = invitation();
      await store.insertStaffInvitation(second);
      await expect(store.insertStaff(staff(second))).rejects.toBeInstanceOf(DuplicateKeyError);
      // The same address at another issuer is another account.
      const elsewhere = invitation({ issuerSlug: 'ipa' });
      await store.insertStaffInvitation(elsewhere);
      await store.insertStaff(staff(elsewhere, { createdAt: '2026-01-03T00:00:00.000Z' }));
      expect((await store.listStaffByEmail('mei@ngo.example')).map((s) => s.issuerSlug)).toEqual([
        'ngo',
        'ipa',
      ]);
    });

    it('lets only one of racing acceptances of an invitation make the account', async () => {
      const invited = invitation();
      await store.insertStaffInvitation(invited);
      const racing = await Promise.allSettled(
        Array.from({ length: 5 }, () => store.insertStaff(staff(invited))),
      );
      expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await store.listStaffByEmail(invited.email)).toHaveLength(1);
    });
  });

  describe('sessions', () => {
    it('finds a session by its id hash, ends one, and ends every session of an account', async () => {
      const invited = invitation();
      await store.insertStaffInvitation(invited);
      const member = staff(invited);
      await store.insertStaff(member);
      const [phone, laptop, tablet] = [session(member), session(member), session(member)];
      for (const open of [phone, laptop, tablet]) await store.insertStaffSession(open);
      await expect(
        store.insertStaffSession(session(member, { idHash: phone.idHash })),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.findStaffSession(phone.idHash)).toEqual(phone);
      await store.endStaffSession(phone.idHash, '2026-01-02T01:00:00.000Z');
      await store.endStaffSession(phone.idHash, '2026-01-02T02:00:00.000Z');
      expect((await store.findStaffSession(phone.idHash))?.endedAt).toBe(
        '2026-01-02T01:00:00.000Z',
      );
      expect((await store.findStaffSession(laptop.idHash))?.endedAt).toBeUndefined();
      await store.endSessionsOfStaff(member.id, '2026-01-02T03:00:00.000Z');
      expect((await store.findStaffSession(laptop.idHash))?.endedAt).toBe(
        '2026-01-02T03:00:00.000Z',
      );
      expect((await store.findStaffSession(tablet.idHash))?.endedAt).toBe(
        '2026-01-02T03:00:00.000Z',
      );
      expect((await store.findStaffSession(phone.idHash))?.endedAt).toBe(
        '2026-01-02T01:00:00.000Z',
      );
    });
  });

  describe("managing an issuer's staff", () => {
    it('lists accounts and invitations per issuer, oldest first, and changes a role', async () => {
      const used = invitation({ email: 'mei@ngo.example' });
      const pending = invitation({
        email: 'ana@ngo.example',
        createdAt: '2026-01-03T00:00:00.000Z',
      });
      const elsewhere = invitation({ issuerSlug: 'ipa', email: 'kai@ipa.example' });
      for (const one of [used, pending, elsewhere]) await store.insertStaffInvitation(one);
      const member = staff(used);
      await store.insertStaff(member);
      await store.insertStaff(staff(elsewhere));
      expect(await store.listStaffOfIssuer('ngo')).toEqual([member]);
      expect(await store.listStaffInvitationsOfIssuer('ngo')).toEqual([used, pending]);

      expect(await store.updateStaffRole('ngo', member.id, 'owner')).toBe(true);
      expect((await store.findStaff(member.id))?.role).toBe('owner');
      // Another issuer's account is not this issuer's to change.
      expect(await store.updateStaffRole('ipa', member.id, 'viewer')).toBe(false);
      expect((await store.findStaff(member.id))?.role).toBe('owner');
    });

    it('removes an account with its sessions and its invitation, so the e-mail can be invited again', async () => {
      const used = invitation();
      await store.insertStaffInvitation(used);
      const member = staff(used);
      await store.insertStaff(member);
      const open = session(member);
      await store.insertStaffSession(open);
      expect(await store.removeStaff('ipa', member.id)).toBe(false);
      expect(await store.removeStaff('ngo', member.id)).toBe(true);
      expect(await store.findStaff(member.id)).toBeUndefined();
      expect(await store.findStaffSession(open.idHash)).toBeUndefined();
      expect(await store.findStaffInvitationByTokenHash(used.tokenHash)).toBeUndefined();
      expect(await store.removeStaff('ngo', member.id)).toBe(false);
      const again = invitation();
      await store.insertStaffInvitation(again);
      await store.insertStaff(staff(again));
      expect(await store.listStaffByEmail(used.email)).toHaveLength(1);
    });

    it('withdraws only an invitation not used yet, of its own issuer', async () => {
      const used = invitation();
      const pending = invitation({ email: 'ana@ngo.example' });
      for (const one of [used, pending]) await store.insertStaffInvitation(one);
      await store.insertStaff(staff(used));
      expect(await store.removeStaffInvitation('ngo', used.id)).toBe(false);
      expect(await store.removeStaffInvitation('ipa', pending.id)).toBe(false);
      expect(await store.removeStaffInvitation('ngo', pending.id)).toBe(true);
      expect(await store.findStaffInvitationByTokenHash(pending.tokenHash)).toBeUndefined();
      expect(await store.findStaffInvitationByTokenHash(used.tokenHash)).toEqual(used);
    });
  });

  describe("an issuer's credentials", () => {
    it('lists the issuer’s own issued credentials newest first, up to the limit', async () => {
      const older = credential({ issuerSlug: 'ngo', createdAt: '2026-01-01T00:00:00.000Z' });
      const newer = credential({ issuerSlug: 'ngo', createdAt: '2026-01-03T00:00:00.000Z' });
      const sameInstant = credential({ issuerSlug: 'ngo', createdAt: '2026-01-03T00:00:00.000Z' });
      const other = credential({ issuerSlug: 'ipa', createdAt: '2026-01-04T00:00:00.000Z' });
      for (const record of [older, newer, sameInstant, other]) await store.insertCredential(record);
      const listed = await store.listCredentialsOfIssuer('ngo', 10);
      expect(listed.map((r) => r.id)).toEqual([sameInstant.id, newer.id, older.id]);
      expect(await store.listCredentialsOfIssuer('ngo', 2)).toHaveLength(2);
    });
  });
});
