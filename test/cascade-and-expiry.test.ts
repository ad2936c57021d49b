import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  awardModule,
  changeStatus,
  DX_ISSUERS,
  progressOf,
  setStatusPurposes,
  stateOf,
  tierOf,
} from './helpers/catalogAwards.js';
import { failedCheck, request, verify } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

/** A clock the tests move forward. */
let now = Date.parse('2026-11-23T10:00:00Z');
const DAY = 86_400_000;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ clock: () => new Date(now) });
  // Suspension is what these cascades are about: every DX Passport issuer turns it on.
  for (const slug of DX_ISSUERS)
    await setStatusPurposes(app.baseUrl, slug, ['revocation', 'suspension']);
});
afterAll(async () => app.close());

let learners = 0;
const newLearner = (): string => `cascade${(learners += 1)}@example.org`;

describe('status cascades to tiers', () => {
  it('revoking g-kentei revokes DX Passport 2, and DX Passport 1 is issued again from it-passport', async () => {
    const email = newLearner();
    const gKentei = await awardModule(app.baseUrl, 'g-kentei', email);
    const dx1 = tierOf(gKentei, 'dx-passport-1');
    const itPassport = await awardModule(app.baseUrl, 'it-passport', email);
    const dx2 = tierOf(itPassport, 'dx-passport-2');

    await changeStatus(app.baseUrl, gKentei.body.credential.id, 'revoke', 'exam result withdrawn');

    expect(await stateOf(app.baseUrl, dx2.id)).toBe('revoked');
    expect(await stateOf(app.baseUrl, dx1.id)).toBe('revoked');
    const report = await verify(app.baseUrl, dx2);
    expect(failedCheck(report.body)).toBe('status.revocation');
    expect(report.body.errors[0].detail).toContain(
      `constituent ${gKentei.body.credential.id} revoked`,
    );
    const integrity = report.body.checks.find((c: { id: string }) => c.id === 'stack.constituents');
    expect(integrity.outcome).toBe('failure');
    expect(integrity.problem.detail).toContain('revoked');

    const progress = await progressOf(app.baseUrl, email);
    expect(progress['dx-passport-2']?.held).toBeUndefined();
    const newDx1 = progress['dx-passport-1']?.held ?? '';
    expect(newDx1).not.toBe(dx1.id);
    const reissued = await request(
      'GET',
      `${app.baseUrl}/credentials/${newDx1.replace('urn:uuid:', '')}`,
      undefined,
      { headers: { accept: 'application/json' } },
    );
    expect(reissued.body.evidence.map((e: { id: string }) => e.id)).toEqual([
      itPassport.body.credential.id,
    ]);
    expect((await verify(app.baseUrl, reissued.body)).body.verified).toBe(true);
  });

  it('suspending a constituent suspends the tier, and reinstating it brings the tier back', async () => {
    const email = newLearner();
    const first = await awardModule(app.baseUrl, 'ds-kentei', email);
    const dx1 = tierOf(first, 'dx-passport-1');
    await changeStatus(app.baseUrl, first.body.credential.id, 'suspend', 'under review');
    expect(await stateOf(app.baseUrl, dx1.id)).toBe('suspended');
    await changeStatus(app.baseUrl, first.body.credential.id, 'reinstate', 'review passed');
    expect(await stateOf(app.baseUrl, dx1.id)).toBe('active');
    expect((await verify(app.baseUrl, dx1)).body.verified).toBe(true);
  });

  it('a suspended tier that other credentials still meet is replaced, so only one copy is ever valid', async () => {
    const email = newLearner();
    const first = await awardModule(app.baseUrl, 'ds-kentei', email);
    const dx1 = tierOf(first, 'dx-passport-1');
    const second = await awardModule(app.baseUrl, 'it-passport', email);
    await changeStatus(app.baseUrl, first.body.credential.id, 'suspend', 'under review');
    expect(await stateOf(app.baseUrl, dx1.id)).toBe('revoked');
    const progress = await progressOf(app.baseUrl, email);
    const replacement = progress['dx-passport-1']?.held ?? '';
    expect(replacement).not.toBe('');
    expect(replacement).not.toBe(dx1.id);
    await changeStatus(app.baseUrl, first.body.credential.id, 'reinstate', 'review passed');
    expect(await stateOf(app.baseUrl, dx1.id)).toBe('revoked');
    expect(await stateOf(app.baseUrl, replacement)).toBe('active');
    void second;
  });
});

