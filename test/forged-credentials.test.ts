// Forged credentials made with real signatures (test/helpers/forgeries.ts) must be rejected by
// every door a credential comes in through: POST /credentials/verify, the /verify page form, and
// POST /learners/imports (where acceptance would award a DX Passport tier). The genuine
// credentials they are made from verify, so each rejection means something.
//
// Two issuers: `ngo`, a did:key issuer on our own app (http, so did:key), and `ipa`, a did:web
// exam body on another service at https://exams.example that our trust list names for
// it-passport (the module that alone completes dx-passport-1). Imports need the second: a
// credential our own store already holds cannot be imported again.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../src/core/json.js';
import { hashedEmailIdentity } from '../src/credentials/recipientIdentity.js';
import { en } from '../src/pages/i18n/en.js';
import { progressOf } from './helpers/catalogAwards.js';
import {
  acceptableJwts,
  coSignedCredential,
  DATA_INTEGRITY_VARIANTS,
  dataIntegrityForgeries,
  foreignKey,
  JWT_VARIANTS,
  jwtForgeries,
  type Ed25519KeyPair,
  type Expectation,
  type ForeignKey,
  type Forgery,
} from './helpers/forgeries.js';
import {
  createIssuer,
  request,
  sampleAward,
  verify,
  type AnyJson,
  type Issuer,
  type JsonResponse,
} from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { catalogDirTrusting, fetchFromElsewhere } from './helpers/elsewhere.js';

const ELSEWHERE_URL = 'https://exams.example';
const EXTERNAL_ACHIEVEMENT = `${ELSEWHERE_URL}/achievements/it-passport`;

let app: TestApp;
let elsewhere: TestApp;
let catalogDir: string;
let foreign: ForeignKey;

// Our own did:key issuer and the forgeries of one of its credentials.
let ngo: Issuer;
let ngoKey: Ed25519KeyPair;
let genuine: JsonObject;
let diForgeries: Forgery[];
let jwtForged: Forgery[];
let jwtAcceptable: Array<{ name: string; description: string; credential: string }>;

// The trusted exam body elsewhere, and an untrusted one beside it.
let ipa: Issuer;
let ipaKey: Ed25519KeyPair;
let otherBody: Issuer;
let otherBodyKey: Ed25519KeyPair;

/** https://exams.example is answered by the other service on loopback; nothing else is reachable. */
const fetchRemoteJson = fetchFromElsewhere(ELSEWHERE_URL, () => elsewhere.baseUrl);

async function signingKeyOf(testApp: TestApp, slug: string): Promise<Ed25519KeyPair> {
  const { issuers } = testApp.services;
  return issuers.signingKey(await issuers.get(slug));
}

async function awarded(baseUrl: string, issuer: Issuer, body: unknown): Promise<JsonObject> {
  const response = await request('POST', `${baseUrl}/issuers/${issuer.slug}/awards`, body, {
    key: issuer.apiKey,
  });
  if (response.status !== 201) throw new Error(`award: ${JSON.stringify(response.body)}`);
  return response.body.credential as JsonObject;
}

/** An IT Passport the trust list maps to it-passport, for this e-mail, by an issuer elsewhere. */
const itPassportFor = (issuer: Issuer, email: string) =>
  awarded(elsewhere.baseUrl, issuer, {
    achievement: {
      id: EXTERNAL_ACHIEVEMENT,
      name: 'IT Passport',
      description: 'National IT literacy examination.',
      criteria: { narrative: 'Passed.' },
    },
    recipient: { email },
  });

/** The forger's change for imports: the credential now names the forger's own e-mail. */
const aboutEmail =
  (email: string) =>
  (credential: JsonObject): JsonObject => {
    const copy = structuredClone(credential);
    (copy.credentialSubject as JsonObject).identifier = [hashedEmailIdentity(email)];
    return copy;
  };

