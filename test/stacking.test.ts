import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestMultibase } from '../src/credentials/digest.js';
import { awardModule, progressOf } from './helpers/catalogAwards.js';
import { createIssuer, request, verify, type AnyJson } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

let learners = 0;
const newLearner = (): string => `learner${(learners += 1)}@example.org`;

type Stacked = { achievement: string; credential: AnyJson; url: string };

async function heldTiers(email: string): Promise<string[]> {
  const progress = await progressOf(app.baseUrl, email);
  return Object.entries(progress)
    .filter(([, p]) => p.held)
    .map(([key]) => key)
    .sort();
}

describe('DX Passport, awarded automatically', () => {
  it('awards DX Passport 1 when the first exam credential arrives', async () => {
    const email = newLearner();
    const response = await awardModule(app.baseUrl, 'it-passport', email);
    expect(response.status).toBe(201);
    const stacked = response.body.stacked as Stacked[];
    expect(stacked.map((s) => s.achievement)).toEqual(['dx-passport-1']);
    const tier = stacked[0]?.credential;
    expect(tier?.issuer.id).toBe((await request('GET', `${app.baseUrl}/issuers/di-lite`)).body.id);
    expect(tier?.credentialSubject.identifier).toEqual(
      response.body.credential.credentialSubject.identifier,
    );
    expect((await verify(app.baseUrl, tier)).body.verified).toBe(true);
  });

  it('awards DX Passport 2 when a second exam credential arrives from another exam body', async () => {
    const email = newLearner();
    await awardModule(app.baseUrl, 'it-passport', email);
    const second = await awardModule(app.baseUrl, 'ds-kentei', email);
    expect((second.body.stacked as Stacked[]).map((s) => s.achievement)).toEqual(['dx-passport-2']);
    expect(await heldTiers(email)).toEqual(['dx-passport-1', 'dx-passport-2']);
  });

  it('awards DX Passport 3 only with all three exams', async () => {
    const email = newLearner();
    await awardModule(app.baseUrl, 'g-kentei', email);
    await awardModule(app.baseUrl, 'ds-kentei', email);
    expect(await heldTiers(email)).toEqual(['dx-passport-1', 'dx-passport-2']);
    const third = await awardModule(app.baseUrl, 'it-passport', email);
    expect((third.body.stacked as Stacked[]).map((s) => s.achievement)).toEqual(['dx-passport-3']);
  });

  it('names each constituent by credential id and digest, and expires no later than the earliest', async () => {
    const email = newLearner();
    const first = await awardModule(app.baseUrl, 'it-passport', email, {
      validUntil: '2031-01-01T00:00:00Z',
    });
    const second = await awardModule(app.baseUrl, 'g-kentei', email, {
      validUntil: '2030-01-01T00:00:00Z',
    });
    const tier = (second.body.stacked as Stacked[])[0]?.credential;
    const evidence = tier?.evidence as Array<{ id: string; digestMultibase: string }>;
    expect(evidence.map((e) => e.id).sort()).toEqual(
      [first.body.credential.id, second.body.credential.id].sort(),
    );
    for (const item of evidence) {
      const stored = await fetch(`${app.baseUrl}/credentials/${item.id.replace('urn:uuid:', '')}`, {
        headers: { accept: 'application/json' },
      });
      expect(item.digestMultibase).toBe(digestMultibase(await stored.text()));
    }
    expect(Date.parse(tier?.validUntil)).toBeLessThanOrEqual(Date.parse('2030-01-01T00:00:00Z'));
    const report = await verify(app.baseUrl, tier);
    expect(report.body.checks.find((c: { id: string }) => c.id === 'stack.constituents')).toEqual({
      id: 'stack.constituents',
      outcome: 'success',
    });
  });

  it('never issues a second copy when another credential meets the rule again', async () => {
    const email = newLearner();
    await awardModule(app.baseUrl, 'it-passport', email);
    const again = await awardModule(app.baseUrl, 'it-passport', email);
    expect(again.status).toBe(201);
    expect(again.body.stacked).toEqual([]);
  });

  it('never issues two copies from 20 racing awards for one learner', async () => {
    const email = newLearner();
    const keys = Array.from(
      { length: 20 },
      (_, i) => ['it-passport', 'g-kentei', 'ds-kentei'][i % 3] as string,
    );
    const responses = await Promise.all(keys.map((key) => awardModule(app.baseUrl, key, email)));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const tiers = responses
      .flatMap((r) => (r.body.stacked as Stacked[]).map((s) => s.achievement))
      .sort();
    expect(tiers).toEqual(['dx-passport-1', 'dx-passport-2', 'dx-passport-3']);
  });

  it('returns the first result for a retried request with the same Idempotency-Key', async () => {
    const email = newLearner();
    const headers = { 'idempotency-key': `dx-${email}` };
    const [a, b] = await Promise.all([
      awardModule(app.baseUrl, 'it-passport', email, {}, headers),
      awardModule(app.baseUrl, 'it-passport', email, {}, headers),
    ]);
    const ok = [a, b].filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const retry = await awardModule(app.baseUrl, 'it-passport', email, {}, headers);
    expect(retry.body.credential.id).toBe(ok[0]?.body.credential.id);
    expect(await heldTiers(email)).toEqual(['dx-passport-1']);
  });
});

