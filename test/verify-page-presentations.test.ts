import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchRefusedError } from '../src/net/fetchWithPolicy.js';
import { buildCredentialPageModel } from '../src/pages/credentialPageModel.js';
import { renderCredentialPage } from '../src/pages/credentialPage.js';
import type { CheckResult, VerificationReport } from '../src/verifying/report.js';
import { award, createIssuer, type AnyJson, type Issuer } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let ngo: Issuer;
let credential: AnyJson;

beforeAll(async () => {
  // Every other issuer's server is down: what this service holds itself still verifies.
  app = await startTestApp({
    fetchRemoteJson: async (url) => {
      throw new FetchRefusedError(url, 'could not be fetched (connect ECONNREFUSED)');
    },
  });
  ngo = await createIssuer(app.baseUrl, 'code-ngo', 'Code for Communities');
  const response = await award(app.baseUrl, ngo);
  expect(response.status).toBe(201);
  credential = response.body.credential;
});
afterAll(async () => app?.close());

const presentationOf = (...credentials: unknown[]): AnyJson => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiablePresentation'],
  verifiableCredential: credentials,
});

function tampered(): AnyJson {
  const copy = structuredClone(credential);
  copy.credentialSubject.achievement.name = 'Advanced spreadsheets';
  return copy;
}

/**
 * The issued credential claimed by did:web:issuer.example, whose key is on a server that cannot
 * be reached. Its own status entries would name this service's lists (another issuer's), so
 * they go: what is left can only be checked once that key can be fetched.
 */
function remoteIssuerCredential(): AnyJson {
  const copy = structuredClone(credential);
  copy.issuer = { ...copy.issuer, id: 'did:web:issuer.example' };
  copy.proof[0].verificationMethod = 'did:web:issuer.example#key-1';
  delete copy.credentialStatus;
  return copy;
}

const textOf = (markup: string): string =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** The state lines in page order, icons left out: the page's own first, then each credential's. */
const states = (markup: string): string[] =>
  [...markup.matchAll(/<p class="verdict-state"[^>]*>[\s\S]*?<\/span>([\s\S]*?)<\/p>/g)].map(
    (match) => textOf(match[1] ?? ''),
  );

/** One check line by its id: its class (the state) and its text. */
function checkLine(markup: string, id: string, from = 0): { state: string; text: string } {
  const pattern = new RegExp(
    `<li class="check check--(\\w+)" data-check="${id.replace('.', '\\.')}">([\\s\\S]*?)</li>`,
    'g',
  );
  pattern.lastIndex = from;
  const match = pattern.exec(markup);
  if (!match) throw new Error(`no check ${id} after ${from}`);
  return { state: match[1] ?? '', text: textOf(match[2] ?? '') };
}

async function post(form: FormData, lang = 'en'): Promise<{ status: number; text: string }> {
  const response = await fetch(`${app.baseUrl}/verify?lang=${lang}`, {
    method: 'POST',
    body: form,
  });
  return { status: response.status, text: await response.text() };
}

function pasted(document: unknown): FormData {
  const form = new FormData();
  form.set('credential', JSON.stringify(document, null, 2));
  return form;
}

