// Registrars map achievements onto framework levels; the achievement's issuer decides; credentials
// issued after an approval carry the level as an OB 3.0 Alignment and still verify.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { achievementCredentialSchemaErrors } from './helpers/achievementCredentialSchema.js';
import { awardModule } from './helpers/catalogAwards.js';
import { request, type AnyJson } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const EQF4 = 'http://data.europa.eu/snb/eqf/4';

let app: TestApp;
let registrar: string;
let otherRegistrar: string;
let ipa: string;
let jdla: string;

async function registrarKey(slug: string): Promise<string> {
  const created = await request(
    'POST',
    `${app.baseUrl}/registrars`,
    { slug, name: `Registrar ${slug}` },
    { key: ADMIN_KEY },
  );
  return created.body.apiKey as string;
}

async function issuerKey(slug: string): Promise<string> {
  const made = await request('POST', `${app.baseUrl}/issuers/${slug}/api-keys`, undefined, {
    key: ADMIN_KEY,
  });
  return made.body.apiKey as string;
}

const propose = (body: Record<string, unknown>, key = registrar) =>
  request('POST', `${app.baseUrl}/mappings`, body, { key });

const decide = (id: string, action: string, key: string, comment?: string) =>
  request('POST', `${app.baseUrl}/mappings/${id}/${action}`, comment ? { comment } : {}, { key });

/** Everything the mapping routes could have written, to show a refused request wrote nothing. */
async function storage(): Promise<string> {
  const [mappings, approved] = await Promise.all([
    app.store.listMappings({}),
    app.store.listApprovedMappings({}),
  ]);
  const events = await app.store.listLatestMappingEvents(mappings.map((m) => m.id));
  return JSON.stringify({ mappings, approved, events });
}

const alignmentOf = (credential: AnyJson): AnyJson[] =>
  credential.credentialSubject.achievement.alignment ?? [];

beforeAll(async () => {
  app = await startTestApp();
  registrar = await registrarKey('qa-eu');
  otherRegistrar = await registrarKey('qa-jp');
  ipa = await issuerKey('ipa');
  jdla = await issuerKey('jdla');
});
afterAll(() => app.close());

describe('propose, approve, award', () => {
  let mappingId: string;

  it('a registrar proposes: 201 proposed, with its history', async () => {
    const proposed = await propose({
      achievement: 'it-passport',
      framework: 'eqf',
      level: EQF4,
      rationale: 'Broad factual and theoretical IT knowledge, as EQF 4 describes.',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      state: 'proposed',
      achievement: 'it-passport',
      issuer: 'ipa',
      framework: 'eqf',
      registrar: 'qa-eu',
      level: { id: EQF4, code: '4', name: 'EQF level 4' },
    });
    mappingId = proposed.body.id;
    const before = await awardModule(app.baseUrl, 'it-passport', 'early@example.org');
    expect(alignmentOf(before.body.credential)).toEqual([]);
  });

  it('the issuer approves; from then on its credentials carry the EQF level and verify', async () => {
    const approved = await decide(mappingId, 'approve', ipa, 'Agreed with the registrar');
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
    const history = (await request('GET', `${app.baseUrl}/mappings/${mappingId}`)).body.history;
    expect(history).toMatchObject([
      { version: 1, action: 'propose', state: 'proposed', actor: 'registrar:qa-eu' },
      {
        version: 2,
        action: 'approve',
        state: 'approved',
        actor: 'issuer:ipa',
        comment: 'Agreed with the registrar',
      },
    ]);
    expect(history[1].at).toEqual(expect.any(String));

    const awarded = await awardModule(app.baseUrl, 'it-passport', 'ana@example.org');
    expect(awarded.status).toBe(201);
    const credential = awarded.body.credential;
    expect(alignmentOf(credential)).toEqual([
      {
        type: ['Alignment'],
        targetName: 'EQF level 4',
        targetUrl: EQF4,
        targetDescription: expect.stringContaining('Factual and theoretical knowledge'),
        targetFramework: 'European Qualifications Framework',
        targetCode: '4',
        targetType: 'ext:QualificationFrameworkLevel',
      },
    ]);
    expect(achievementCredentialSchemaErrors(credential)).toEqual([]);
    const verified = await request('POST', `${app.baseUrl}/credentials/verify`, {
      verifiableCredential: credential,
    });
    expect(verified.body.verified).toBe(true);
    const documentLoader = async (url: string) =>
      url.startsWith(`${app.baseUrl}/status/`)
        ? { contextUrl: null, documentUrl: url, document: await (await fetch(url)).json() }
        : app.services.documentLoader(url);
    const result = await vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      checkStatus,
    });
    expect(result.verified).toBe(true);
  });

  it('the alignment follows the credential language', async () => {
    const awarded = await awardModule(app.baseUrl, 'it-passport', 'kenji@example.org', {
      lang: 'ja',
    });
    if (awarded.body.credential.credentialSubject.achievement.inLanguage !== 'ja') return;
    expect(alignmentOf(awarded.body.credential)[0]).toMatchObject({
      targetName: 'EQFレベル4',
      targetFramework: '欧州資格枠組み',
    });
  });

  it('lists mappings by framework, achievement and state', async () => {
    const listed = await request(
      'GET',
      `${app.baseUrl}/mappings?framework=eqf&achievement=it-passport&state=approved`,
    );
    expect(listed.body.mappings.map((m: AnyJson) => m.id)).toEqual([mappingId]);
    const none = await request('GET', `${app.baseUrl}/mappings?framework=eqf&state=rejected`);
    expect(none.body.mappings).toEqual([]);
  });
});

