import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashedEmailIdentity } from '../src/credentials/recipientIdentity.js';
import {
  createIssuer,
  issueViaApi,
  request,
  unsignedOpenBadge,
  type AnyJson,
  type Issuer,
  type JsonResponse,
} from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { catalogDirTrusting, fetchFromElsewhere } from './helpers/elsewhere.js';

// Two services, as in imports.test.ts: an exam body elsewhere (did:web at https://exams.example,
// answered on loopback) whose IT Passport credentials the trust list counts here.
const ELSEWHERE_URL = 'https://exams.example';
const EXTERNAL_ACHIEVEMENT = 'https://exams.example/achievements/it-passport';

let elsewhere: TestApp;
let examBody: Issuer;
let app: TestApp;
let catalogDir: string;
/** API keys of the catalog issuers (they have none until the admin gives them one). */
const keys: Record<string, string> = {};

const fetchRemoteJson = fetchFromElsewhere(ELSEWHERE_URL, () => elsewhere.baseUrl);

/** A second tier on IT Passport, awarded by someone other than di-lite. */
const IT_COUNCIL_CATALOG = {
  issuers: [{ slug: 'it-council', name: 'IT Council (test)', url: 'https://it-council.example' }],
  achievements: [
    {
      key: 'it-basics',
      issuer: 'it-council',
      kind: 'tier',
      name: { en: 'IT basics' },
      description: { en: 'Holds the IT Passport.' },
      criteria: { en: 'Pass the IT Passport Examination.' },
      rule: 'it-passport',
    },
  ],
};

beforeAll(async () => {
  elsewhere = await startTestApp({
    env: { CATALOG_DIR: '/nonexistent', PUBLIC_URL: ELSEWHERE_URL },
  });
  examBody = await createIssuer(elsewhere.baseUrl, 'exam-body');
  catalogDir = catalogDirTrusting(
    { did: examBody.id, name: 'Exam body elsewhere', achievementId: EXTERNAL_ACHIEVEMENT },
    {
      copy: ['credentials/ai-ready-worker.json'],
      write: { 'it-council.json': IT_COUNCIL_CATALOG },
    },
  );
  app = await startTestApp({ env: { CATALOG_DIR: catalogDir }, fetchRemoteJson });
  for (const slug of ['ipa', 'jdla', 'dss', 'di-lite', 'bridge-ngo', 'it-council']) {
    const response = await request('POST', `${app.baseUrl}/issuers/${slug}/api-keys`, undefined, {
      key: ADMIN_KEY,
    });
    expect(response.status).toBe(201);
    keys[slug] = response.body.apiKey as string;
  }
});
afterAll(async () => {
  await app.close();
  await elsewhere.close();
  rmSync(catalogDir, { recursive: true, force: true });
});

let learners = 0;
const newLearner = (): string => `scoped${(learners += 1)}@example.org`;

/** The issuer awards one of its catalog modules with its own key. */
async function awardAs(slug: string, achievement: string, email: string): Promise<JsonResponse> {
  const response = await request(
    'POST',
    `${app.baseUrl}/issuers/${slug}/awards`,
    { achievement, recipient: { email } },
    { key: keys[slug] },
  );
  expect(response.status).toBe(201);
  return response;
}