describe('expiry', () => {
  it('an expired credential fails with credential-expired and its tiers are issued again from what is still valid', async () => {
    const email = newLearner();
    const start = now;
    const shortLived = await awardModule(app.baseUrl, 'it-passport', email, {
      validUntil: new Date(start + 2 * DAY).toISOString(),
    });
    const dx1 = tierOf(shortLived, 'dx-passport-1');
    const lasting = await awardModule(app.baseUrl, 'ds-kentei', email);
    const dx2 = tierOf(lasting, 'dx-passport-2');

    now = start + 3 * DAY;
    expect(await stateOf(app.baseUrl, shortLived.body.credential.id)).toBe('expired');
    const report = await verify(app.baseUrl, shortLived.body.credential);
    expect(failedCheck(report.body)).toBe('dates.validUntil');
    expect(report.body.errors[0].type).toMatch(/credential-expired$/);
    expect(await stateOf(app.baseUrl, dx1.id)).toBe('expired');
    expect(await stateOf(app.baseUrl, dx2.id)).toBe('expired');

    const processed = await app.services.expirySweep.sweep();
    expect(processed).toBeGreaterThanOrEqual(1);
    const progress = await progressOf(app.baseUrl, email);
    const newDx1 = progress['dx-passport-1']?.held ?? '';
    expect(newDx1).not.toBe('');
    expect(newDx1).not.toBe(dx1.id);
    expect(progress['dx-passport-2']).toMatchObject({
      met: false,
      missing: ['1 more of: it-passport, g-kentei'],
    });
    expect(await app.services.expirySweep.sweep()).toBe(0);
  });

  it('renewal issues a new credential with new dates and keeps awardedDate from the first', async () => {
    const email = newLearner();
    const original = await awardModule(app.baseUrl, 'digital-basics', email);
    const firstValidFrom = original.body.credential.validFrom;
    now += 400 * DAY;
    const uuid = String(original.body.credential.id).replace('urn:uuid:', '');
    const renewed = await request('POST', `${app.baseUrl}/credentials/${uuid}/renew`, undefined, {
      key: 'test-admin-key-0123456789abcdefghijklmnop',
    });
    expect(renewed.status).toBe(201);
    const credential = renewed.body.credential;
    expect(credential.id).not.toBe(original.body.credential.id);
    expect(credential.awardedDate).toBe(firstValidFrom);
    expect(Date.parse(credential.validFrom)).toBeGreaterThan(Date.parse(firstValidFrom));
    expect(Date.parse(credential.validUntil)).toBeGreaterThan(
      Date.parse(original.body.credential.validUntil),
    );
    expect((await verify(app.baseUrl, credential)).body.verified).toBe(true);
    expect(await stateOf(app.baseUrl, original.body.credential.id)).toBe('active');
  });
});

describe('earnedWithin', () => {
  it('does not count a module earned too long before the others: bronze yes, silver no', async () => {
    const email = newLearner();
    await awardModule(app.baseUrl, 'digital-basics', email);
    now += 900 * DAY;
    await awardModule(app.baseUrl, 'ai-tools-at-work', email);
    const last = await awardModule(app.baseUrl, 'data-literacy', email);
    expect(last.status).toBe(201);
    const progress = await progressOf(app.baseUrl, email);
    expect(progress['ai-ready-bronze']?.held).toBeDefined();
    expect(progress['ai-ready-silver']).toMatchObject({
      met: false,
      missing: ['credentials earned within P2Y of one another'],
    });
  });
});