beforeAll(async () => {
  foreign = await foreignKey();
  elsewhere = await startTestApp({
    env: { CATALOG_DIR: '/nonexistent', PUBLIC_URL: ELSEWHERE_URL },
  });
  ipa = await createIssuer(elsewhere.baseUrl, 'ipa', 'IT Passport exam body');
  otherBody = await createIssuer(elsewhere.baseUrl, 'other-body', 'An untrusted exam body');
  ipaKey = await signingKeyOf(elsewhere, 'ipa');
  otherBodyKey = await signingKeyOf(elsewhere, 'other-body');

  catalogDir = catalogDirTrusting({
    did: ipa.id,
    name: 'IT Passport exam body elsewhere',
    achievementId: EXTERNAL_ACHIEVEMENT,
  });
  app = await startTestApp({ env: { CATALOG_DIR: catalogDir }, fetchRemoteJson });

  ngo = await createIssuer(app.baseUrl, 'ngo', 'Code for Communities');
  ngoKey = await signingKeyOf(app, 'ngo');
  genuine = await awarded(app.baseUrl, ngo, sampleAward);
  const otherGenuine = await awarded(app.baseUrl, ngo, sampleAward);
  diForgeries = await dataIntegrityForgeries({
    genuine,
    otherGenuine,
    issuerKey: ngoKey,
    documentLoader: app.services.documentLoader,
    foreign,
  });
  const now = new Date();
  jwtForged = await jwtForgeries({
    credential: genuine,
    issuerKey: ngoKey,
    otherDid: foreign.did,
    now,
  });
  jwtAcceptable = await acceptableJwts({ credential: genuine, issuerKey: ngoKey, now });
});
afterAll(async () => {
  await app?.close();
  await elsewhere?.close();
  if (catalogDir) rmSync(catalogDir, { recursive: true, force: true });
});

const forgery = (list: Forgery[], name: string): Forgery => {
  const found = list.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no forgery named ${name}`);
  return found;
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The report names the check as failed, with the problem (and detail) the contract says. */
function expectNamedFailure(report: AnyJson, expectation: Expectation): void {
  const checks = (report.checks ?? []) as AnyJson[];
  const check = checks.find((candidate) => candidate.id === expectation.check);
  const shown = JSON.stringify(
    checks.map(({ id, outcome, problem }) => ({ id, outcome, problem })),
  );
  expect(check, `no ${expectation.check} check in ${shown}`).toBeDefined();
  expect(check?.outcome, `${expectation.check} in ${shown}`).toBe('failure');
  if (expectation.problem) {
    expect(check?.problem?.type, shown).toMatch(
      new RegExp(`/${escapeRegExp(expectation.problem)}$`),
    );
  }
  if (expectation.detail) expect(check?.problem?.detail, shown).toMatch(expectation.detail);
}

function expectRejectedReport(response: JsonResponse, expectation: Expectation): void {
  expect(response.status, JSON.stringify(response.body).slice(0, 600)).toBe(422);
  expect(response.contentType).toMatch(/application\/problem\+json/);
  expect(response.body.verified).toBe(false);
  expect(response.body.verdict).toBe('not-verified');
  expectNamedFailure(response.body, expectation);
}

async function postVerifyPage(
  credential: JsonObject | string,
): Promise<{ status: number; html: string }> {
  const form = new FormData();
  form.set('credential', typeof credential === 'string' ? credential : JSON.stringify(credential));
  const response = await fetch(`${app.baseUrl}/verify?lang=en`, { method: 'POST', body: form });
  return { status: response.status, html: await response.text() };
}

/** The verdict line of a page: its data-verdict and its words. */
function pageVerdict(html: string): { state?: string; words?: string } {
  const match = /<p class="verdict-state" data-verdict="([^"]*)"[^>]*>([\s\S]*?)<\/p>/.exec(html);
  if (!match) return {};
  const words = match[2]
    ?.replace(/<[^>]+>/g, ' ')
    .replace(/[✓✗!]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { state: match[1], words };
}

function expectPageNotVerified(page: { status: number; html: string }, expectation: Expectation) {
  const verdict = pageVerdict(page.html);
  expect(verdict.state).not.toBe('verified');
  expect(verdict.words).not.toBe(en['verdict.verified']);
  if (verdict.state === undefined) {
    // Nothing was rendered as a credential: the page must say it could not be read.
    expect(page.status).toBe(422);
    expect(page.html).toContain(en['verify.errorHeading']);
  } else {
    expect(page.html).toMatch(
      new RegExp(`check--failure" data-check="${escapeRegExp(expectation.check)}"`),
    );
  }
}

