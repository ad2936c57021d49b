// A tier whose issuer issues what OB 3.0 allows (one revocation entry) cannot be suspended. When a
// constituent is suspended, the tier is revoked as superseded, and the learner gets a fresh copy
// once the rule is met again: from other valid credentials at once, or on reinstatement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  awardModule,
  changeStatus,
  progressOf,
  setStatusPurposes,
  stateOf,
  tierOf,
} from './helpers/catalogAwards.js';
import { failedCheck, request, statusEntriesOf, verify, type AnyJson } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  // The exam bodies can suspend; the passport's issuer (di-lite) keeps the default.
  for (const slug of ['ipa', 'jdla', 'dss']) {
    await setStatusPurposes(app.baseUrl, slug, ['revocation', 'suspension']);
  }
});
afterAll(async () => app.close());

async function credentialById(id: string): Promise<AnyJson> {
  const uuid = id.replace('urn:uuid:', '');
  return (
    await request('GET', `${app.baseUrl}/credentials/${uuid}`, undefined, {
      headers: { accept: 'application/json' },
    })
  ).body;
}

describe('a tier issued without a suspension entry', () => {
  it('is revoked as superseded when its constituent is suspended, and issued afresh on reinstatement', async () => {
    const email = 'no-suspension@example.org';
    const exam = await awardModule(app.baseUrl, 'it-passport', email);
    const tier = tierOf(exam, 'dx-passport-1');
    expect(statusEntriesOf(exam.body.credential).map((e) => e.statusPurpose)).toEqual([
      'revocation',
      'suspension',
    ]);
    expect(statusEntriesOf(tier).map((e) => e.statusPurpose)).toEqual(['revocation']);

    await changeStatus(app.baseUrl, String(exam.body.credential.id), 'suspend', 'under review');
    expect(await stateOf(app.baseUrl, String(exam.body.credential.id))).toBe('suspended');
    expect(await stateOf(app.baseUrl, String(tier.id))).toBe('revoked');
    const report = await verify(app.baseUrl, tier);
    expect(failedCheck(report.body)).toBe('status.revocation');
    expect(report.body.errors[0].detail).toContain('superseded');
    expect((await progressOf(app.baseUrl, email))['dx-passport-1']?.held).toBeUndefined();

    await changeStatus(app.baseUrl, String(exam.body.credential.id), 'reinstate', 'cleared');
    const fresh = (await progressOf(app.baseUrl, email))['dx-passport-1']?.held ?? '';
    expect(fresh).not.toBe('');
    expect(fresh).not.toBe(tier.id);
    expect(await stateOf(app.baseUrl, fresh)).toBe('active');
    expect(await stateOf(app.baseUrl, String(tier.id))).toBe('revoked');
    const reissued = await credentialById(fresh);
    expect((await verify(app.baseUrl, reissued)).body.verified).toBe(true);
  });

  it('is replaced at once when other credentials still meet its rule', async () => {
    const email = 'two-exams@example.org';
    const first = await awardModule(app.baseUrl, 'g-kentei', email);
    const dx1 = tierOf(first, 'dx-passport-1');
    const second = await awardModule(app.baseUrl, 'ds-kentei', email);
    const dx2 = tierOf(second, 'dx-passport-2');

    await changeStatus(app.baseUrl, String(first.body.credential.id), 'suspend', 'under review');
    expect(await stateOf(app.baseUrl, String(dx2.id))).toBe('revoked');
    const progress = await progressOf(app.baseUrl, email);
    expect(progress['dx-passport-2']?.held).toBeUndefined();
    const replacement = progress['dx-passport-1']?.held ?? '';
    expect([dx1.id, '']).not.toContain(replacement);
    const evidence = (await credentialById(replacement)).evidence as AnyJson[];
    expect(evidence.map((e) => e.id)).toEqual([second.body.credential.id]);
  });
});
