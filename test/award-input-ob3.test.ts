// Awards written as Open Badges 3.0 writes them: evidence with its type, an achievement with an
// Image, alignments, tags, credits and result descriptions, and results that carry an exam score.
// What is issued must verify, pass 1EdTech's AchievementCredential schema and show on its page;
// anything the awards API does not know is a 422 naming the field, with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { achievementCredentialSchemaErrors as schemaErrors } from './helpers/achievementCredentialSchema.js';
import {
  award,
  createIssuer,
  request,
  verify,
  type AnyJson,
  type Issuer,
  type JsonResponse,
} from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { storedCounts } from './helpers/storedCounts.js';

let app: TestApp;
let ngo: Issuer;

beforeAll(async () => {
  app = await startTestApp({ background: false });
  ngo = await createIssuer(app.baseUrl, 'exam-ngo', 'Exam NGO');
});
afterAll(async () => app.close());

const SCORE = 'https://exam-ngo.example/results/practical-exam-score';
const LEVELS = 'https://exam-ngo.example/results/practical-exam-rubric';
const MASTERED = 'https://exam-ngo.example/results/practical-exam-rubric/mastered';

const scoreDescription = {
  id: SCORE,
  type: ['ResultDescription'],
  name: 'Practical exam score',
  resultType: 'Percent',
  valueMin: '0',
  valueMax: '100',
  requiredValue: '60',
};

const examEvidence = {
  type: ['Evidence'],
  id: 'https://exam-ngo.example/exams/2026-spring/ana',
  name: 'Practical exam, spring 2026',
  description: 'A 40-question practical exam taken under supervision.',
  narrative: 'Built and audited a budget spreadsheet in 90 minutes.',
  genre: 'Examination',
  audience: 'Employers',
};

const examAward = {
  achievement: {
    name: 'Spreadsheet practitioner',
    description: 'Builds, checks and explains spreadsheets for a small organisation.',
    criteria: { narrative: 'Scored at least 60% in the practical exam.' },
    resultDescription: [scoreDescription],
  },
  recipient: { email: 'ana.exam@example.org' },
  evidence: [examEvidence],
  result: [{ type: ['Result'], resultDescription: SCORE, value: '87', status: 'Completed' }],
};

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

async function pageOf(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { headers: { accept: BROWSER_ACCEPT, ...headers } });
  expect(response.status).toBe(200);
  return response.text();
}

/** The page's text with tags dropped and whitespace folded, for reading sentences. */
const textOf = (markup: string): string =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