/** The progress response as sent: its status, its parsed body and its whole text. */
async function progressAs(
  key: string,
  query: string,
): Promise<{ status: number; body: AnyJson; text: string }> {
  const response = await fetch(`${app.baseUrl}/learners/progress?${query}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as AnyJson, text };
}

const byEmail = (email: string): string => `email=${encodeURIComponent(email)}`;
const uuidOf = (id: string): string => id.replace('urn:uuid:', '');
const tiersOf = (body: AnyJson): Record<string, AnyJson> =>
  Object.fromEntries((body.tiers as AnyJson[]).map((tier) => [tier.achievement, tier]));

describe('who may read a learner\u2019s progress', () => {
  it('an issuer cannot see a learner only another issuer has issued to, and cannot tell them from nobody', async () => {
    const email = newLearner();
    await awardAs('ipa', 'it-passport', email);
    const known = await progressAs(keys.jdla ?? '', byEmail(email));
    const unknown = await progressAs(keys.jdla ?? '', byEmail('nobody-at-all@example.org'));
    expect(known.status).toBe(404);
    expect(known.body.detail).toBe('no learner this issuer has issued to');
    expect(unknown.status).toBe(404);
    expect(known.text).toBe(unknown.text);
    // The issuer that did issue sees the learner (it awards no tiers, so there are none to show).
    const own = await progressAs(keys.ipa ?? '', byEmail(email));
    expect(own.status).toBe(200);
    expect(own.body.tiers).toEqual([]);
  });

  it('an issuer sees only the tiers it awards, and other issuers\u2019 credentials only as achievements', async () => {
    const email = newLearner();
    const itPassport = await awardAs('ipa', 'it-passport', email);
    const gKentei = await awardAs('jdla', 'g-kentei', email);
    const others = [itPassport.body.credential.id, gKentei.body.credential.id].map(uuidOf);
    const stacked = [...itPassport.body.stacked, ...gKentei.body.stacked] as AnyJson[];
    const dx2 = stacked.find((s) => s.achievement === 'dx-passport-2')?.credential.id;
    expect(dx2).toBeDefined();

    const scoped = await progressAs(keys['di-lite'] ?? '', byEmail(email));
    expect(scoped.status).toBe(200);
    const tiers = tiersOf(scoped.body);
    expect(Object.keys(tiers).sort()).toEqual(['dx-passport-1', 'dx-passport-2', 'dx-passport-3']);
    expect(tiers['dx-passport-2']).toMatchObject({ met: true, using: [], held: dx2 });
    expect(
      (tiers['dx-passport-2']?.usingFromOtherIssuers as AnyJson[]).map((c) => c.achievement).sort(),
    ).toEqual(['g-kentei', 'it-passport']);
    expect(tiers['dx-passport-2']?.usingFromOtherIssuers[0].heldFrom).toBe('another issuer');
    for (const uuid of others) expect(scoped.text).not.toContain(uuid);

    // The admin sees every tier and every credential by id, as before.
    const admin = await progressAs(ADMIN_KEY, byEmail(email));
    expect(Object.keys(tiersOf(admin.body))).toContain('ai-ready-bronze');
    for (const uuid of others) expect(admin.text).toContain(uuid);
  });

  it('an issuer sees its own credentials by id, found by DID as well as by e-mail', async () => {
    const did = 'did:example:scoped-learner';
    const awardByDid = async (achievement: string) =>
      request(
        'POST',
        `${app.baseUrl}/issuers/bridge-ngo/awards`,
        { achievement, recipient: { did } },
        { key: keys['bridge-ngo'] },
      );
    const basics = await awardByDid('digital-basics');
    const tools = await awardByDid('ai-tools-at-work');
    expect(tools.status).toBe(201);
    const scoped = await progressAs(keys['bridge-ngo'] ?? '', `did=${encodeURIComponent(did)}`);
    const tiers = tiersOf(scoped.body);
    expect(Object.keys(tiers).every((key) => key.startsWith('ai-ready-'))).toBe(true);
    expect(tiers['ai-ready-bronze']?.met).toBe(true);
    expect([...(tiers['ai-ready-bronze']?.using as string[])].sort()).toEqual(
      [basics.body.credential.id, tools.body.credential.id].sort(),
    );
    expect(tiers['ai-ready-bronze']?.usingFromOtherIssuers).toBeUndefined();
  });
});

/** An IT Passport from the exam body elsewhere, about this e-mail address. */
async function externalItPassport(email: string): Promise<AnyJson> {
  const credential = unsignedOpenBadge(examBody, {
    name: 'IT Passport',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [hashedEmailIdentity(email)],
      achievement: {
        id: EXTERNAL_ACHIEVEMENT,
        type: ['Achievement'],
        name: 'IT Passport',
        description: 'National IT literacy examination.',
        criteria: { narrative: 'Passed.' },
      },
    },
  });
  const response = await issueViaApi(elsewhere.baseUrl, examBody, credential);
  expect(response.status).toBe(201);
  return response.body.verifiableCredential as AnyJson;
}

async function importAs(key: string, email: string): Promise<JsonResponse> {
  const response = await request(
    'POST',
    `${app.baseUrl}/learners/imports`,
    { verifiableCredential: await externalItPassport(email), email },
    { key },
  );
  expect(response.status).toBe(201);
  return response;
}

const stackedKeys = (response: JsonResponse): string[] =>
  (response.body.stacked as AnyJson[]).map((s) => s.achievement as string).sort();

describe('what an import counts toward', () => {
  it('an import by an issuer completes only the tiers that issuer awards', async () => {
    const email = newLearner();
    // IT Passport meets both dx-passport-1 (di-lite) and it-basics (it-council).
    expect(stackedKeys(await importAs(keys['di-lite'] ?? '', email))).toEqual(['dx-passport-1']);
    const admin = tiersOf((await progressAs(ADMIN_KEY, byEmail(email))).body);
    expect(admin['dx-passport-1']?.held).toBeDefined();
    // The import is recorded as di-lite's: no later evaluation counts it for it-council's tier.
    expect(admin['it-basics']).toMatchObject({ met: false });
    expect(admin['it-basics']?.held).toBeUndefined();
  });

  it('an import by an issuer still counts only for that issuer when a later award re-evaluates', async () => {
    const email = newLearner();
    await importAs(keys['di-lite'] ?? '', email);
    // G-kentei re-evaluates every tier that mentions it; dx-passport-2 is di-lite's, so it counts.
    const gKentei = await request(
      'POST',
      `${app.baseUrl}/issuers/jdla/awards`,
      { achievement: 'g-kentei', recipient: { email } },
      { key: keys.jdla },
    );
    expect(gKentei.status).toBe(201);
    expect(stackedKeys(gKentei)).toEqual(['dx-passport-2']);
    const admin = tiersOf((await progressAs(ADMIN_KEY, byEmail(email))).body);
    expect(admin['it-basics']).toMatchObject({ met: false });
  });

  it('an import by an issuer that awards none of the tiers completes none', async () => {
    const email = newLearner();
    expect(stackedKeys(await importAs(keys.jdla ?? '', email))).toEqual([]);
  });

  it('an import by the admin counts toward every tier', async () => {
    const email = newLearner();
    expect(stackedKeys(await importAs(ADMIN_KEY, email))).toEqual(['dx-passport-1', 'it-basics']);
  });
});

describe('an Authorization header a route does not need', () => {
  it.each([
    ['an unknown key', 'Bearer sck_not-a-real-key'],
    ['no scheme', 'sck_not-a-real-key'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('is ignored on a public route: %s', async (_what, authorization) => {
    const email = newLearner();
    const awarded = await awardAs('ipa', 'it-passport', email);
    const uuid = uuidOf(awarded.body.credential.id as string);
    for (const url of [
      `${app.baseUrl}/healthz`,
      `${app.baseUrl}/credentials/${uuid}`,
      `${app.baseUrl}/credentials/${uuid}/status`,
      `${app.baseUrl}/issuers/ipa`,
    ]) {
      const response = await fetch(url, { headers: { authorization } });
      expect(response.status, url).toBe(200);
    }
  });

  it('still answers 401 where a key is needed', async () => {
    const response = await request(
      'GET',
      `${app.baseUrl}/learners/progress?email=a@example.org`,
      undefined,
      { key: 'sck_not-a-real-key' },
    );
    expect(response.status).toBe(401);
    expect(response.contentType).toContain('application/problem+json');
  });
});
