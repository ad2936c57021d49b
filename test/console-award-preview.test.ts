// The Award form's Preview over plain HTTP, as a browser without JavaScript: the credential the
// form would issue is shown with its achievement, issuer, recipient and evidence as the public
// page shows them, refused exactly as the award would be, and nothing is signed or stored until
// Issue is pressed. An achievement described on the form (not in the catalog) is previewed and
// issued the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffMember, textOf, type ConsoleClient } from './helpers/consoleClient.js';
import { request } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const NGO = 'bridge-ngo';
let app: TestApp;
let issuer: ConsoleClient;

beforeAll(async () => {
  app = await startTestApp();
  issuer = await staffMember(app.baseUrl, NGO, 'kofi@bridge.example', 'issuer');
});
afterAll(async () => app?.close());

/** Credentials this issuer issued today, as its partner metrics count them. */
async function issuedCount(): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  const response = await request(
    'GET',
    `${app.baseUrl}/issuers/${NGO}/metrics?from=${today}&to=${today}`,
    undefined,
    { key: ADMIN_KEY },
  );
  expect(response.status).toBe(200);
  return response.body.totals.issued as number;
}

const FORM = {
  achievement: 'digital-basics',
  recipient: 'ama@example.org',
  evidence_name: 'Spreadsheet practical',
  evidence_narrative: 'Built a household budget in a spreadsheet.',
  lang: 'en',
};

describe('previewing an award from the console', () => {
  it('shows the credential it would issue, and issues nothing', async () => {
    const before = await issuedCount();
    const previewed = await issuer.submit('/console/award', '/console/award', {
      ...FORM,
      action: 'preview',
    });
    expect(previewed.status).toBe(200);
    const section =
      /id="award-preview-result"[\s\S]*?<\/section>\s*<\/section>|id="award-preview-result"[\s\S]*$/.exec(
        previewed.text,
      )?.[0];
    const text = textOf(section ?? '');
    expect(text).toContain('As the learner and an employer will see it');
    expect(text).toContain('Not issued yet: nothing was signed or stored.');
    expect(text).toContain('Digital basics');
    expect(text).toContain('Bridge Digital Skills (example NGO)');
    expect(text).toContain('Spreadsheet practical');
    expect(text).toContain('Built a household budget in a spreadsheet.');
    // The form keeps what was typed, ready to issue.
    expect(previewed.text).toContain('value="ama@example.org"');
    expect(await issuedCount()).toBe(before);

    const issued = await issuer.submit('/console/award', '/console/award', {
      ...FORM,
      action: 'issue',
    });
    expect(issued.status).toBe(303);
    expect(await issuedCount()).toBe(before + 1);
  });

  it('refuses a preview as the award would be refused, explaining the field', async () => {
    const refused = await issuer.submit('/console/award', '/console/award', {
      ...FORM,
      recipient: 'not-an-address',
      action: 'preview',
    });
    expect(refused.status).toBe(422);
    expect(textOf(refused.text)).toContain('Recipient e-mail: must be an e-mail address or a DID');
    expect(refused.text).not.toContain('award-preview-result');
  });

  it('previews in Japanese on the Japanese console', async () => {
    const previewed = await issuer.submit('/console/award?lang=ja', '/console/award?lang=ja', {
      ...FORM,
      action: 'preview',
    });
    expect(previewed.status).toBe(200);
    expect(textOf(previewed.text)).toContain('学習者と雇用者に見える内容');
  });
});

describe('awarding an achievement described on the form', () => {
  const DESCRIBED = {
    achievement: '',
    achievement_name: 'Community first aid',
    achievement_description: 'Gives first aid at community events.',
    achievement_criteria: 'Attended the one-day course and passed its practical.',
    recipient: 'yaw@example.org',
    lang: 'en',
  };

  it('previews and issues it, its page naming the described achievement', async () => {
    const previewed = await issuer.submit('/console/award', '/console/award', {
      ...DESCRIBED,
      action: 'preview',
    });
    expect(previewed.status).toBe(200);
    const text = textOf(previewed.text);
    expect(text).toContain('As the learner and an employer will see it');
    expect(text).toContain('Community first aid');
    expect(text).toContain('Attended the one-day course and passed its practical.');

    const before = await issuedCount();
    const issued = await issuer.submit('/console/award', '/console/award', {
      ...DESCRIBED,
      action: 'issue',
    });
    expect(issued.status).toBe(303);
    expect(await issuedCount()).toBe(before + 1);
    const awarded = await issuer.get(issued.location ?? '');
    expect(textOf(awarded.text)).toContain('Credential issued Community first aid');
    const url = /href="([^"]+\/c\/[0-9a-f-]{36})\?lang=en"/.exec(awarded.text)?.[1] ?? '';
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('Gives first aid at community events.');
  });

  it('names each missing part, and refuses a catalog achievement chosen with one described', async () => {
    const missing = await issuer.submit('/console/award', '/console/award', {
      ...DESCRIBED,
      achievement_criteria: '',
      action: 'issue',
    });
    expect(missing.status).toBe(422);
    expect(textOf(missing.text)).toContain('How it is earned: is required');

    const both = await issuer.submit('/console/award', '/console/award', {
      ...DESCRIBED,
      achievement: 'digital-basics',
      action: 'issue',
    });
    expect(both.status).toBe(422);
    expect(textOf(both.text)).toContain('Describe one below');
  });
});