describe('the verify page takes a Verifiable Presentation', () => {
  it('says on the form that a presentation is accepted', async () => {
    const text = await (await fetch(`${app.baseUrl}/verify`)).text();
    expect(text).toContain(
      'A Verifiable Presentation (JSON) carrying credentials is accepted too.',
    );
  });

  it('shows the presentation, its checks, then the credential in it as verified', async () => {
    const { status, text } = await post(pasted(presentationOf(credential)));
    expect(status).toBe(200);
    expect(states(text)).toEqual(['Verified', 'Verified']);
    expect(text).toContain('<h3 id="presentation">The presentation</h3>');
    expect(checkLine(text, 'presentation.structure')).toEqual({
      state: 'success',
      text: '✓ Format (Verifiable Presentation) : Passed presentation.structure',
    });
    // Unsigned: the page says the holder did not sign, rather than claiming anything about them.
    const proof = checkLine(text, 'presentation.proof');
    expect(proof.state).toBe('skipped');
    expect(proof.text).toContain("Holder's signature : Not applicable");
    expect(proof.text).toContain('the presentation is not signed by its holder');
    expect(checkLine(text, 'presentation.holder').text).toContain('Signed by the holder it names');

    const section = text.indexOf('id="presented"');
    expect(section).toBeGreaterThan(0);
    const card = text.slice(section);
    expect(textOf(card)).toContain(
      'Credential 1 of 1 Spreadsheet basics Issued by Code for Communities',
    );
    expect(checkLine(text, 'proof.signature', section)).toMatchObject({ state: 'success' });
    expect(checkLine(text, 'issuer.binding', section).text).toContain(
      `signed by the issuer ${ngo.id}`,
    );
    // What the credential says is there, folded away until opened (no script needed).
    expect(card).toMatch(/<details class="presented-details">\s*<summary>What the credential says/);
    expect(card).toContain('Builds and checks simple spreadsheets.');
  });

  it('marks the presentation not verified when a credential in it was tampered with', async () => {
    const { status, text } = await post(pasted(presentationOf(credential, tampered())));
    expect(status).toBe(200);
    expect(states(text)).toEqual(['Not verified', 'Verified', 'Not verified']);
    const second = text.indexOf('<h3 id="credential-2">');
    expect(textOf(text.slice(second))).toMatch(/^Advanced spreadsheets/);
    const failed = checkLine(text, 'proof.signature', second);
    expect(failed.state).toBe('failure');
    expect(failed.text).toContain('Signature : Failed');
  });

  it('reads a presentation from an uploaded .json file too', async () => {
    const form = new FormData();
    form.set(
      'file',
      new Blob([JSON.stringify(presentationOf(credential))], { type: 'application/json' }),
      'presentation.json',
    );
    const { status, text } = await post(form, 'ja');
    expect(status).toBe(200);
    expect(states(text)).toEqual(['検証済み', '検証済み']);
    expect(text).toContain('<h3 id="presentation">プレゼンテーション</h3>');
    expect(text).toContain('形式（検証可能なプレゼンテーション）');
    expect(text).toContain('証明書 1／1');
  });

  it('says the credentials were not checked when the presentation itself cannot be read', async () => {
    const { '@context': _context, ...noContext } = presentationOf(credential);
    const { status, text } = await post(pasted(noContext));
    expect(status).toBe(200);
    expect(states(text)).toEqual(['Not verified']);
    expect(checkLine(text, 'presentation.structure').state).toBe('failure');
    expect(textOf(text)).toContain(
      'The credentials in it were not checked, because the presentation itself could not be read',
    );
  });

  it('keeps every id unique with several credentials, so labels point at one thing each', async () => {
    const { text } = await post(pasted(presentationOf(credential, credential)));
    const ids = [...text.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(10);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('a check that could not run', () => {
  it('reads "Could not be checked", not "Not verified" nor "Verified", and says what was out of reach', async () => {
    const { status, text } = await post(pasted(remoteIssuerCredential()));
    expect(status).toBe(200);
    expect(states(text)).toEqual(['Could not be checked']);
    expect(text).toContain('data-verdict="unchecked"');
    expect(textOf(text)).toContain(
      "Part of this credential could not be checked because the issuer's key could not be reached. Nothing found is wrong; try again when the issuer's server can be reached.",
    );
    const proof = checkLine(text, 'proof.signature');
    expect(proof.state).toBe('unavailable');
    expect(proof.text).toContain('Signature : Could not be checked');
    expect(proof.text).toContain('ECONNREFUSED');
    expect(checkLine(text, 'issuer.binding').state).toBe('unavailable');
    // Checks that do not apply still say so, apart from the ones that could not run.
    expect(checkLine(text, 'status.revocation')).toMatchObject({ state: 'skipped' });
    expect(checkLine(text, 'status.revocation').text).toContain('Not applicable');
  });

  it('says so in Traditional Chinese and Japanese', async () => {
    const chinese = await post(pasted(remoteIssuerCredential()), 'zh-TW');
    expect(states(chinese.text)).toEqual(['無法完成檢查']);
    expect(textOf(chinese.text)).toContain('由於無法連線取得發證單位的金鑰');
    expect(checkLine(chinese.text, 'proof.signature').text).toContain('無法檢查');
    const japanese = await post(pasted(remoteIssuerCredential()), 'ja');
    expect(states(japanese.text)).toEqual(['確認を完了できませんでした']);
    expect(textOf(japanese.text)).toContain('発行者の鍵を取得できなかったため');
    expect(checkLine(japanese.text, 'proof.signature').text).toContain('確認できず');
  });

  it('leaves a presentation unchecked, not failed, when that is all that is wrong', async () => {
    const { text } = await post(pasted(presentationOf(credential, remoteIssuerCredential())));
    expect(states(text)).toEqual(['Could not be checked', 'Verified', 'Could not be checked']);
    expect(textOf(text)).toContain(
      "Part of this presentation could not be checked because the issuer's key could not be reached.",
    );
  });

  it('still fails a presentation when another credential in it is forged', async () => {
    const { text } = await post(pasted(presentationOf(remoteIssuerCredential(), tampered())));
    expect(states(text)).toEqual(['Not verified', 'Could not be checked', 'Not verified']);
  });
});

describe('the credential page with a check that could not run', () => {
  const passed = (id: string, detail?: string): CheckResult =>
    detail === undefined ? { id, outcome: 'success' } : { id, outcome: 'success', detail };
  const report = (checks: CheckResult[]): VerificationReport => ({
    verified: false,
    verdict: 'unchecked',
    checks,
    warnings: [],
    errors: [],
  });
  const page = (checks: CheckResult[], validUntil?: string): string =>
    renderCredentialPage(
      buildCredentialPageModel({
        uuid: '6f1c2c8e-5b8a-4b43-9d1e-1a2b3c4d5e6f',
        format: 'di',
        credential: {
          name: 'Spreadsheet basics',
          validFrom: '2020-01-01T00:00:00Z',
          ...(validUntil ? { validUntil } : {}),
        },
        report: report(checks),
        checkedAt: new Date('2026-02-01T00:00:00Z'),
        pageUrl: 'https://badges.example/c/6f1c2c8e-5b8a-4b43-9d1e-1a2b3c4d5e6f',
        basePath: '',
      }),
      'en',
      '',
    );
  const statusOutOfReach: CheckResult = {
    id: 'status.revocation',
    outcome: 'skipped',
    reason: 'https://lists.example/revocation-0: could not be fetched (timeout)',
    unavailable: true,
  };

  it('names the status list as what could not be reached, and shows what passed and why', () => {
    const markup = page([
      passed('proof.signature', 'the proof verifies'),
      passed('issuer.binding', 'signed by the issuer did:web:lists.example'),
      statusOutOfReach,
      {
        id: 'status.suspension',
        outcome: 'skipped',
        reason: 'the credential has no suspension status entry',
      },
    ]);
    expect(states(markup)).toEqual(['Could not be checked']);
    expect(textOf(markup)).toContain(
      "because the issuer's status list could not be reached. Nothing found is wrong",
    );
    expect(checkLine(markup, 'issuer.binding').text).toContain(
      'Passed issuer.binding signed by the issuer did:web:lists.example',
    );
    expect(checkLine(markup, 'status.revocation').text).toContain(
      'Revocation status : Could not be checked status.revocation https://lists.example/revocation-0: could not be fetched (timeout)',
    );
    expect(checkLine(markup, 'status.suspension').text).toContain('Not applicable');
  });

  it('still says "Expired" of a checked signature whose status list was out of reach', () => {
    const markup = page(
      [
        passed('proof.signature'),
        passed('issuer.binding'),
        {
          id: 'dates.validUntil',
          outcome: 'failure',
          problem: {
            type: 'https://errors.example/credential-expired',
            title: 'Credential expired',
            status: 422,
            detail: 'expired 2021-01-01T00:00:00Z',
          },
        },
        statusOutOfReach,
      ],
      '2021-01-01T00:00:00Z',
    );
    expect(states(markup)).toEqual(['Expired']);
  });

  it('does not vouch for an expired credential whose signature could not be checked', () => {
    const markup = page(
      [
        { ...statusOutOfReach, id: 'proof.signature', reason: 'the key could not be fetched' },
        {
          id: 'dates.validUntil',
          outcome: 'failure',
          problem: {
            type: 'https://errors.example/credential-expired',
            title: 'Credential expired',
            status: 422,
          },
        },
      ],
      '2021-01-01T00:00:00Z',
    );
    expect(states(markup)).toEqual(['Could not be checked']);
    expect(textOf(markup)).toContain(
      "the issuer's key could not be reached, and a check below failed",
    );
    expect(markup).not.toContain('is authentic');
  });
});