describe('who may award what', () => {
  it("lets only the achievement's issuer award it", async () => {
    const jdla = await request('GET', `${app.baseUrl}/issuers/jdla`);
    expect(jdla.status).toBe(200);
    const own = await createIssuer(app.baseUrl, 'some-college');
    const response = await request(
      'POST',
      `${app.baseUrl}/issuers/some-college/awards`,
      { achievement: 'it-passport', recipient: { email: newLearner() } },
      { key: own.apiKey },
    );
    expect(response.status).toBe(403);
  });

  it('refuses to award a tier by hand', async () => {
    const response = await request(
      'POST',
      `${app.baseUrl}/issuers/di-lite/awards`,
      { achievement: 'dx-passport-1', recipient: { email: newLearner() } },
      { key: ADMIN_KEY },
    );
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('achievement');
  });

  it('refuses an unknown achievement key, naming the field', async () => {
    const response = await request(
      'POST',
      `${app.baseUrl}/issuers/ipa/awards`,
      { achievement: 'no-such-exam', recipient: { email: newLearner() } },
      { key: ADMIN_KEY },
    );
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('achievement');
  });
});

describe('the NGO ladder', () => {
  it('enforces prerequisites', async () => {
    const response = await awardModule(app.baseUrl, 'ai-tools-at-work', newLearner());
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('digital-basics');
  });

  it('needs evidence for the capstone', async () => {
    const email = newLearner();
    for (const key of ['digital-basics', 'ai-tools-at-work', 'data-literacy'])
      await awardModule(app.baseUrl, key, email);
    const without = await awardModule(app.baseUrl, 'ai-capstone', email);
    expect(without.status).toBe(422);
    expect(without.body.errors[0].field).toBe('evidence');
    const withEvidence = await awardModule(app.baseUrl, 'ai-capstone', email, {
      evidence: [
        {
          id: 'https://bridge-ngo.example/projects/42',
          name: 'Project report',
          narrative: 'Inventory assistant for a food bank.',
        },
      ],
    });
    expect(withEvidence.status).toBe(201);
    expect((withEvidence.body.stacked as Stacked[]).map((s) => s.achievement)).toEqual([
      'ai-ready-gold',
    ]);
    expect(await heldTiers(email)).toEqual(['ai-ready-bronze', 'ai-ready-gold', 'ai-ready-silver']);
  });

  it('shows progress with what is missing', async () => {
    const email = newLearner();
    await awardModule(app.baseUrl, 'digital-basics', email);
    const progress = await progressOf(app.baseUrl, email);
    expect(progress['ai-ready-bronze']).toMatchObject({
      met: false,
      missing: ['1 more of: ai-tools-at-work, data-literacy'],
    });
    expect(progress['dx-passport-1']).toMatchObject({
      met: false,
      missing: ['1 more of: it-passport, g-kentei, ds-kentei'],
    });
  });
});

