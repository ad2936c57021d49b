// The console's learner message templates over plain HTTP, as a browser without JavaScript: an
// owner finds every message and language on Settings → E-mail, previews a draft (filled with
// sample values, nothing saved), is told in the page's language what is wrong with a bad one
// (nothing kept), saves one and the next award's e-mail says it, then puts the service's text
// back. Issuers get the 403 page; a form without the CSRF token changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffMember, textOf, type ConsoleClient } from './helpers/consoleClient.js';
import { award, createIssuer, request, type Issuer } from './helpers/http.js';
import { eventually, startSmtpReceiver, type SmtpReceiver } from './helpers/smtpReceiver.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

const EDIT = '/console/settings/email/templates/credential-issued/en';
const DRAFT = {
  subject: 'Your {achievementName} badge',
  body: 'Hello,\n\n{issuerName} is proud of you.\n\nSee and share it: {credentialUrl}',
};

let app: TestApp;
let receiver: SmtpReceiver;
let ngo: Issuer;
let owner: ConsoleClient;

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  app = await startTestApp({ env: { SMTP_URL: receiver.url } });
  ngo = await createIssuer(app.baseUrl, 'template-ngo', 'Harbour Skills');
  owner = await staffMember(app.baseUrl, ngo.slug, 'ana@harbour.example', 'owner');
});
afterAll(async () => {
  await app?.close();
  await receiver?.close();
});

const apiTemplate = async () =>
  (
    await request(
      'GET',
      `${app.baseUrl}/issuers/${ngo.slug}/email/templates/credential-issued/en`,
      undefined,
      { key: ngo.apiKey },
    )
  ).body;

async function awardTo(address: string) {
  const response = await award(app.baseUrl, ngo, {
    achievement: {
      name: 'Safe Forklift Driving',
      description: 'Drives a forklift safely in a warehouse.',
      criteria: { narrative: 'Passed the practical test.' },
    },
    recipient: { email: address },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return String(response.body.url);
}

describe('console learner message templates', () => {
  it('lists each message in each language on the E-mail tab with a link to edit it', async () => {
    const page = await owner.get('/console/settings/email');
    const text = textOf(page.text);
    expect(text).toContain('What learners are sent');
    expect(text).toContain('A credential was awarded English Service text · Edit');
    expect(text).toContain('A credential expires soon 日本語 Service text · Edit');
    expect(page.text).toContain(`href="${EDIT}?lang=en"`);
    expect(page.text).toContain('/console/settings/email/templates/expiry-reminder/zh-TW');
  });

  it('previews a draft with sample values and keeps nothing', async () => {
    const page = await owner.get(EDIT);
    expect(textOf(page.text)).toContain('The service’s text is in force.');
    expect(textOf(page.text)).toContain(
      '{credentialUrl} the link to the credential’s page (required in the text)',
    );
    const previewed = await owner.submit(EDIT, EDIT, { ...DRAFT, action: 'preview' });
    expect(previewed.status).toBe(200);
    const preview = textOf(
      /id="preview-result"[\s\S]*?<\/section>/.exec(previewed.text)?.[0] ?? '',
    );
    expect(preview).toContain('How it reads, with sample values');
    expect(preview).toMatch(/Subject Your \S.* badge Text Hello, Harbour Skills is proud of you\./);
    expect(preview).toMatch(/See and share it: http\S+\/c\//);
    expect(preview).not.toContain('{issuerName}');
    // The draft stays in the form to go on editing, and nothing was saved.
    expect(previewed.text).toContain('value="Your {achievementName} badge"');
    expect((await apiTemplate()).customised).toBe(false);
  });

  it('says what is wrong with a bad template in the page language and keeps nothing', async () => {
    const refused = await owner.submit(EDIT, EDIT, {
      subject: 'Congratulations {learnerName}',
      body: 'Well done.',
      action: 'save',
    });
    expect(refused.status).toBe(422);
    const text = textOf(refused.text);
    expect(text).toContain('Subject: {learnerName} is not a placeholder of this message');
    expect(text).toContain('Text: must contain {credentialUrl}');
    expect(refused.text).toContain('aria-invalid="true"');
    expect((await apiTemplate()).customised).toBe(false);

    const ja = await owner.submit(`${EDIT}?lang=ja`, `${EDIT}?lang=ja`, {
      subject: 'おめでとう',
      body: 'よくできました。',
      action: 'save',
    });
    expect(ja.status).toBe(422);
    expect(textOf(ja.text)).toContain('本文');
    expect(textOf(ja.text)).not.toContain('must contain');
  });

  it("saves a template that the next award's e-mail says, then puts the service text back", async () => {
    const saved = await owner.submit(EDIT, EDIT, { ...DRAFT, action: 'save' });
    expect(saved.status).toBe(303);
    const after = await owner.get(saved.location ?? '');
    expect(textOf(after.text)).toContain('Saved: messages sent from now on use your text.');
    expect(textOf(after.text)).toMatch(/Your own text is in force, since /);
    expect(await apiTemplate()).toMatchObject({ customised: true, ...DRAFT });
    const listed = textOf((await owner.get('/console/settings/email')).text);
    expect(listed).toContain('A credential was awarded English Your text · Edit');

    const address = `learner-${Date.now()}@example.org`;
    const url = await awardTo(address);
    const [message] = await eventually(
      () => receiver.to(address),
      (messages) => messages.length >= 1,
    );
    expect(message?.subject).toBe('Your Safe Forklift Driving badge');
    expect(message?.text).toContain('Harbour Skills is proud of you.');
    expect(message?.text).toContain(`See and share it: ${url}`);

    const reset = await owner.submit(EDIT, `${EDIT}/reset`, {});
    expect(reset.status).toBe(303);
    expect(textOf((await owner.get(reset.location ?? '')).text)).toContain(
      'The service’s text is in force again.',
    );
    expect((await apiTemplate()).customised).toBe(false);
  });

  it('answers a kind of message that does not exist with the not-found page', async () => {
    const page = await owner.get('/console/settings/email/templates/birthday/en');
    expect(page.status).toBe(404);
    expect(page.contentType).toContain('text/html');
  });

  it('keeps templates from issuers and from forms without the CSRF token', async () => {
    const issuer = await staffMember(app.baseUrl, ngo.slug, 'ben@harbour.example', 'issuer');
    expect((await issuer.get(EDIT)).status).toBe(403);
    const noToken = await owner.post(EDIT, { ...DRAFT, action: 'save' });
    expect(noToken.status).toBe(403);
    expect((await apiTemplate()).customised).toBe(false);
  });
});
