// The MailTemplateStore contract: an issuer's learner e-mail templates, one per (issuer, kind,
// language), the same tests on every adapter. A write replaces what that key holds, racing
// first writes of one key leave one record, and a delete brings "none" back.
import { beforeEach, expect, it } from 'vitest';
import type { IssuerMailTemplateRecord, Store } from '../../../src/store/port.js';
import { issuer, issuerKey } from '../records.js';
import { describeOnEachStore } from '../storeAdapters.js';

function template(fields: Partial<IssuerMailTemplateRecord> = {}): IssuerMailTemplateRecord {
  return {
    issuerSlug: 'ngo',
    kind: 'credential-issued',
    language: 'en',
    subject: 'Well done: {achievementName}',
    body: 'Hello,\n\nyour credential is here:\n{credentialUrl}',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

describeOnEachStore('MailTemplateStore', (current) => {
  let store: Store;
  beforeEach(async () => {
    store = current();
    await store.insertIssuer(issuer('ngo'), issuerKey('ngo'));
    await store.insertIssuer(issuer('ipa'), issuerKey('ipa'));
  });

  it('finds nothing before a write, then the template as written', async () => {
    expect(await store.findIssuerMailTemplate('ngo', 'credential-issued', 'en')).toBeUndefined();
    expect(await store.listIssuerMailTemplates('ngo')).toEqual([]);
    const written = template();
    await store.putIssuerMailTemplate(written);
    expect(await store.findIssuerMailTemplate('ngo', 'credential-issued', 'en')).toEqual(written);
    expect(await store.findIssuerMailTemplate('ngo', 'credential-issued', 'ja')).toBeUndefined();
    expect(await store.findIssuerMailTemplate('ngo', 'expiry-reminder', 'en')).toBeUndefined();
    expect(await store.findIssuerMailTemplate('ipa', 'credential-issued', 'en')).toBeUndefined();
  });

  it('replaces the template of the same issuer, kind and language, and keeps the others', async () => {
    const ja = template({ language: 'ja', subject: '{achievementName} を取得しました' });
    await store.putIssuerMailTemplate(template());
    await store.putIssuerMailTemplate(ja);
    const changed = template({
      subject: 'Congratulations',
      body: 'See {credentialUrl}',
      updatedAt: '2026-02-01T00:00:00.000Z',
    });
    await store.putIssuerMailTemplate(changed);
    expect(await store.findIssuerMailTemplate('ngo', 'credential-issued', 'en')).toEqual(changed);
    expect(await store.listIssuerMailTemplates('ngo')).toEqual([changed, ja]);
  });

  it('keeps one template when first writes of one key race: one of them', async () => {
    const writes = ['A', 'B', 'C', 'D'].map((letter) =>
      template({ kind: 'expiry-reminder', subject: `Subject ${letter}` }),
    );
    await Promise.all(writes.map((write) => store.putIssuerMailTemplate(write)));
    const listed = await store.listIssuerMailTemplates('ngo');
    expect(listed).toHaveLength(1);
    expect(writes).toContainEqual(listed[0]);
  });

  it('lists by kind, then language, only the issuer’s own', async () => {
    const reminderZh = template({ kind: 'expiry-reminder', language: 'zh-TW' });
    const issuedJa = template({ language: 'ja' });
    const reminderEn = template({ kind: 'expiry-reminder' });
    const issuedEn = template();
    for (const each of [reminderZh, issuedJa, reminderEn, issuedEn]) {
      await store.putIssuerMailTemplate(each);
    }
    await store.putIssuerMailTemplate(template({ issuerSlug: 'ipa' }));
    expect(await store.listIssuerMailTemplates('ngo')).toEqual([
      issuedEn,
      issuedJa,
      reminderEn,
      reminderZh,
    ]);
  });

  it('deletes one template, leaves the others, and deleting none changes nothing', async () => {
    const other = template({ language: 'zh-TW' });
    await store.putIssuerMailTemplate(template());
    await store.putIssuerMailTemplate(other);
    await store.deleteIssuerMailTemplate('ngo', 'credential-issued', 'en');
    expect(await store.findIssuerMailTemplate('ngo', 'credential-issued', 'en')).toBeUndefined();
    await store.deleteIssuerMailTemplate('ngo', 'credential-issued', 'en');
    await store.deleteIssuerMailTemplate('ngo', 'expiry-reminder', 'ja');
    expect(await store.listIssuerMailTemplates('ngo')).toEqual([other]);
    await store.putIssuerMailTemplate(template());
    expect(await store.listIssuerMailTemplates('ngo')).toHaveLength(2);
  });
});