describe('the catalog', () => {
  it('serves achievements as OB3 Achievements in three languages', async () => {
    const en = await request('GET', `${app.baseUrl}/achievements/dx-passport-2`);
    expect(en.body).toMatchObject({ type: ['Achievement'], name: 'DX Passport 2' });
    expect(en.body.id).toBe(`${app.baseUrl}/achievements/dx-passport-2`);
    const ja = await request('GET', `${app.baseUrl}/achievements/dx-passport-2?lang=ja`);
    expect(ja.body.name).toBe('DX推進パスポート2');
    const list = await request('GET', `${app.baseUrl}/achievements?lang=zh-TW`);
    expect(list.body.achievements.map((a: { name: string }) => a.name)).toContain('DX 推進護照 3');
  });

  it('lets the admin update an achievement without changing credentials already issued', async () => {
    const email = newLearner();
    const before = await awardModule(app.baseUrl, 'g-kentei', email);
    const current = (await request('GET', `${app.baseUrl}/achievements/g-kentei`)).body;
    const definition = {
      key: 'g-kentei',
      issuer: 'jdla',
      kind: 'module',
      name: { en: 'G Certificate 2027' },
      description: { en: current.description },
      criteria: { en: 'Passed the 2027 examination.' },
    };
    const put = await request('PUT', `${app.baseUrl}/achievements/g-kentei`, definition, {
      key: ADMIN_KEY,
    });
    expect(put.status).toBe(200);
    expect((await request('GET', `${app.baseUrl}/achievements/g-kentei`)).body.name).toBe(
      'G Certificate 2027',
    );
    const stored = await request(
      'GET',
      `${app.baseUrl}/credentials/${String(before.body.credential.id).replace('urn:uuid:', '')}`,
      undefined,
      { headers: { accept: 'application/json' } },
    );
    expect(stored.body.credentialSubject.achievement.name).toBe(
      before.body.credential.credentialSubject.achievement.name,
    );
    expect((await verify(app.baseUrl, stored.body)).body.verified).toBe(true);
  });

  it('refuses a rule naming an unknown achievement', async () => {
    const response = await request(
      'PUT',
      `${app.baseUrl}/achievements/new-tier`,
      {
        key: 'new-tier',
        issuer: 'di-lite',
        kind: 'tier',
        name: { en: 'New' },
        description: { en: 'New' },
        criteria: { en: 'New' },
        rule: { allOf: ['it-passport', 'no-such-module'] },
      },
      { key: ADMIN_KEY },
    );
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('no-such-module');
  });

  it('refuses an update that makes tiers need one another, naming the cycle', async () => {
    const tier = (key: string, rule: unknown) => ({
      key,
      issuer: 'di-lite',
      kind: 'tier',
      name: { en: key },
      description: { en: key },
      criteria: { en: key },
      rule,
    });
    const first = await request(
      'PUT',
      `${app.baseUrl}/achievements/cycle-a`,
      tier('cycle-a', { anyOf: ['it-passport', 'dx-passport-1'] }),
      { key: ADMIN_KEY },
    );
    expect(first.status).toBe(200);
    const second = await request(
      'PUT',
      `${app.baseUrl}/achievements/cycle-b`,
      tier('cycle-b', { allOf: ['cycle-a'] }),
      { key: ADMIN_KEY },
    );
    expect(second.status).toBe(200);
    const closing = await request(
      'PUT',
      `${app.baseUrl}/achievements/cycle-a`,
      tier('cycle-a', { anyOf: ['it-passport', 'cycle-b'] }),
      { key: ADMIN_KEY },
    );
    expect(closing.status).toBe(422);
    expect(closing.body.detail).toMatch(
      /cycle.*cycle-a -> cycle-b -> cycle-a|cycle.*cycle-b -> cycle-a -> cycle-b/,
    );
  });
});
