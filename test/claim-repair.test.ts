// Claims that heal: a tier claimed by insert whose credential was never stored (the disk filled
// between the two writes, and freeing the claim failed too) is found once it is far older than an
// issuance takes, freed, and the learner gets the tier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialRecord } from '../src/store/port.js';
import { awardModule, progressOf } from './helpers/catalogAwards.js';
import { faultyStore, type FaultRule } from './helpers/faultyStore.js';
import { request, verify } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let now = new Date('2026-11-02T09:00:00Z');
let fault: FaultRule | undefined;

/** The disk is full for the tier's credential and for freeing its claim. */
const tierWritesFail: FaultRule = (method, args) =>
  (method === 'insertCredential' &&
    (args[0] as CredentialRecord).achievementKey === 'dx-passport-1') ||
  method === 'releaseTierCopy';

beforeAll(async () => {
  app = await startTestApp({
    background: false,
    clock: () => now,
    wrapStore: (store) => faultyStore(store, () => fault),
  });
});
afterAll(async () => app.close());

describe('a tier claim left without its credential', () => {
  const learner = 'half-written@example.org';

  it('answers the award that was stored, and leaves the learner meeting the tier without holding it, when the disk fills mid-award', async () => {
    fault = tierWritesFail;
    const response = await awardModule(app.baseUrl, 'it-passport', learner);
    fault = undefined;
    // The module is stored and said so: a client retrying a 5xx here would make a second one.
    expect(response.status).toBe(201);
    expect(response.body.stacked ?? []).toEqual([]);
    const progress = await progressOf(app.baseUrl, learner);
    expect(progress['dx-passport-1']?.met).toBe(true);
    expect(progress['dx-passport-1']?.held).toBeUndefined();
  });

  it('is left alone while it could still be an issuance in flight', async () => {
    now = new Date(now.getTime() + 60_000);
    expect(await app.services.tierClaimRepair.repair()).toEqual({
      freedClaims: 0,
      evaluatedAwards: 0,
      releasedIndexes: 0,
    });
    expect((await progressOf(app.baseUrl, learner))['dx-passport-1']?.held).toBeUndefined();
  });

  it('is freed once older than CLAIM_REPAIR_AFTER_SECONDS, and the learner gets a tier that verifies', async () => {
    now = new Date(now.getTime() + 10 * 60_000);
    // The claim is freed; the award's tiers, due since, are evaluated and issue the tier.
    expect(await app.services.tierClaimRepair.repair()).toEqual({
      freedClaims: 1,
      evaluatedAwards: 1,
      releasedIndexes: 0,
    });
    const held = (await progressOf(app.baseUrl, learner))['dx-passport-1']?.held;
    expect(held).toBeDefined();
    const tier = await request(
      'GET',
      `${app.baseUrl}/credentials/${String(held).replace('urn:uuid:', '')}`,
    );
    expect(tier.status).toBe(200);
    expect((await verify(app.baseUrl, tier.body)).body.verdict).toBe('verified');
    expect(await app.services.tierClaimRepair.repair()).toEqual({
      freedClaims: 0,
      evaluatedAwards: 0,
      releasedIndexes: 0,
    });
  });
});

describe('an idempotency key whose request died or could not record its end', () => {
  const gKenteiCredentials = async (): Promise<number> => {
    let count = 0;
    for await (const entry of app.store.exportRecords()) {
      const record = entry.record as Partial<CredentialRecord>;
      if (entry.collection === 'credentials' && record.achievementKey === 'g-kentei') count += 1;
    }
    return count;
  };
  const awardWith = (key: string, learner: string) =>
    awardModule(app.baseUrl, 'g-kentei', learner, {}, { 'idempotency-key': key });
  it('answers the retry with the credential its request stored, once the claim is old, and issues no second one', async () => {
    const learner = 'lost-response@example.org';
    const before = await gKenteiCredentials();
    fault = (method) => method === 'completeIdempotencyKey';
    const first = await awardWith('key-lost-response', learner);
    fault = undefined;
    expect(first.status).toBe(201);

    const early = await awardWith('key-lost-response', learner);
    expect(early.status).toBe(409);
    expect(early.body.type).toMatch(/\/request-in-progress$/);

    now = new Date(now.getTime() + 11 * 60_000);
    const retry = await awardWith('key-lost-response', learner);
    expect(retry.status).toBe(201);
    expect(retry.body.credential.id).toBe(first.body.credential.id);
    expect((await awardWith('key-lost-response', learner)).body.credential.id).toBe(
      first.body.credential.id,
    );
    expect(await gKenteiCredentials()).toBe(before + 1);
  });

  it('runs the award on the retry when its request stored nothing and could not free the key', async () => {
    const learner = 'never-stored@example.org';
    const before = await gKenteiCredentials();
    fault = (method, args) =>
      (method === 'insertCredential' &&
        (args[0] as CredentialRecord).achievementKey === 'g-kentei') ||
      method === 'releaseIdempotencyKey';
    const first = await awardWith('key-never-stored', learner);
    fault = undefined;
    expect(first.status).toBe(503);
    expect((await awardWith('key-never-stored', learner)).status).toBe(409);

    now = new Date(now.getTime() + 11 * 60_000);
    const retry = await awardWith('key-never-stored', learner);
    expect(retry.status).toBe(201);
    expect((await verify(app.baseUrl, retry.body.credential)).body.verdict).toBe('verified');
    expect((await awardWith('key-never-stored', learner)).body.credential.id).toBe(
      retry.body.credential.id,
    );
    expect(await gKenteiCredentials()).toBe(before + 1);
  });
});
