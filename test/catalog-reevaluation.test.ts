// A tier added (or whose rule changes) after learners earned its parts: the service evaluates
// every such learner again in the background, in parts claimed by insert, and says how far it got.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule, progressOf } from './helpers/catalogAwards.js';
import { request, verify } from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const TIER = 'dx-data-pair';

function pairTier(rule: unknown, name = 'Data pair') {
  return {
    key: TIER,
    issuer: 'di-lite',
    kind: 'tier',
    name: { en: name },
    description: { en: 'Holds both the G Certificate and the Data Scientist Certification.' },
    criteria: { en: 'Pass G Certificate and Data Scientist Certification.' },
    rule,
  };
}

async function putTier(app: TestApp, definition: unknown): Promise<void> {
  const put = await request('PUT', `${app.baseUrl}/achievements/${TIER}`, definition, {
    key: ADMIN_KEY,
  });
  expect(put.status).toBe(200);
}

async function reevaluations(app: TestApp): Promise<Array<Record<string, unknown>>> {
  const response = await request(
    'GET',
    `${app.baseUrl}/achievements/${TIER}/reevaluations`,
    undefined,
    { key: ADMIN_KEY },
  );
  expect(response.status).toBe(200);
  return response.body.reevaluations as Array<Record<string, unknown>>;
}

async function runJob(app: TestApp): Promise<void> {
  await app.services.catalogReevaluation.run(new AbortController().signal);
}

async function heldCredential(app: TestApp, credentialId: string): Promise<unknown> {
  const uuid = credentialId.replace('urn:uuid:', '');
  const response = await request('GET', `${app.baseUrl}/credentials/${uuid}`, undefined, {
    headers: { accept: 'application/json' },
  });
  return response.body;
}

function suite(store: 'sqlite' | 'mongo'): void {
  let app: TestApp;
  let now = new Date('2026-12-01T09:00:00Z');
  const both = `both-${store}@example.org`;
  const one = `one-${store}@example.org`;
  const other = `other-${store}@example.org`;

  beforeAll(async () => {
    app = await startTestApp({ store, background: false, clock: () => now });
    for (const [email, module] of [
      [both, 'g-kentei'],
      [both, 'ds-kentei'],
      [one, 'g-kentei'],
      [other, 'it-passport'],
    ] as const) {
      expect((await awardModule(app.baseUrl, module, email)).status).toBe(201);
    }
  });
  afterAll(() => app?.close());

  it('opens nothing for a tier whose parts nobody holds yet', async () => {
    await request(
      'PUT',
      `${app.baseUrl}/achievements/nobody-tier`,
      { ...pairTier({ allOf: ['ai-capstone'] }), key: 'nobody-tier' },
      { key: ADMIN_KEY },
    );
    const response = await request(
      'GET',
      `${app.baseUrl}/achievements/nobody-tier/reevaluations`,
      undefined,
      { key: ADMIN_KEY },
    );
    expect(response.body.reevaluations).toEqual([]);
  });

  it('gives a new tier to the learners who already met it, once the job has run, and says so', async () => {
    await putTier(app, pairTier({ allOf: ['g-kentei', 'ds-kentei'] }));
    const [opened] = await reevaluations(app);
    expect(opened).toMatchObject({ tierKey: TIER, parts: 16, partsDone: 0, learnersEvaluated: 0 });
    expect(opened?.completedAt).toBeUndefined();
    expect((await progressOf(app.baseUrl, both))[TIER]?.held).toBeUndefined();

    await runJob(app);
    const held = (await progressOf(app.baseUrl, both))[TIER]?.held;
    expect(held).toBeDefined();
    expect((await verify(app.baseUrl, await heldCredential(app, String(held)))).body.verified).toBe(
      true,
    );
    expect((await progressOf(app.baseUrl, one))[TIER]?.held).toBeUndefined();
    expect(await reevaluations(app)).toEqual([
      expect.objectContaining({
        partsDone: 16,
        // Learners holding g-kentei or ds-kentei; the it-passport learner is not read at all.
        learnersEvaluated: 2,
        tiersAwarded: 1,
        completedAt: now.toISOString(),
      }),
    ]);

    // A completed re-evaluation is not run again.
    await runJob(app);
    const copies = await app.store.listCredentialsOfLearner(
      app.services.learnerKeys.forRecipient({ email: both }),
    );
    expect(copies.filter((record) => record.achievementKey === TIER)).toHaveLength(1);
    expect(await reevaluations(app)).toHaveLength(1);
  });

  it('opens nothing when the same rule is written again with other texts', async () => {
    await putTier(app, pairTier({ allOf: ['g-kentei', 'ds-kentei'] }, 'Data pair, renamed'));
    expect(await reevaluations(app)).toHaveLength(1);
  });

  it('leaves a part another instance holds until its lease runs out, then takes it over', async () => {
    await putTier(app, pairTier({ anyOf: ['g-kentei', 'ds-kentei'] }));
    const [changed] = await reevaluations(app);
    expect(changed?.partsDone).toBe(0);
    // Another instance took the part of the learner with one exam, and died.
    const part = parseInt(app.services.learnerKeys.forRecipient({ email: one })[0] ?? '', 16);
    await app.store.claimReevaluationPart({
      reevaluationId: String(changed?.id),
      part,
      attempt: 1,
      claimedAt: now.toISOString(),
    });

    await runJob(app);
    expect((await reevaluations(app))[0]).toMatchObject({ partsDone: 15 });
    expect((await reevaluations(app))[0]?.completedAt).toBeUndefined();
    expect((await progressOf(app.baseUrl, one))[TIER]?.held).toBeUndefined();

    now = new Date(now.getTime() + 11 * 60_000);
    await runJob(app);
    expect((await progressOf(app.baseUrl, one))[TIER]?.held).toBeDefined();
    const [done] = await reevaluations(app);
    expect(done).toMatchObject({ partsDone: 16, tiersAwarded: 1 });
    expect(done?.completedAt).toBe(now.toISOString());
    // The learner with both exams kept the one copy they had.
    const held = await app.store.listCredentialsOfLearner(
      app.services.learnerKeys.forRecipient({ email: both }),
    );
    expect(held.filter((record) => record.achievementKey === TIER)).toHaveLength(1);
  });

  it('refuses a reader without the admin key and an unknown tier', async () => {
    const anonymous = await request('GET', `${app.baseUrl}/achievements/${TIER}/reevaluations`);
    expect(anonymous.status).toBe(401);
    const unknown = await request(
      'GET',
      `${app.baseUrl}/achievements/no-such-tier/reevaluations`,
      undefined,
      { key: ADMIN_KEY },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
  });
}

describe('catalog re-evaluation on SQLite', () => suite('sqlite'));
describe.skipIf(mongoTarget().uri === undefined)('catalog re-evaluation on MongoDB', () =>
  suite('mongo'),
);
