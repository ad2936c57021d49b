// The RecordTransfer contract, the Store's export and import, the ground a move between stores stands on: every adapter
// exports what it holds, and every adapter imports that export as it is, once.
import { createHash } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import {
  STORED_COLLECTIONS,
  type StatusEvent,
  type Store,
  type StoredRecord,
} from '../../../src/store/port.js';
import {
  credential,
  exportedRecords,
  invitation,
  issuer,
  issuerKey,
  passkey,
  session,
  staff,
  statusEvent,
} from '../records.js';
import { describeOnEachStore, storeAdapters } from '../storeAdapters.js';

const module = credential({
  learnerKey: 'ana',
  cohort: '2026-spring',
  region: 'Tokyo',
  achievementKey: 'it-passport',
  validUntil: '2026-03-01T00:00:00Z',
  status: { listNumber: 1, index: 5 },
  createdAt: '2026-01-02T00:00:00.000Z',
});
const imported = credential({ origin: 'imported', issuerDid: 'did:web:other.example' });
delete imported.issuerSlug;
const tier = credential({
  format: 'jwt',
  document: 'eyJhbGciOiJFZERTQSJ9.eyJ0aWVyIjoxfQ.c2ln',
  learnerKey: 'ana',
  achievementKey: 'dx-passport-1',
  status: { listNumber: 1, index: 9 },
  constituentIds: [module.id, imported.id],
  createdAt: '2026-01-03T00:00:00.000Z',
});
const endorsement = credential({
  issuerSlug: 'ipa',
  issuerDid: 'did:web:example.org:issuers:ipa',
  status: { listNumber: 1, index: 3 },
  createdAt: '2026-01-04T00:00:00.000Z',
});
/** Recorded before lists had change sequences (a MongoDB store kept from then has such events). */
const suspended: StatusEvent = statusEvent({
  credentialId: module.id,
  version: 1,
  action: 'suspend',
  state: 'suspended',
});
/** Recorded with its list change, as the service records every change since lists have snapshots. */
const revoked: StatusEvent = statusEvent({
  credentialId: module.id,
  version: 2,
  list: { listNumber: 1, index: 5, sequence: 1 },
});