describe('the forgeries are what they claim to be', () => {
  it('are made for every variant, each from real signatures', () => {
    expect(diForgeries.map((f) => f.name)).toEqual([...DATA_INTEGRITY_VARIANTS]);
    expect(jwtForged.map((f) => f.name)).toEqual([...JWT_VARIANTS]);
    for (const f of diForgeries) {
      const proofs = ([] as unknown[]).concat((f.credential as JsonObject).proof ?? []);
      expect(proofs.length, f.name).toBeGreaterThan(0);
      for (const proof of proofs)
        expect((proof as JsonObject).proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/);
    }
  });

  it('the foreign key is a fixed, unrelated did:key', async () => {
    expect(foreign.did).toMatch(/^did:key:z6Mk/);
    expect(foreign.did).not.toBe(ngo.id);
    expect((await foreignKey()).did).toBe(foreign.did);
  });
});

describe('the genuine credentials still verify (so a rejection below means something)', () => {
  it('the did:key issuer’s credential, through the API and the page', async () => {
    const response = await verify(app.baseUrl, genuine);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.verified).toBe(true);
    expect(response.body.verdict).toBe('verified');
    const page = await postVerifyPage(genuine);
    expect(pageVerdict(page.html).state).toBe('verified');
    expect(pageVerdict(page.html).words).toBe(en['verdict.verified']);
  });

  it('the genuine proof plus a valid co-signature by another key (every proof verifies, one is the issuer’s)', async () => {
    const coSigned = await coSignedCredential({
      genuine,
      documentLoader: app.services.documentLoader,
      foreign,
    });
    const response = await verify(app.baseUrl, coSigned);
    expect(response.status, JSON.stringify(response.body).slice(0, 800)).toBe(200);
    expect(response.body.verdict).toBe('verified');
  });

  for (const name of ['jwt-genuine', 'jwt-iat-within-skew', 'jwt-no-typ']) {
    it(`a JWT the contract allows: ${name}`, async () => {
      const jwt = jwtAcceptable.find((candidate) => candidate.name === name);
      const response = await verify(app.baseUrl, jwt?.credential);
      expect(response.status, JSON.stringify(response.body).slice(0, 800)).toBe(200);
      expect(response.body.verdict).toBe('verified');
    });
  }

  it('the trusted exam body’s credential elsewhere imports and completes dx-passport-1', async () => {
    const email = 'genuine-import@example.org';
    const credential = await itPassportFor(ipa, email);
    expect((await verify(app.baseUrl, credential)).body.verdict).toBe('verified');
    const response = await request(
      'POST',
      `${app.baseUrl}/learners/imports`,
      { verifiableCredential: credential, email },
      { key: ADMIN_KEY },
    );
    expect(response.status, JSON.stringify(response.body).slice(0, 800)).toBe(201);
    expect((await progressOf(app.baseUrl, email))['dx-passport-1']?.held).toBeDefined();
  });

  it('so does a JWT the exam body signed with its real key', async () => {
    const email = 'genuine-import-jwt@example.org';
    const credential = await itPassportFor(ipa, email);
    const [jwt] = await acceptableJwts({
      credential,
      issuerKey: ipaKey,
      now: new Date(),
      freshIds: true,
    });
    const response = await request(
      'POST',
      `${app.baseUrl}/learners/imports`,
      { verifiableCredential: jwt?.credential, email },
      { key: ADMIN_KEY },
    );
    expect(response.status, JSON.stringify(response.body).slice(0, 800)).toBe(201);
    expect((await progressOf(app.baseUrl, email))['dx-passport-1']?.held).toBeDefined();
  });
});

