/**
 * credentials/tw-ai-talent.json, the zh-TW catalog modelled on Taiwan's AI-talent programme: it
 * loads with its issuers, and its youth ladder and industry tiers award end to end in Traditional
 * Chinese (prerequisites, required evidence, the tiers stacking), every credential verifying.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, verify, type AnyJson, type JsonResponse } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { transcriptOf } from './helpers/transcripts.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

const OFFICE = 'tw-ai-office';
const UNIVERSITY = 'tw-example-tech';
const ISSUER_OF: Record<string, string> = {
  'tw-ai-youth-online': OFFICE,
  'tw-ai-youth-camp': UNIVERSITY,
  'tw-ai-youth-showcase': OFFICE,
  'tw-ai-industry-foundations': UNIVERSITY,
  'tw-ai-industry-project': UNIVERSITY,
  'tw-ai-industry-strategy': OFFICE,
};

function award(key: string, email: string, extra: AnyJson = {}): Promise<JsonResponse> {
  return request(
    'POST',
    `${app.baseUrl}/issuers/${ISSUER_OF[key]}/awards`,
    { achievement: key, recipient: { email }, lang: 'zh-TW', ...extra },
    { key: ADMIN_KEY },
  );
}

const stackedKeys = (response: JsonResponse): string[] =>
  (response.body.stacked as AnyJson[]).map((s) => s.achievement as string);

async function expectVerified(credential: AnyJson): Promise<void> {
  const report = await verify(app.baseUrl, credential);
  expect(report.body.verified, JSON.stringify(report.body)).toBe(true);
}

describe('the zh-TW catalog', () => {
  it('loads with its two example issuers, every text in zh-TW, en and ja', async () => {
    for (const slug of [OFFICE, UNIVERSITY]) {
      const issuer = await request('GET', `${app.baseUrl}/issuers/${slug}`);
      expect(issuer.status).toBe(200);
      expect(issuer.body.name).toContain('（範例）');
    }
    const list = await request('GET', `${app.baseUrl}/achievements?lang=zh-TW`);
    const ours = (list.body.achievements as AnyJson[]).filter((a) =>
      String(a.id).startsWith(`${app.baseUrl}/achievements/tw-ai-`),
    );
    expect(ours).toHaveLength(11);
    for (const achievement of ours) expect(achievement.inLanguage).toBe('zh-TW');
    const camp = await request('GET', `${app.baseUrl}/achievements/tw-ai-youth-camp?lang=zh-TW`);
    expect(camp.body.name).toBe('AI 營隊團隊專題');
    const ja = await request('GET', `${app.baseUrl}/achievements/tw-ai-senior-leader?lang=ja`);
    expect(ja.body.name).toBe('AI人材：上級リーダー');
  });
});

describe('the youth ladder, end to end', () => {
  const email = 'mei.youth@example.tw';
  const issued: AnyJson[] = [];

  it('the camp needs the online course first', async () => {
    const early = await award('tw-ai-youth-camp', email, {
      evidence: [{ name: '團隊提案書', narrative: '以 AI 辨識在地農作物病害的提案。' }],
    });
    expect(early.status).toBe(422);
    expect(early.contentType).toContain('application/problem+json');
  });

  it('online course passed by test → camp with its proposal → showcase, the tiers stacking', async () => {
    const online = await award('tw-ai-youth-online', email, {
      result: [
        {
          resultDescription: 'https://ai-talent.example.tw/results/online-test',
          value: '86',
        },
      ],
    });
    expect(online.status, JSON.stringify(online.body)).toBe(201);
    expect(online.body.credential.credentialSubject.achievement.name).toBe('AI 入門線上課程');
    expect(stackedKeys(online)).toEqual([]);
    issued.push(online.body.credential);

    const noProposal = await award('tw-ai-youth-camp', email);
    expect(noProposal.status).toBe(422);

    const camp = await award('tw-ai-youth-camp', email, {
      evidence: [
        {
          type: ['Evidence'],
          name: '團隊提案書',
          narrative: '以 AI 辨識在地農作物病害的提案，經導師審查通過。',
          genre: 'Proposal',
        },
      ],
    });
    expect(camp.status, JSON.stringify(camp.body)).toBe(201);
    expect(camp.body.credential.evidence[0].name).toBe('團隊提案書');
    expect(stackedKeys(camp)).toEqual(['tw-ai-youth-rookie']);
    issued.push(camp.body.credential, camp.body.stacked[0].credential);

    const showcase = await award('tw-ai-youth-showcase', email);
    expect(showcase.status, JSON.stringify(showcase.body)).toBe(201);
    expect(stackedKeys(showcase)).toEqual(['tw-ai-youth-star']);
    const star = showcase.body.stacked[0].credential as AnyJson;
    expect(star.credentialSubject.achievement.name).toBe('AI 新秀：推薦之星');
    expect(star.credentialSubject.achievement.inLanguage).toBe('zh-TW');
    expect((star.evidence as AnyJson[]).map((e) => e.id)).toEqual(
      expect.arrayContaining([online.body.credential.id, camp.body.credential.id]),
    );
    issued.push(showcase.body.credential, star);

    for (const credential of issued) await expectVerified(credential);
  });

  it('its transcript shows the ladder: prerequisites precede, modules are part of the tiers', async () => {
    const transcript = await transcriptOf(app.baseUrl, { email }, ADMIN_KEY);
    expect(transcript.status).toBe(200);
    const id = (key: string): string => `${app.baseUrl}/achievements/${key}`;
    const associations = transcript.body.credentialSubject.association as AnyJson[];
    expect(associations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          associationType: 'precedes',
          sourceId: id('tw-ai-youth-online'),
          targetId: id('tw-ai-youth-camp'),
        }),
        expect.objectContaining({
          associationType: 'precedes',
          sourceId: id('tw-ai-youth-camp'),
          targetId: id('tw-ai-youth-showcase'),
        }),
        expect.objectContaining({
          associationType: 'isPartOf',
          sourceId: id('tw-ai-youth-showcase'),
          targetId: id('tw-ai-youth-star'),
        }),
      ]),
    );
    await expectVerified(transcript.body);
  });
});

describe('the industry tiers', () => {
  it('basic practitioner → mid-level project lead → senior leader', async () => {
    const email = 'chen.industry@example.tw';
    const foundations = await award('tw-ai-industry-foundations', email);
    expect(stackedKeys(foundations)).toEqual(['tw-ai-practitioner']);
    const project = await award('tw-ai-industry-project', email, {
      evidence: [{ name: '專案報告', narrative: '製造業品檢 AI 導入，瑕疵檢出率提升。' }],
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    expect(stackedKeys(project)).toEqual(['tw-ai-project-lead']);
    const strategy = await award('tw-ai-industry-strategy', email, {
      evidence: [{ name: '組織 AI 策略書', narrative: '三年期 AI 策略與治理原則。' }],
    });
    expect(strategy.status, JSON.stringify(strategy.body)).toBe(201);
    expect(stackedKeys(strategy)).toEqual(['tw-ai-senior-leader']);
    await expectVerified(strategy.body.stacked[0].credential);
  });
});
