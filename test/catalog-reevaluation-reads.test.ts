// A catalog re-evaluation decides a page of learners in memory from one read of their
// credentials' facts; only the learners the tier is due to are read whole and go through the
// award. What it decides is what an award would: a revoked part does not count, a valid copy is
// kept, a suspended one is replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReevaluationProgress } from '../src/stacking/catalogReevaluation.js';
import type { Store } from '../src/store/port.js';
import {
  awardModule,
  changeStatus,
  progressOf,
  setStatusPurposes,
  stateOf,
} from './helpers/catalogAwards.js';
import { request } from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const TIER = 'data-pair-reads';
const LEARNERS = 12;

interface Call {
  method: string;
  args: unknown[];
}

/** The store, with every call through the services noted with its arguments. */
function recordingStore(store: Store, calls: Call[]): Store {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push({ method: String(name), args });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function tier(rule: unknown) {
  return {
    key: TIER,
    issuer: 'di-lite',
    kind: 'tier',
    name: { en: 'Data pair' },
    description: { en: 'Holds both the G Certificate and the Data Scientist Certification.' },
    criteria: { en: 'Pass both.' },
    rule,
  };
}

function suite(store: 'sqlite' | 'mongo'): void {
  const calls: Call[] = [];
  let app: TestApp;
  const email = (n: number) => `reads-${n}-${store}@example.org`;
  const keyOf = (n: number) => app.services.learnerKeys.forRecipient({ email: email(n) });

  async function putTierAndRun(rule: unknown): Promise<ReevaluationProgress | undefined> {
    const put = await request('PUT', `${app.baseUrl}/achievements/${TIER}`, tier(rule), {
      key: ADMIN_KEY,
    });
    expect(put.status).toBe(200);
    calls.length = 0;
    await app.services.catalogReevaluation.run(new AbortController().signal);
    // Newest first: the re-evaluation of the rule just written.
    return (await app.services.catalogReevaluation.progress(TIER))[0];
  }

  const copiesOf = async (n: number) =>
    (await app.store.listCredentialsOfLearner(keyOf(n))).filter(
      (record) => record.achievementKey === TIER,
    );

  beforeAll(async () => {
    app = await startTestApp({
      store,
      background: false,
      wrapStore: (real) => recordingStore(real, calls),
    });
    // The tier's issuer can suspend its copies, so a suspended copy can be met below.
    await setStatusPurposes(app.baseUrl, 'di-lite', ['revocation', 'suspension']);
    for (let n = 0; n < LEARNERS; n++) {
      expect((await awardModule(app.baseUrl, 'g-kentei', email(n))).status).toBe(201);
    }
    for (const n of [0, 1, 2]) {
      expect((await awardModule(app.baseUrl, 'ds-kentei', email(n))).status).toBe(201);
    }
    // Learner 2's second exam is withdrawn: it no longer counts toward anything.
    const ds = (await app.store.listCredentialsOfLearner(keyOf(2))).find(
      (record) => record.achievementKey === 'ds-kentei',
    );
    expect((await changeStatus(app.baseUrl, String(ds?.id), 'revoke')).status).toBe(200);
  });
  afterAll(() => app?.close());

  it('reads whole only the learners who meet the tier, the others a page at a time', async () => {
    const progress = await putTierAndRun({ allOf: ['g-kentei', 'ds-kentei'] });
    expect(progress).toMatchObject({ learnersEvaluated: LEARNERS, tiersAwarded: 2 });
    expect(await copiesOf(0)).toHaveLength(1);
    expect(await copiesOf(1)).toHaveLength(1);
    expect(await copiesOf(2)).toEqual([]);
    expect(await copiesOf(3)).toEqual([]);

    const wholeReads = calls
      .filter((call) => call.method === 'listCredentialsOfLearner')
      .map((call) => call.args[0]);
    expect(new Set(wholeReads)).toEqual(new Set([keyOf(0), keyOf(1)]));
    // One facts read per part that has learners (16 parts by the key's first hex digit), each
    // learner in exactly one of them.
    const factReads = calls.filter((call) => call.method === 'listCredentialFactsOfLearners');
    expect(factReads.length).toBeLessThanOrEqual(16);
    const everyone = Array.from({ length: LEARNERS }, (_unused, n) => keyOf(n)).sort();
    expect(factReads.flatMap((call) => call.args[0] as string[]).sort()).toEqual(everyone);
  });

  it('keeps a valid copy and replaces a suspended one when the rule changes', async () => {
    const held = String((await progressOf(app.baseUrl, email(0)))[TIER]?.held);
    expect((await changeStatus(app.baseUrl, held, 'suspend')).status).toBe(200);

    const progress = await putTierAndRun({
      nOf: 2,
      from: ['it-passport', 'g-kentei', 'ds-kentei'],
    });
    expect(progress).toMatchObject({ learnersEvaluated: LEARNERS, tiersAwarded: 1 });
    expect(await stateOf(app.baseUrl, held)).toBe('revoked');
    const copies = await copiesOf(0);
    expect(copies).toHaveLength(2);
    const fresh = copies.find((copy) => copy.id !== held.replace('urn:uuid:', ''));
    expect(await stateOf(app.baseUrl, String(fresh?.id))).toBe('active');
    // Learner 1's copy stands: nothing new, and they were not read whole.
    expect(await copiesOf(1)).toHaveLength(1);
    const wholeReads = calls
      .filter((call) => call.method === 'listCredentialsOfLearner')
      .map((call) => call.args[0]);
    expect(wholeReads).not.toContain(keyOf(1));
    expect(await copiesOf(2)).toEqual([]);
  });
}

describe('catalog re-evaluation reads, on SQLite', () => suite('sqlite'));
describe.skipIf(mongoTarget().uri === undefined)('catalog re-evaluation reads, on MongoDB', () =>
  suite('mongo'),
);