describe.each([
  [
    'Data Integrity proof sets and binding',
    DATA_INTEGRITY_VARIANTS as readonly string[],
    () => diForgeries,
  ],
  ['VC-JOSE (vc+jwt)', JWT_VARIANTS as readonly string[], () => jwtForged],
])('%s: forgeries of a did:key credential', (_title, names, list) => {
  it.each(names)('%s is rejected by POST /credentials/verify, naming the check', async (name) => {
    const forged = forgery(list(), name);
    expectRejectedReport(await verify(app.baseUrl, forged.credential), forged.expect);
  });

  it.each(names)('%s is not called verified by the /verify page', async (name) => {
    const forged = forgery(list(), name);
    expectPageNotVerified(await postVerifyPage(forged.credential), forged.expect);
  });
});

describe('forgeries naming the trusted exam body (did:web) are not imported and award nothing', () => {
  let serial = 0;
  /** A fresh learner (and genuine credentials) per case, so one wrong acceptance spoils no other. */
  async function caseFor(name: string) {
    serial += 1;
    const victim = `victim-${serial}@example.org`;
    const forger = `forger-${serial}@example.org`;
    if (name === 'issuer-swapped') {
      // The credential names the trusted exam body; only the untrusted one's real key signed it.
      const made = await dataIntegrityForgeries({
        genuine: await itPassportFor(otherBody, victim),
        otherGenuine: await itPassportFor(otherBody, 'other@example.org'),
        issuerKey: otherBodyKey,
        documentLoader: elsewhere.services.documentLoader,
        foreign,
        swapIssuerTo: ipa.id,
      });
      return { forged: forgery(made, name), email: victim };
    }
    if ((DATA_INTEGRITY_VARIANTS as readonly string[]).includes(name)) {
      const made = await dataIntegrityForgeries({
        genuine: await itPassportFor(ipa, victim),
        otherGenuine: await itPassportFor(ipa, 'other@example.org'),
        issuerKey: ipaKey,
        documentLoader: elsewhere.services.documentLoader,
        foreign,
        alter: aboutEmail(forger),
      });
      const forged = forgery(made, name);
      return { forged, email: forged.altered ? forger : victim };
    }
    // JWTs are signed here with the exam body's real key, so they can name the forger directly.
    const credential = aboutEmail(forger)(await itPassportFor(ipa, victim));
    const made = await jwtForgeries({
      credential,
      issuerKey: ipaKey,
      otherDid: foreign.did,
      now: new Date(),
      freshIds: true,
    });
    return { forged: forgery(made, name), email: forger };
  }

  it.each([...DATA_INTEGRITY_VARIANTS, ...JWT_VARIANTS])(
    '%s: 422 from POST /learners/imports, dx-passport-1 not held',
    async (name) => {
      const { forged, email } = await caseFor(name);
      const response = await request(
        'POST',
        `${app.baseUrl}/learners/imports`,
        { verifiableCredential: forged.credential, email },
        { key: ADMIN_KEY },
      );
      expect(response.status, JSON.stringify(response.body).slice(0, 800)).toBe(422);
      const tier = (await progressOf(app.baseUrl, email))['dx-passport-1'];
      expect(tier?.met).toBe(false);
      expect(tier?.held).toBeUndefined();
      if (name === 'jwt-alg-none-unsigned' && response.body.checks === undefined) {
        // An unsigned JWS may be refused as input before any verification; nothing else may.
        return;
      }
      expect(response.body.type).toMatch(/\/import-verification-failed$/);
      expectNamedFailure(response.body, forged.expect);
    },
  );

  it.each([...DATA_INTEGRITY_VARIANTS, ...JWT_VARIANTS])(
    '%s (did:web issuer): rejected by POST /credentials/verify, naming the check',
    async (name) => {
      const { forged } = await caseFor(name);
      expectRejectedReport(await verify(app.baseUrl, forged.credential), forged.expect);
    },
  );
});