describe('crosswalk', () => {
  it('lists every achievement with its mapping and credential counts, as JSON and CSV', async () => {
    const json = await request('GET', `${app.baseUrl}/frameworks/eqf/crosswalk.json`);
    expect(json.status).toBe(200);
    const row = json.body.rows.find((r: AnyJson) => r.achievement === 'it-passport');
    expect(row).toMatchObject({
      kind: 'module',
      issuer: 'ipa',
      state: 'approved',
      levelId: EQF4,
      levelCode: '4',
      issuedCredentials: 3,
      validCredentials: 3,
    });
    expect(row.decidedAt).toEqual(expect.any(String));
    expect(json.body.rows.find((r: AnyJson) => r.achievement === 'dx-passport-2')).toMatchObject({
      issuer: 'di-lite',
      kind: 'tier',
    });
    const csv = await fetch(`${app.baseUrl}/frameworks/eqf/crosswalk.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'achievement,kind,issuer,mapping,state,levelId,levelCode,proposedAt,decidedAt,issuedCredentials,validCredentials',
    );
    const line = lines.find((l) => l.startsWith('it-passport,'));
    expect(line).toContain(`,approved,${EQF4},4,`);
    expect(line?.endsWith(',3,3')).toBe(true);
    expect((await request('GET', `${app.baseUrl}/frameworks/nqf/crosswalk.json`)).status).toBe(404);
  });
});

describe('reject and withdraw', () => {
  it('a rejected mapping puts nothing in credentials', async () => {
    const proposed = await propose({
      achievement: 'g-kentei',
      framework: 'itss',
      level: '3',
      rationale: 'Applies AI knowledge independently.',
    });
    const rejected = await decide(proposed.body.id, 'reject', jdla, 'G検定 is a knowledge test');
    expect(rejected.body.state).toBe('rejected');
    expect(rejected.body.history[1]).toMatchObject({ comment: 'G検定 is a knowledge test' });
    const awarded = await awardModule(app.baseUrl, 'g-kentei', 'rin@example.org');
    expect(alignmentOf(awarded.body.credential)).toEqual([]);
    const again = await decide(proposed.body.id, 'approve', jdla);
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/mapping-not-proposed$/);
  });

  it('the proposing registrar may withdraw; another may not', async () => {
    const proposed = await propose({
      achievement: 'ds-kentei',
      framework: 'eqf',
      level: '5',
      rationale: 'Data science practice.',
    });
    const byOther = await decide(proposed.body.id, 'withdraw', otherRegistrar);
    expect(byOther.status).toBe(403);
    const withdrawn = await decide(proposed.body.id, 'withdraw', registrar);
    expect(withdrawn.body.state).toBe('withdrawn');
  });
});

describe('tier suggestions', () => {
  it('suggests the level a tier guarantees from its constituents, without applying it', async () => {
    const suggestion = await request(
      'GET',
      `${app.baseUrl}/mappings/suggestions?achievement=dx-passport-3&framework=eqf`,
      undefined,
      { key: registrar },
    );
    expect(suggestion.status).toBe(200);
    expect(suggestion.body.suggested).toEqual({ id: EQF4, code: '4' });
    expect(suggestion.body.constituents).toContainEqual({
      achievement: 'it-passport',
      level: { id: EQF4, code: '4' },
    });
    const anyOne = await request(
      'GET',
      `${app.baseUrl}/mappings/suggestions?achievement=dx-passport-1&framework=eqf`,
      undefined,
      { key: registrar },
    );
    expect(anyOne.body.suggested).toBeUndefined();
    expect(await app.store.listApprovedMappings({ achievementKey: 'dx-passport-3' })).toEqual([]);
  });
});

describe('bad input: a 4xx problem, and nothing stored', () => {
  const cases: Array<
    [string, () => Promise<{ status: number; body: AnyJson; contentType: string }>, number, string]
  > = [
    [
      'an unknown framework',
      () => propose({ achievement: 'it-passport', framework: 'nqf', level: '4', rationale: 'x' }),
      422,
      'unknown-framework',
    ],
    [
      'an unknown level',
      () => propose({ achievement: 'it-passport', framework: 'eqf', level: '9', rationale: 'x' }),
      422,
      'unknown-level',
    ],
    [
      'an unknown achievement',
      () => propose({ achievement: 'nothing', framework: 'eqf', level: '4', rationale: 'x' }),
      422,
      'unknown-achievement',
    ],
    [
      'a second mapping of an achievement approved in that framework',
      () => propose({ achievement: 'it-passport', framework: 'eqf', level: '5', rationale: 'x' }),
      409,
      'mapping-already-approved',
    ],
    [
      'a proposal by an issuer key',
      () =>
        propose({ achievement: 'it-passport', framework: 'itss', level: '2', rationale: 'x' }, ipa),
      403,
      'forbidden',
    ],
  ];

  it.each(cases)('%s', async (_name, send, status, slug) => {
    const before = await storage();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.contentType).toMatch(/application\/problem\+json/);
    expect(response.body.type).toMatch(new RegExp(`/${slug}$`));
    expect(await storage()).toBe(before);
  });

  it('refuses a registrar approving its own proposal, and an issuer deciding another issuer’s achievement', async () => {
    const proposed = await propose({
      achievement: 'g-kentei',
      framework: 'eqf',
      level: '4',
      rationale: 'Broad AI knowledge.',
    });
    const before = await storage();
    const own = await decide(proposed.body.id, 'approve', registrar);
    expect(own.status).toBe(403);
    expect(own.body.type).toMatch(/own-proposal$/);
    const foreign = await decide(proposed.body.id, 'approve', ipa);
    expect(foreign.status).toBe(403);
    expect(foreign.body.type).toMatch(/not-achievement-issuer$/);
    expect(await storage()).toBe(before);
  });

  it('keeps one approved mapping when a second one is approved for the same achievement and framework', async () => {
    // Two proposals made before either was approved: the second approval loses the claim.
    const first = await propose({
      achievement: 'digital-basics',
      framework: 'eqf',
      level: '2',
      rationale: 'a',
    });
    const second = await propose({
      achievement: 'digital-basics',
      framework: 'eqf',
      level: '3',
      rationale: 'b',
    });
    const results = await Promise.all([
      decide(first.body.id, 'approve', ADMIN_KEY),
      decide(second.body.id, 'approve', ADMIN_KEY),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await app.store.listApprovedMappings({ achievementKey: 'digital-basics' })).toHaveLength(
      1,
    );
    const loser = results.find((r) => r.status === 409);
    expect(loser?.body.type).toMatch(/mapping-already-approved$/);
  });
});