/** Something in every collection, written through the port the way the service writes it. */
async function fillEveryCollection(store: Store): Promise<void> {
  await store.claimSetting('keyEncryption.salt', '00112233445566778899aabbccddeeff');
  await store.claimSetting('admin.apiKeyHash', 'ab'.repeat(32));
  await store.insertIssuer(issuer('ngo', { url: 'https://ngo.example' }), issuerKey('ngo'));
  await store.insertIssuer(issuer('ipa'), issuerKey('ipa'));
  for (let n = 0; n < 3; n += 1) {
    await store.insertIssuerKey(issuerKey('ngo', '2026-02-01T00:00:00.000Z'));
  }
  const logo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 10, 13]);
  await store.putIssuerImage({
    issuerSlug: 'ngo',
    mediaType: 'image/png',
    bytes: logo,
    digest: createHash('sha256').update(logo).digest('hex'),
    updatedAt: '2026-02-02T00:00:00.000Z',
  });
  await store.upsertAchievement({
    key: 'it-passport',
    issuerSlug: 'ipa',
    kind: 'module',
    definition: '{"key":"it-passport"}',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
  for (const record of [module, imported, tier, endorsement]) await store.insertCredential(record);
  await store.insertEndorsement({
    credentialId: endorsement.id,
    endorserSlug: 'ipa',
    subjectKind: 'achievement',
    subjectKey: 'it-passport',
    createdAt: '2026-01-04T00:00:00.000Z',
  });
  await store.insertApiKey({
    id: '7d1f8e52-3c5b-4a0e-9f6d-2b8c4e1a9d07',
    issuerSlug: 'ngo',
    name: 'lms',
    keyHash: 'cd'.repeat(32),
    scopes: ['awards:write', 'learners:read'],
    expiresAt: '2027-01-01T00:00:00.000Z',
    createdAt: '2026-01-05T00:00:00.000Z',
  });
  const hook = {
    id: '0c9a3f7e-5b1d-4e8a-9c2f-6d4b7a1e3f58',
    issuerSlug: 'ngo',
    url: 'https://crm.ngo.example/hooks',
    events: ['credential.issued'],
    sealedSecret: 'v1.sealed.webhook-secret',
    createdAt: '2026-01-05T00:00:00.000Z',
  };
  await store.insertWebhookEndpoint(hook);
  const delivery = {
    id: '4e2b8d6a-1f3c-4a7e-b5d9-8c0f2e6a4b17',
    endpointId: hook.id,
    eventId: `credential.issued:${module.id}`,
    eventType: 'credential.issued',
    payload: '{"type":"credential.issued"}',
    createdAt: '2026-01-05T00:00:00.000Z',
    nextAttemptAt: '2026-01-05T00:00:30.000Z',
  };
  await store.queueWebhookDelivery(delivery);
  await store.claimWebhookAttempt({
    deliveryId: delivery.id,
    attempt: 1,
    startedAt: '2026-01-05T00:00:00.000Z',
  });
  await store.finishWebhookAttempt(delivery.id, 1, {
    finishedAt: '2026-01-05T00:00:01.000Z',
    httpStatus: 503,
  });
  const batch = {
    id: '7d3e9b2a-4c6f-4e1a-8b5d-2f9c0a7e6b41',
    issuerSlug: 'ngo',
    format: 'di' as const,
    rows: JSON.stringify([{ recipient: 'a@example.org', achievement: 'module' }]),
    total: 1,
    actor: 'admin',
    createdAt: '2026-01-05T00:00:00.000Z',
  };
  await store.insertBatch(batch);
  await store.claimBatchLease({
    batchId: batch.id,
    generation: 1,
    holder: 'runner-a',
    expiresAt: '2026-01-05T00:00:30.000Z',
  });
  await store.claimBatchRow({
    batchId: batch.id,
    row: 1,
    state: 'issued',
    credentialId: module.id,
    updatedAt: '2026-01-05T00:00:01.000Z',
  });
  await store.claimBatchCompletion(batch.id, '2026-01-05T00:00:02.000Z');
  await store.putIssuerMailSetting({
    issuerSlug: 'ngo',
    enabled: false,
    updatedAt: '2026-01-05T00:00:00.000Z',
  });
  await store.putIssuerMailTemplate({
    issuerSlug: 'ngo',
    kind: 'expiry-reminder',
    language: 'ja',
    subject: '{achievementName} の有効期限',
    body: '{validUntil} まで有効です。\n\n{credentialUrl}',
    updatedAt: '2026-01-05T00:00:00.000Z',
  });
  const mail = {
    id: `credential-issued:${module.id}`,
    kind: 'credential-issued',
    issuerSlug: 'ngo',
    credentialId: module.id,
    language: 'ja',
    sealedRecipient: 'v1.sealed.address',
    state: 'queued',
    attempts: 0,
    nextAttemptAt: '2026-01-05T00:00:00.000Z',
    createdAt: '2026-01-05T00:00:00.000Z',
  } as const;
  await store.queueMailMessage(mail);
  await store.claimMailAttempt({
    messageId: mail.id,
    attemptNo: 1,
    claimedAt: '2026-01-05T00:00:00.000Z',
  });
  await store.recordMailOutcome(mail.id, 1, {
    state: 'queued',
    attempts: 1,
    nextAttemptAt: '2026-01-05T00:01:00.000Z',
    lastError: '451 try again later',
  });
  await store.claimExpiryProcessing(module.id);
  await store.claimStatusList('ngo', 1);
  await store.claimStatusIndex(
    'ngo',
    { listNumber: 1, index: 5 },
    module.id,
    '2026-01-05T00:00:00.000Z',
  );
  await store.claimStatusIndex(
    'ngo',
    { listNumber: 1, index: 9 },
    tier.id,
    '2026-01-05T00:00:00.000Z',
  );
  await store.appendStatusEvent(suspended);
  await store.appendStatusEvent(revoked);
  await store.claimTierCopy({
    learnerKey: 'ana',
    achievementKey: 'dx-passport-1',
    epoch: 0,
    credentialId: tier.id,
    claimedAt: '2026-03-01T00:00:00.000Z',
  });
  await store.disregardImport({
    credentialId: tier.id,
    reason: 'withdrawn at source',
    actor: 'admin',
    at: '2026-03-01T00:00:00.000Z',
  });
  await store.notePendingStacking({
    credentialId: tier.id,
    learnerKey: 'ana',
    achievementKey: 'dx-passport-1',
    claimedAt: '2026-03-01T00:00:00.000Z',
  });
  const createdAt = '2026-03-01T00:00:00.000Z';
  await store.claimIdempotencyKey({
    scope: 'ngo:awards',
    key: 'done',
    requestHash: 'h1',
    createdAt,
  });
  await store.completeIdempotencyKey('ngo:awards', 'done', '{"status":201}');
  const mapping = {
    id: 'mapping-1',
    achievementKey: 'it-passport',
    issuerSlug: 'ipa',
    frameworkKey: 'eqf',
    levelId: 'http://data.europa.eu/snb/eqf/4',
    registrarSlug: 'ngo',
    rationale: 'Entry-level IT knowledge',
    createdAt,
  };
  const proposed = { mappingId: mapping.id, version: 1, at: createdAt, actor: 'registrar:ngo' };
  await store.insertMapping(mapping, { ...proposed, action: 'propose', state: 'proposed' });
  await store.appendMappingEvent({
    ...proposed,
    version: 2,
    action: 'approve',
    state: 'approved',
    actor: 'issuer:ipa',
    comment: 'Agreed',
  });
  await store.claimApprovedMapping({
    achievementKey: mapping.achievementKey,
    frameworkKey: mapping.frameworkKey,
    mappingId: mapping.id,
    levelId: mapping.levelId,
    approvedAt: createdAt,
  });
  const invited = invitation();
  await store.insertStaffInvitation(invited);
  const member = staff(invited);
  await store.insertStaff(member);
  await store.insertStaffSession(session(member, { endedAt: '2026-01-02T01:00:00.000Z' }));
  await store.insertPasskey(passkey(member, { lastUsedAt: '2026-01-02T03:00:00.000Z' }));
  await store.claimIdempotencyKey({
    scope: 'ngo:awards',
    key: 'running',
    requestHash: 'h2',
    createdAt,
  });
  const offer = {
    id: '5a8c2e4f-7b1d-4c3a-9e6f-0d2b4a8c6e19',
    tokenHash: 'ef'.repeat(32),
    issuerSlug: 'ngo',
    credentialId: module.id,
    createdAt,
    expiresAt: '2026-03-04T00:00:00.000Z',
  };
  await store.insertWalletOffer(offer);
  await store.insertWalletChallenge({ challenge: 'challenge-1', offerId: offer.id, createdAt });
  await store.insertWalletGrant({
    key: `pre-authorized_code:${'ab'.repeat(32)}`,
    offerId: offer.id,
    createdAt,
    expiresAt: '2026-03-01T00:10:00.000Z',
  });
  await store.insertWalletGrant({
    key: `c_nonce:${'cd'.repeat(32)}`,
    createdAt,
    expiresAt: '2026-03-01T00:05:00.000Z',
  });
  await store.insertWalletClaim({
    offerId: offer.id,
    originalId: module.id,
    copyId: '9b1e3d5f-2a4c-4e6b-8d0f-1c3e5a7b9d20',
    holderDid: 'did:key:z6MkholderExample',
    claimedAt: createdAt,
  });
  await store.putIssuerWalletSetting({
    issuerSlug: 'ngo',
    walletClaim: true,
    updatedAt: createdAt,
  });
  // Counted twice: the export carries the count, not one record per view.
  for (let n = 0; n < 2; n += 1) {
    await store.countCredentialUse({
      credentialId: module.id,
      issuerSlug: 'ngo',
      day: '2026-03-01',
      kind: 'view',
      count: 1,
    });
  }
  await store.insertPartnerGroup({
    id: '5d2c7e1a-8b3f-4c6d-9e0a-1b2c3d4e5f60',
    name: 'Programme',
    issuerSlugs: ['ngo', 'ipa'],
    createdAt,
  });
}

/** Constituents are a set: SQLite returns them sorted, MongoDB in insertion order. */
function comparable(entries: StoredRecord[]): StoredRecord[] {
  return entries.map((entry) =>
    entry.collection === 'credentials'
      ? {
          ...entry,
          record: { ...entry.record, constituentIds: [...entry.record.constituentIds].sort() },
        }
      : entry,
  );
}

const targets = storeAdapters().filter((adapter) => adapter.skipReason === undefined);

describeOnEachStore('RecordTransfer', (current) => {
  // Every port: the records to move are written the way the service writes them.
  let store: Store;

  beforeEach(async () => {
    store = current();
    await fillEveryCollection(store);
  });

  it('exports every collection in import order, each in the order it was written', async () => {
    const entries = await exportedRecords(store);
    const order = entries.map((entry) => STORED_COLLECTIONS.indexOf(entry.collection));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    const counts = Object.fromEntries(STORED_COLLECTIONS.map((name) => [name, 0]));
    for (const entry of entries) counts[entry.collection] = (counts[entry.collection] ?? 0) + 1;
    expect(counts).toEqual({
      settings: 2,
      issuers: 2,
      issuer_keys: 5,
      issuer_images: 1,
      achievements: 1,
      credentials: 4,
      endorsements: 1,
      api_keys: 1,
      staff_invitations: 1,
      staff: 1,
      staff_sessions: 1,
      staff_passkeys: 1,
      webhook_endpoints: 1,
      webhook_deliveries: 1,
      webhook_attempts: 1,
      batches: 1,
      batch_rows: 1,
      batch_leases: 1,
      batch_completions: 1,
      issuer_mail_settings: 1,
      issuer_mail_templates: 1,
      mail_messages: 1,
      mail_attempts: 1,
      expiry_processing: 1,
      status_lists: 1,
      status_allocations: 2,
      status_events: 2,
      tier_claims: 1,
      pending_stacking: 1,
      import_disregards: 1,
      idempotency_keys: 2,
      mappings: 1,
      mapping_events: 2,
      approved_mappings: 1,
      wallet_offers: 1,
      wallet_challenges: 1,
      wallet_claims: 1,
      wallet_grants: 2,
      issuer_wallet_settings: 1,
      credential_use_counts: 1,
      partner_groups: 1,
    });
    const ngoKeys = entries.flatMap((entry) =>
      entry.collection === 'issuer_keys' && entry.record.issuerSlug === 'ngo' ? [entry.record] : [],
    );
    expect(ngoKeys).toEqual(await store.listIssuerKeys('ngo'));
    expect(comparable(entries.filter((entry) => entry.collection === 'credentials'))).toEqual(
      comparable(
        [module, imported, tier, endorsement].map((record) => ({
          collection: 'credentials',
          record,
        })),
      ),
    );
    expect(entries.filter((entry) => entry.collection === 'status_events')).toEqual([
      { collection: 'status_events', record: suspended },
      { collection: 'status_events', record: revoked },
    ]);
    const idempotency = entries.flatMap((entry) =>
      entry.collection === 'idempotency_keys' ? [entry.record] : [],
    );
    expect(idempotency.map(({ key, response }) => ({ key, response }))).toEqual([
      { key: 'done', response: '{"status":201}' },
      { key: 'running', response: undefined },
    ]);
  });

  it('exports only the collections named, still in import order', async () => {
    const entries = await exportedRecords(store, ['tier_claims', 'settings']);
    expect(entries.map((entry) => entry.collection)).toEqual([
      'settings',
      'settings',
      'tier_claims',
    ]);
  });

  it('answers present for a record whose key is taken, and keeps the stored one', async () => {
    const clash = { ...module, document: '{"changed":true}' };
    expect(await store.importRecord({ collection: 'credentials', record: clash })).toBe('present');
    expect(await store.findCredential(module.id)).toEqual(module);
    const position = { issuerSlug: 'ngo', listNumber: 1, index: 5, credentialId: tier.id };
    expect(await store.importRecord({ collection: 'status_allocations', record: position })).toBe(
      'present',
    );
    expect(await store.listUnsequencedStatusStates('ngo', 1)).toEqual([
      { index: 5, credentialId: module.id, state: 'suspended' },
    ]);
  });

  for (const target of targets) {
    it(`imports its export into a new ${target.name} store once: the same records, then all present`, async () => {
      const exported = await exportedRecords(store);
      const copy = await target.open();
      try {
        const first = [];
        for (const entry of exported) first.push(await copy.store.importRecord(entry));
        expect(first.every((outcome) => outcome === 'inserted')).toBe(true);
        expect(comparable(await exportedRecords(copy.store))).toEqual(comparable(exported));

        const second = [];
        for (const entry of exported) second.push(await copy.store.importRecord(entry));
        expect(second.every((outcome) => outcome === 'present')).toBe(true);
        expect(comparable(await exportedRecords(copy.store))).toEqual(comparable(exported));

        // The copy answers the service's questions as the original does.
        expect(await copy.store.listIssuerKeys('ngo')).toEqual(await store.listIssuerKeys('ngo'));
        expect(await copy.store.findIssuerImage('ngo')).toEqual(await store.findIssuerImage('ngo'));
        expect(await copy.store.listUnsequencedStatusStates('ngo', 1)).toEqual(
          await store.listUnsequencedStatusStates('ngo', 1),
        );
        expect(await copy.store.latestStatusListSequence('ngo', 1)).toBe(1);
        expect(await copy.store.listStatusListChanges('ngo', 1, 0)).toEqual([revoked]);
        expect(await copy.store.listTiersNaming(imported.id)).toHaveLength(1);
        expect(await copy.store.listEndorsements()).toEqual(await store.listEndorsements());
        expect(await copy.store.listWebhookEndpoints('ngo')).toEqual(
          await store.listWebhookEndpoints('ngo'),
        );
        const [hook] = await store.listWebhookEndpoints('ngo');
        const deliveries = await copy.store.listWebhookDeliveries(String(hook?.id), 10);
        expect(deliveries).toEqual(await store.listWebhookDeliveries(String(hook?.id), 10));
        const [batch] = await store.listBatches('ngo', 10);
        expect(await copy.store.findBatch(String(batch?.id))).toEqual(batch);
        expect(await copy.store.listBatchRows(String(batch?.id))).toEqual(
          await store.listBatchRows(String(batch?.id)),
        );
        expect(await copy.store.latestBatchLease(String(batch?.id))).toEqual(
          await store.latestBatchLease(String(batch?.id)),
        );
        expect(await copy.store.batchCompletedAt(String(batch?.id))).toBe(
          '2026-01-05T00:00:02.000Z',
        );
        expect(await copy.store.listWebhookAttempts(deliveries.map((d) => d.id))).toEqual([
          expect.objectContaining({ attempt: 1, httpStatus: 503 }),
        ]);
        expect(await copy.store.findIssuerMailSetting('ngo')).toMatchObject({ enabled: false });
        expect(await copy.store.listIssuerMailTemplates('ngo')).toEqual(
          await store.listIssuerMailTemplates('ngo'),
        );
        expect(await copy.store.findIssuerWalletSetting('ngo')).toMatchObject({
          walletClaim: true,
        });
        const [mail] = await store.listMailMessages('ngo', 10);
        expect(await copy.store.listMailMessages('ngo', 10)).toEqual([mail]);
        expect(mail).toMatchObject({ attempts: 1, lastError: '451 try again later' });
        expect(await copy.store.findMailAttempt(String(mail?.id), 1)).toBeDefined();
        expect(await copy.store.claimSetting('keyEncryption.salt', 'other')).toBe(
          '00112233445566778899aabbccddeeff',
        );
        expect(
          await copy.store.claimIdempotencyKey({
            scope: 'ngo:awards',
            key: 'done',
            requestHash: 'h1',
            createdAt: '2026-04-01T00:00:00.000Z',
          }),
        ).toMatchObject({ claimed: false, existing: { response: '{"status":201}' } });
      } finally {
        await copy.dispose();
      }
    });
  }
});
