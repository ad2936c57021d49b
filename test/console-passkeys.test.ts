// Console passkeys over plain HTTP (the browser ceremonies are in test/browser/console-passkeys):
// the options the passkey script gets, refusals of what a browser never sends (a bad name, an
// answer that is not one, a forged sign-in), each storing nothing and starting no session; the
// limits on sign-in attempts and on challenges per address; the page in three languages; the
// routes in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient, csrfOf, staffMember, textOf } from './helpers/consoleClient.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

const NGO = 'bridge-ngo';
let app: TestApp;
let member: ConsoleClient;

beforeAll(async () => {
  app = await startTestApp({ env: { SIGN_IN_LIMIT_PER_ADDRESS: '2' } });
  member = await staffMember(app.baseUrl, NGO, 'ada@bridge.example', 'issuer');
});
afterAll(async () => app?.close());

const staffId = async (): Promise<string> => {
  const [staff] = await app.store.listStaffByEmail('ada@bridge.example');
  return staff?.id ?? '';
};

/** A signed-out browser on the sign-in page: it has the form cookie and the form's token. */
async function signInForm(): Promise<{ client: ConsoleClient; csrf: string }> {
  const client = new ConsoleClient(app.baseUrl);
  const page = await client.get('/console/sign-in');
  return { client, csrf: csrfOf(page.text) };
}

/** Something shaped like a sign-in answer that no authenticator signed. */
const forgedAnswer = JSON.stringify({
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  clientExtensionResults: {},
  response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
});

describe('passkey options', () => {
  it('gives a signed-in member registration options for this host, user verification required', async () => {
    const page = await member.get('/console/passkeys');
    expect(page.status).toBe(200);
    const response = await fetch(`${app.baseUrl}/console/passkeys/options`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...member.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
      body: new URLSearchParams({ csrf: csrfOf(page.text) }).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const options = (await response.json()) as {
      rp: { id: string };
      user: { name: string };
      authenticatorSelection: unknown;
      challenge: string;
    };
    expect(options.rp.id).toBe('127.0.0.1');
    expect(options.user.name).toBe('ada@bridge.example');
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'required',
    });
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // The challenge is kept for this member's registration, once.
    const kept = await app.store.claimPasskeyChallenge(options.challenge, new Date().toISOString());
    expect(kept).toMatchObject({ ceremony: 'registration', staffId: await staffId() });
  });

  it('refuses registration options without the session’s form token', async () => {
    const refused = await member.post('/console/passkeys/options', { csrf: 'wrong' });
    expect(refused.status).toBe(403);
  });

  it('gives a signed-out browser sign-in options, and the page may ask the service', async () => {
    const { client, csrf } = await signInForm();
    const page = await client.get('/console/sign-in');
    expect(page.status).toBe(200);
    const csp = (await fetch(`${app.baseUrl}/console/sign-in`)).headers.get(
      'content-security-policy',
    );
    expect(csp).toContain("connect-src 'self'");
    const response = await fetch(`${app.baseUrl}/console/sign-in/passkey-options`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
      body: new URLSearchParams({ csrf }).toString(),
    });
    expect(response.status).toBe(200);
    const options = (await response.json()) as {
      rpId: string;
      userVerification: string;
      allowCredentials?: unknown[];
    };
    expect(options.rpId).toBe('127.0.0.1');
    expect(options.userVerification).toBe('required');
    // No list of passkeys: the browser offers any this console's passkeys it holds.
    expect(options.allowCredentials ?? []).toEqual([]);
  });
});

describe('refusals', () => {
  it('refuses a passkey without a name, or with an answer that is not one, and keeps nothing', async () => {
    const unnamed = await member.submit('/console/passkeys', '/console/passkeys', {
      name: '  ',
      response: forgedAnswer,
    });
    expect(unnamed.status).toBe(422);
    expect(textOf(unnamed.text)).toContain('Give the passkey a name of 1 to 60 characters.');
    const notJson = await member.submit('/console/passkeys', '/console/passkeys', {
      name: 'Laptop',
      response: 'not json',
    });
    expect(notJson.status).toBe(422);
    expect(textOf(notJson.text)).toContain("The browser's answer did not verify");
    // The name is kept in the form to try again.
    expect(notJson.text).toContain('value="Laptop"');
    const unsigned = await member.submit('/console/passkeys', '/console/passkeys', {
      name: 'Laptop',
      response: forgedAnswer.replace('authenticatorData', 'attestationObject'),
    });
    expect(unsigned.status).toBe(422);
    expect(await app.store.listPasskeysOfStaff(await staffId())).toEqual([]);
  });

  it('answers a forged sign-in with the form again and no session', async () => {
    const { client, csrf } = await signInForm();
    const refused = await client.post('/console/sign-in/passkey', { csrf, response: forgedAnswer });
    expect(refused.status).toBe(401);
    expect(textOf(refused.text)).toContain('That passkey could not sign you in here.');
    expect(refused.setCookie ?? '').not.toContain('console_session');
    const noToken = await client.post('/console/sign-in/passkey', { response: forgedAnswer });
    expect(noToken.status).toBe(403);
  });

  it('says a passkey that is not yours is not found', async () => {
    const page = await member.submit('/console/passkeys', '/console/passkeys/AAAA/remove', {});
    expect(page.status).toBe(404);
  });
});

describe('limits', () => {
  it('counts failed passkey sign-ins per address, then answers 429 with when to retry', async () => {
    const app2 = await startTestApp({ env: { SIGN_IN_LIMIT_PER_ADDRESS: '2' } });
    try {
      const client = new ConsoleClient(app2.baseUrl);
      const csrf = csrfOf((await client.get('/console/sign-in')).text);
      const statuses = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const answer = await client.post('/console/sign-in/passkey', {
          csrf,
          response: forgedAnswer,
        });
        statuses.push(answer.status);
      }
      expect(statuses).toEqual([401, 401, 429]);
      // Challenges are counted whether used or not: four for each failure allowed.
      const asked = [];
      for (let ask = 0; ask < 9; ask += 1) {
        asked.push((await client.post('/console/sign-in/passkey-options', { csrf })).status);
      }
      expect(asked).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    } finally {
      await app2.close();
    }
  });
});

describe('the page', () => {
  it('is in Traditional Chinese and Japanese, and says adding one needs JavaScript', async () => {
    const en = textOf((await member.get('/console/passkeys')).text);
    expect(en).toContain('Adding a passkey needs JavaScript');
    expect(en).toContain('You have no passkeys yet.');
    const zh = textOf((await member.get('/console/passkeys?lang=zh-TW')).text);
    expect(zh).toContain('您的通行金鑰');
    expect(zh).toContain('您還沒有通行金鑰。');
    const ja = textOf((await member.get('/console/passkeys?lang=ja')).text);
    expect(ja).toContain('あなたのパスキー');
    expect(ja).toContain('まだパスキーはありません。');
  });

  it('is in the OpenAPI document with its forms and options', async () => {
    const document = (await (await fetch(`${app.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const path of [
      '/console/passkeys',
      '/console/passkeys/options',
      '/console/passkeys/{id}/remove',
      '/console/sign-in/passkey',
      '/console/sign-in/passkey-options',
      '/assets/console-passkeys.js',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
  });
});
