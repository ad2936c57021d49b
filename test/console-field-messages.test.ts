// The refusals staff meet on the console's forms, in the page's language: the Award form in
// Japanese and the Bulk check in Traditional Chinese say what is wrong in those words, and the
// API names the same refusals with a code and its values beside the English message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffMember, textOf, type ConsoleClient } from './helpers/consoleClient.js';
import { request } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const NGO = 'bridge-ngo';
let app: TestApp;
let issuer: ConsoleClient;

beforeAll(async () => {
  app = await startTestApp();
  issuer = await staffMember(app.baseUrl, NGO, 'kei@bridge.example', 'issuer');
});
afterAll(async () => app?.close());

describe('console field messages', () => {
  it('says on the Japanese Award form what an award first needs, and that evidence is missing', async () => {
    const form = '/console/award?lang=ja';
    const early = await issuer.submit(form, form, {
      achievement: 'data-literacy',
      recipient: 'new-learner@example.org',
    });
    expect(early.status).toBe(422);
    expect(textOf(early.text)).toContain('「data-literacy」には先に次が必要です');
    const bare = await issuer.submit(form, form, {
      achievement: 'ai-capstone',
      recipient: 'new-learner@example.org',
    });
    expect(textOf(bare.text)).toContain('「ai-capstone」にはエビデンスが 1 つ以上必要です');
    expect(textOf(bare.text)).not.toContain('needs at least one evidence item');
  });

  it('says each bad row’s problem in Traditional Chinese on the Bulk check', async () => {
    const csv = [
      'recipient,achievement',
      'mei@example.org,digital-basics',
      'mei@example.org,digital-basics',
      'not-an-address,digital-basics',
    ].join('\n');
    const checked = await issuer.submit(
      '/console/bulk?lang=zh-TW',
      '/console/bulk/check?lang=zh-TW',
      {
        csv,
      },
    );
    expect(checked.status).toBe(200);
    const text = textOf(checked.text);
    expect(text).toContain('與第 1 列的受領者和成就相同：只會頒發一次');
    expect(text).toContain('必須是電子郵件地址或 DID');
  });

  it('names the refusal in the API with a code and its values, the message unchanged', async () => {
    const refused = await request(
      'POST',
      `${app.baseUrl}/issuers/${NGO}/awards`,
      { achievement: 'ai-capstone', recipient: { email: 'api@example.org' } },
      { key: ADMIN_KEY },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        field: 'evidence',
        message: '"ai-capstone" needs at least one evidence item',
        code: 'evidence-required',
        params: { key: 'ai-capstone' },
      },
    ]);
  });
});