async function issued(body: unknown): Promise<{ credential: AnyJson; url: string }> {
  const response = await award(app.baseUrl, ngo, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { credential: response.body.credential as AnyJson, url: response.body.url as string };
}

async function expectVerified(credential: AnyJson): Promise<void> {
  const report = await verify(app.baseUrl, credential);
  expect(report.body.verdict, JSON.stringify(report.body.checks)).toBe('verified');
}

/** A 422 problem naming `field`, with nothing written. */
async function expectRefused(body: unknown, field: string): Promise<JsonResponse> {
  const before = await storedCounts(app);
  const response = await award(app.baseUrl, ngo, body);
  expect(response.status, JSON.stringify(response.body)).toBe(422);
  expect(response.contentType).toContain('application/problem+json');
  const fields = ((response.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
  expect(fields, JSON.stringify(response.body)).toContain(field);
  expect(response.body.detail).toContain(field);
  expect(await storedCounts(app)).toEqual(before);
  return response;
}

const withAchievement = (extra: Record<string, unknown>) => ({
  ...examAward,
  achievement: { ...examAward.achievement, ...extra },
});

describe('an award with OB 3.0 evidence and an exam score', () => {
  let credential: AnyJson;
  let url: string;

  beforeAll(async () => {
    ({ credential, url } = await issued(examAward));
  });

  it('is issued with the evidence and the result as OB 3.0 writes them', () => {
    expect(credential.evidence).toEqual([examEvidence]);
    expect(credential.credentialSubject.result).toEqual([
      { type: ['Result'], resultDescription: SCORE, value: '87', status: 'Completed' },
    ]);
    expect(credential.credentialSubject.achievement.resultDescription).toEqual([scoreDescription]);
  });

  it('verifies and passes 1EdTech’s AchievementCredential schema', async () => {
    await expectVerified(credential);
    expect(schemaErrors(credential)).toEqual([]);
  });

  it('would fail that schema with evidence or a result typed as a bare string', () => {
    const bare = structuredClone(credential);
    bare.evidence[0].type = 'Evidence';
    bare.credentialSubject.result[0].type = 'Result';
    expect(schemaErrors(bare)).toEqual(
      expect.arrayContaining([
        '/evidence/0/type must be array',
        '/credentialSubject/result/0/type must be array',
      ]),
    );
  });

  it('shows the evidence and the result on its public page', async () => {
    const page = textOf(await pageOf(url));
    expect(page).toContain('Practical exam, spring 2026 (Examination)');
    expect(page).toContain('Built and audited a budget spreadsheet in 90 minutes.');
    expect(page).toContain('A 40-question practical exam taken under supervision.');
    expect(page).toContain('Results Practical exam score (percent) Result 87 Status Completed');
  });

  it('shows the result in the visitor’s language', async () => {
    const page = textOf(await pageOf(url, { 'accept-language': 'ja' }));
    expect(page).toContain('成績 Practical exam score (パーセント) 成績 87 状態 修了');
  });
});

describe('each OB 3.0 field of an award', () => {
  const rubric = {
    id: LEVELS,
    name: 'Practical exam rubric',
    resultType: 'RubricCriterionLevel',
    rubricCriterionLevel: [
      { id: 'https://exam-ngo.example/results/practical-exam-rubric/novice', name: 'Novice' },
      { id: MASTERED, type: 'RubricCriterionLevel', name: 'Mastered', level: '3', points: '30' },
    ],
    requiredLevel: MASTERED,
    alignment: [{ targetName: 'Spreadsheet audit', targetUrl: 'https://framework.example/c/7' }],
  };
  const full = {
    ...examAward,
    achievement: {
      ...examAward.achievement,
      id: 'https://exam-ngo.example/achievements/spreadsheet-practitioner',
      image: {
        id: 'https://exam-ngo.example/badges/spreadsheet.png',
        type: 'Image',
        caption: 'A green grid',
      },
      alignment: [
        {
          type: ['Alignment'],
          targetName: 'Use spreadsheets',
          targetUrl: 'https://framework.example/competencies/spreadsheets',
          targetDescription: 'Creates and checks spreadsheets.',
          targetCode: 'DIG-4.2',
          targetFramework: 'Digital skills framework',
          targetType: 'ceasn:Competency',
        },
        { targetName: 'ESCO: use spreadsheets software', targetUrl: 'https://esco.example/s/1' },
      ],
      tag: ['spreadsheets', 'office'],
      inLanguage: 'en',
      creditsAvailable: 2.5,
      fieldOfStudy: 'Information technology',
      specialization: 'Spreadsheet auditing',
      achievementType: 'Certificate',
      resultDescription: [scoreDescription, rubric],
    },
    evidence: [{ type: 'Evidence', narrative: 'Typed as one string, as JSON-LD allows.' }],
    result: [
      { resultDescription: SCORE, value: '87' },
      { type: 'Result', resultDescription: LEVELS, achievedLevel: MASTERED, status: 'Completed' },
    ],
  };
  let achievement: AnyJson;
  let credential: AnyJson;

  beforeAll(async () => {
    ({ credential } = await issued(full));
    achievement = credential.credentialSubject.achievement;
  });

  it('round-trips into the credential, with every type written as an array', () => {
    expect(achievement).toMatchObject({
      id: full.achievement.id,
      type: ['Achievement'],
      tag: ['spreadsheets', 'office'],
      inLanguage: 'en',
      creditsAvailable: 2.5,
      fieldOfStudy: 'Information technology',
      specialization: 'Spreadsheet auditing',
      achievementType: 'Certificate',
    });
    expect(achievement.image).toEqual(full.achievement.image);
    expect(achievement.alignment).toEqual([
      full.achievement.alignment[0],
      { type: ['Alignment'], ...full.achievement.alignment[1] },
    ]);
    expect(achievement.resultDescription).toEqual([
      scoreDescription,
      {
        type: ['ResultDescription'],
        ...rubric,
        rubricCriterionLevel: [
          { type: ['RubricCriterionLevel'], ...rubric.rubricCriterionLevel[0] },
          { ...rubric.rubricCriterionLevel[1], type: ['RubricCriterionLevel'] },
        ],
        alignment: [{ type: ['Alignment'], ...rubric.alignment[0] }],
      },
    ]);
    expect(credential.evidence).toEqual([
      { type: ['Evidence'], narrative: 'Typed as one string, as JSON-LD allows.' },
    ]);
    expect(credential.credentialSubject.result).toEqual([
      { type: ['Result'], resultDescription: SCORE, value: '87' },
      { type: ['Result'], resultDescription: LEVELS, achievedLevel: MASTERED, status: 'Completed' },
    ]);
  });

  it('verifies and passes 1EdTech’s schema', async () => {
    await expectVerified(credential);
    expect(schemaErrors(credential)).toEqual([]);
  });

  it('takes an image as a plain URL too, issued as an Image object', async () => {
    const { credential: plain } = await issued(
      withAchievement({ image: 'https://exam-ngo.example/badges/plain.png' }),
    );
    expect(plain.credentialSubject.achievement.image).toEqual({
      id: 'https://exam-ngo.example/badges/plain.png',
      type: 'Image',
    });
    expect(schemaErrors(plain)).toEqual([]);
  });

  it('names the rubric level reached on the page', async () => {
    const { url } = await issued(full);
    const page = textOf(await pageOf(url));
    expect(page).toContain(
      'Practical exam rubric (rubric level) Status Completed Level reached Mastered',
    );
  });
});

describe('a catalog achievement with a result description', () => {
  const definition = {
    key: 'typing-test',
    issuer: 'exam-ngo',
    kind: 'module',
    name: { en: 'Typing test', 'zh-TW': '打字測驗', ja: 'タイピング試験' },
    description: { en: 'Types accurately.', 'zh-TW': '正確打字。', ja: '正確に入力できる。' },
    criteria: { en: 'Passed the test.', 'zh-TW': '通過測驗。', ja: '試験に合格した。' },
    resultDescription: [
      {
        id: 'https://exam-ngo.example/results/typing-wpm',
        name: { en: 'Words per minute', 'zh-TW': '每分鐘字數', ja: '1分あたりの語数' },
        resultType: 'RawScore',
        valueMin: '0',
        valueMax: '300',
      },
      {
        id: 'https://exam-ngo.example/results/typing-grade',
        name: { en: 'Grade', 'zh-TW': '等第', ja: '評価' },
        resultType: 'LetterGrade',
        allowedValue: ['C', 'B', 'A'],
      },
    ],
  };

  beforeAll(async () => {
    const put = await request('PUT', `${app.baseUrl}/achievements/typing-test`, definition, {
      key: ADMIN_KEY,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  });

  const keyed = (extra: Record<string, unknown>) => ({
    achievement: 'typing-test',
    recipient: { email: 'kai.typing@example.org' },
    ...extra,
  });

  it('is awarded by key with a linked result, in the language asked for', async () => {
    const { credential } = await issued(
      keyed({
        lang: 'ja',
        evidence: [{ type: ['Evidence'], name: 'Test sheet' }],
        result: [
          { resultDescription: 'https://exam-ngo.example/results/typing-wpm', value: '72' },
          { resultDescription: 'https://exam-ngo.example/results/typing-grade', value: 'A' },
        ],
      }),
    );
    expect(credential.credentialSubject.achievement.resultDescription).toEqual([
      {
        type: ['ResultDescription'],
        id: 'https://exam-ngo.example/results/typing-wpm',
        name: '1分あたりの語数',
        resultType: 'RawScore',
        valueMin: '0',
        valueMax: '300',
      },
      {
        type: ['ResultDescription'],
        id: 'https://exam-ngo.example/results/typing-grade',
        name: '評価',
        resultType: 'LetterGrade',
        allowedValue: ['C', 'B', 'A'],
      },
    ]);
    expect(credential.credentialSubject.result).toEqual([
      {
        type: ['Result'],
        resultDescription: 'https://exam-ngo.example/results/typing-wpm',
        value: '72',
      },
      {
        type: ['Result'],
        resultDescription: 'https://exam-ngo.example/results/typing-grade',
        value: 'A',
      },
    ]);
    expect(credential.evidence).toEqual([{ type: ['Evidence'], name: 'Test sheet' }]);
    await expectVerified(credential);
    expect(schemaErrors(credential)).toEqual([]);
  });

  it('refuses a value its result description does not allow, naming the result', async () => {
    await expectRefused(
      keyed({
        result: [
          { resultDescription: 'https://exam-ngo.example/results/typing-grade', value: 'F' },
        ],
      }),
      'result[0].value',
    );
    await expectRefused(
      keyed({
        result: [
          { resultDescription: 'https://exam-ngo.example/results/typing-wpm', value: '301' },
        ],
      }),
      'result[0].value',
    );
  });

  it('refuses a catalog entry whose result descriptions share an id', async () => {
    const twice = {
      ...definition,
      resultDescription: [definition.resultDescription[0], definition.resultDescription[0]],
    };
    const put = await request('PUT', `${app.baseUrl}/achievements/typing-test`, twice, {
      key: ADMIN_KEY,
    });
    expect(put.status).toBe(422);
    expect(put.body.errors).toContainEqual({
      field: 'resultDescription[1].id',
      message: '"https://exam-ngo.example/results/typing-wpm" is used twice',
    });
  });
});

describe('what the awards API does not take', () => {
  it('refuses evidence whose type does not contain "Evidence"', async () => {
    await expectRefused(
      { ...examAward, evidence: [{ type: ['Proof'], name: 'x' }] },
      'evidence[0].type',
    );
  });

  it.each([
    [
      'an unknown evidence field',
      { ...examAward, evidence: [{ ...examEvidence, score: 87 }] },
      'evidence[0].score',
    ],
    [
      'an unknown result field',
      { ...examAward, result: [{ value: '87', grade: 'A' }] },
      'result[0].grade',
    ],
    ['an unknown achievement field', withAchievement({ colour: 'green' }), 'achievement.colour'],
    [
      'an unknown alignment field',
      withAchievement({
        alignment: [{ targetName: 'x', targetUrl: 'https://f.example', targetURL: 'y' }],
      }),
      'achievement.alignment[0].targetURL',
    ],
    [
      'an unknown image field',
      withAchievement({ image: { id: 'https://x.example/i.png', type: 'Image', alt: 'x' } }),
      'achievement.image.alt',
    ],
    [
      'an unknown result description field',
      withAchievement({ resultDescription: [{ ...scoreDescription, passMark: '60' }] }),
      'achievement.resultDescription[0].passMark',
    ],
    ['an unknown top-level field', { ...examAward, language: 'ja' }, 'language'],
    [
      'an alignment without its targetUrl',
      withAchievement({ alignment: [{ targetName: 'x' }] }),
      'achievement.alignment[0].targetUrl',
    ],
    [
      'a result without value, status or level',
      { ...examAward, result: [{ resultDescription: SCORE }] },
      'result[0].value',
    ],
    [
      'an achievementType OB 3.0 does not have',
      withAchievement({ achievementType: 'Trophy' }),
      'achievement.achievementType',
    ],
    [
      'a language OB 3.0 cannot name',
      withAchievement({ inLanguage: 'Japanese' }),
      'achievement.inLanguage',
    ],
    ['a lang the catalog does not have', { ...examAward, lang: 'fr' }, 'lang'],
  ])('refuses %s, naming it', async (_what, body, field) => {
    await expectRefused(body, field);
  });

  it.each([
    [
      'a result linked to a description the achievement lacks',
      {
        ...examAward,
        result: [{ resultDescription: 'https://exam-ngo.example/other', value: '1' }],
      },
      'result[0].resultDescription',
    ],
    [
      'a score above its valueMax',
      { ...examAward, result: [{ resultDescription: SCORE, value: '101' }] },
      'result[0].value',
    ],
    [
      'a level the result description does not list',
      { ...examAward, result: [{ resultDescription: SCORE, achievedLevel: MASTERED }] },
      'result[0].achievedLevel',
    ],
    [
      'a Status result without a status',
      {
        ...withAchievement({
          resultDescription: [{ id: SCORE, name: 'Passed', resultType: 'Status' }],
        }),
        result: [{ resultDescription: SCORE, value: 'yes' }],
      },
      'result[0].status',
    ],
    [
      'result descriptions sharing an id',
      withAchievement({ resultDescription: [scoreDescription, scoreDescription] }),
      'achievement.resultDescription[1].id',
    ],
    [
      'a requiredLevel that is not one of its levels',
      withAchievement({ resultDescription: [{ ...scoreDescription, requiredLevel: MASTERED }] }),
      'achievement.resultDescription[0].requiredLevel',
    ],
    [
      'an inLanguage other than the lang asked for',
      { ...withAchievement({ inLanguage: 'en' }), lang: 'ja' },
      'achievement.inLanguage',
    ],
  ])('refuses %s, naming the field', async (_what, body, field) => {
    await expectRefused(body, field);
  });
});
