import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { hashedEmailIdentity } from '../src/credentials/recipientIdentity.js';
import { progressOf } from './helpers/catalogAwards.js';
import {
  createIssuer,
  issueViaApi,
  request,
  unsignedOpenBadge,
  type Issuer,
} from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { catalogDirTrusting, fetchFromElsewhere } from './helpers/elsewhere.js';

const EXTERNAL_ACHIEVEMENT = 'https://exams.example/achievements/it-passport';

let elsewhere: TestApp;
let examBody: Issuer;
let untrustedBody: Issuer;
let app: TestApp;
let catalogDir: string;

/** The other service: exam bodies with did:web identifiers at https://exams.example. */
const ELSEWHERE_URL = 'https://exams.example';

/**
 * Our service reads the other service's DID documents and status lists as it would over https;
 * here https://exams.example is answered by the other service on loopback.
 */
const fetchRemoteJson = fetchFromElsewhere(ELSEWHERE_URL, () => elsewhere.baseUrl);

beforeAll(async () => {
  elsewhere = await startTestApp({
    env: { CATALOG_DIR: '/nonexistent', PUBLIC_URL: ELSEWHERE_URL },
  });
  examBody = await createIssuer(elsewhere.baseUrl, 'exam-body');
  untrustedBody = await createIssuer(elsewhere.baseUrl, 'untrusted-body');
  catalogDir = catalogDirTrusting({
    did: examBody.id,
    name: 'Exam body elsewhere',
    achievementId: EXTERNAL_ACHIEVEMENT,
  });
  app = await startTestApp({ env: { CATALOG_DIR: catalogDir }, fetchRemoteJson });
});
afterAll(async () => {
  await app.close();
  await elsewhere.close();
  rmSync(catalogDir, { recursive: true, force: true });
});

async function externalCredential(
  issuer: Issuer,
  email: string,
  format: 'di' | 'jwt' = 'di',
): Promise<unknown> {
  // The shared badge as the trust list's IT Passport for this e-mail: an import matches the
  // issuer's DID, the achievement id and the recipient's e-mail.
  const credential = unsignedOpenBadge(issuer, {
    name: 'IT Passport',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [hashedEmailIdentity(email)],
      achievement: {
        id: EXTERNAL_ACHIEVEMENT,
        type: ['Achievement'],
        name: 'IT Passport',
        description: 'National IT literacy examination.',
        criteria: { narrative: 'Passed.' },
      },
    },
  });
  const response = await issueViaApi(elsewhere.baseUrl, issuer, credential, format);
  expect(response.status).toBe(201);
  return response.body.verifiableCredential;
}

const importCredential = (body: unknown) =>
  request('POST', `${app.baseUrl}/learners/imports`, body, { key: ADMIN_KEY });

describe('credentials from elsewhere', () => {
  it('the exam body elsewhere is a did:web issuer, resolved over https', () => {
    expect(examBody.id).toBe('did:web:exams.example:issuers:exam-body');
  });

  it('counts a verified credential from a trusted issuer and awards the tier it completes', async () => {
    const email = 'imported1@example.org';
    const response = await importCredential({
      verifiableCredential: await externalCredential(examBody, email),
      email,
    });
    expect(response.status).toBe(201);
    expect(response.body.achievement).toBe('it-passport');
    expect(response.body.stacked.map((s: { achievement: string }) => s.achievement)).toEqual([
      'dx-passport-1',
    ]);
    const tier = response.body.stacked[0].credential;
    expect(tier.evidence[0].id).toBe(response.body.id);
    expect((await progressOf(app.baseUrl, email))['dx-passport-1']?.held).toBe(tier.id);
  });

  it('accepts a vc+jwt credential too', async () => {
    const email = 'imported2@example.org';
    const response = await importCredential({
      verifiableCredential: await externalCredential(examBody, email, 'jwt'),
      email,
    });
    expect(response.status).toBe(201);
  });

  it('rejects an issuer that is not on the trust list and changes nothing', async () => {
    const email = 'imported3@example.org';
    const response = await importCredential({
      verifiableCredential: await externalCredential(untrustedBody, email),
      email,
    });
    expect(response.status).toBe(422);
    expect(response.body.type).toMatch(/issuer-not-trusted$/);
    expect((await progressOf(app.baseUrl, email))['dx-passport-1']?.met).toBe(false);
  });

  it('rejects a credential that fails verification, naming the failed check', async () => {
    const email = 'imported4@example.org';
    const credential = (await externalCredential(examBody, email)) as Record<string, unknown>;
    const tampered = { ...credential, name: 'Something else' };
    const response = await importCredential({ verifiableCredential: tampered, email });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('proof.signature');
    expect((await progressOf(app.baseUrl, email))['dx-passport-1']?.met).toBe(false);
  });

  it('rejects a credential revoked by its issuer', async () => {
    const email = 'imported5@example.org';
    const credential = (await externalCredential(examBody, email)) as { id: string };
    await request(
      'POST',
      `${elsewhere.baseUrl}/credentials/${credential.id.replace('urn:uuid:', '')}/status`,
      { action: 'revoke', reason: 'cheating' },
      { key: examBody.apiKey },
    );
    const response = await importCredential({ verifiableCredential: credential, email });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('status.revocation');
  });

  it('rejects a credential about someone else', async () => {
    const credential = await externalCredential(examBody, 'someone@example.org');
    const response = await importCredential({
      verifiableCredential: credential,
      email: 'imported6@example.org',
    });
    expect(response.status).toBe(422);
    expect(response.body.type).toMatch(/subject-mismatch$/);
  });
});

describe('an import set aside', () => {
  const disregard = (uuid: string, body: unknown, key = ADMIN_KEY) =>
    request('POST', `${app.baseUrl}/learners/imports/${uuid}/disregard`, body, { key });
  const uuidOf = (id: string) => id.replace('urn:uuid:', '');

  it('stands as revoked once disregarded, takes the tier built on it along, and says so once', async () => {
    const email = 'withdrawn-at-source@example.org';
    const imported = await importCredential({
      verifiableCredential: await externalCredential(examBody, email),
      email,
    });
    expect(imported.status).toBe(201);
    const tier = imported.body.stacked[0].credential;
    const uuid = uuidOf(imported.body.id);

    const otherIssuer = await createIssuer(app.baseUrl, 'not-the-importer');
    const refused = await disregard(uuid, { reason: 'not mine' }, otherIssuer.apiKey);
    expect(refused.status).toBe(403);
    expect(refused.contentType).toContain('application/problem+json');

    const done = await disregard(uuid, { reason: 'the exam body withdrew the result' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      id: imported.body.id,
      state: 'revoked',
      lastChange: { action: 'revoke', reason: 'the exam body withdrew the result', actor: 'admin' },
    });
    const tierStatus = await request('GET', `${app.baseUrl}/credentials/${uuidOf(tier.id)}/status`);
    expect(tierStatus.body.state).toBe('revoked');
    expect(tierStatus.body.lastChange.reason).toContain(uuid);
    expect((await progressOf(app.baseUrl, email))['dx-passport-1']?.met).toBe(false);

    const again = await disregard(uuid, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/\/already-disregarded$/);
  });

  it('refuses a credential that was not imported, and a body without a reason', async () => {
    const ours = await createIssuer(app.baseUrl, 'ours-not-imported');
    const issued = await request(
      'POST',
      `${app.baseUrl}/issuers/ours-not-imported/awards`,
      {
        achievement: { name: 'Local badge', description: 'x', criteria: { narrative: 'y' } },
        recipient: { email: 'local@example.org' },
      },
      { key: ours.apiKey },
    );
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const notImported = await disregard(uuidOf(issued.body.credential.id), { reason: 'x' });
    expect(notImported.status).toBe(404);
    const noReason = await disregard(uuidOf(issued.body.credential.id), {});
    expect(noReason.status).toBe(422);
    expect(JSON.stringify(noReason.body)).toContain('reason');
  });
});

// The re-check: a round at start, then one per interval; this app's clock is moved an interval on
// to start the next, and a kick within the same interval does nothing (the round is claimed).
describe('imports re-checked at their source', () => {
  /**
   * How far this app's clock runs ahead of the wall clock (the credentials elsewhere are valid
   * from the wall clock's now); the test moves it a whole re-check interval on.
   */
  let ahead = 0;
  let checking: TestApp;

  beforeAll(async () => {
    checking = await startTestApp({
      env: { CATALOG_DIR: catalogDir, IMPORT_RECHECK_HOURS: '24' },
      fetchRemoteJson,
      clock: () => new Date(Date.now() + ahead),
    });
  });
  afterAll(async () => checking?.close());

  const importHere = async (email: string) => {
    const imported = await request(
      'POST',
      `${checking.baseUrl}/learners/imports`,
      { verifiableCredential: await externalCredential(examBody, email), email },
      { key: ADMIN_KEY },
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    return imported.body as { id: string; stacked: Array<{ credential: { id: string } }> };
  };
  const revokeAtSource = (id: string) =>
    request(
      'POST',
      `${elsewhere.baseUrl}/credentials/${id.replace('urn:uuid:', '')}/status`,
      { action: 'revoke', reason: 'result withdrawn' },
      { key: examBody.apiKey },
    );
  const tierState = async (tierId: string) =>
    (
      await request(
        'GET',
        `${checking.baseUrl}/credentials/${tierId.replace('urn:uuid:', '')}/status`,
      )
    ).body as { state: string; lastChange?: { reason: string } };
  async function until(what: string, check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('sets aside an import its issuer revoked on the next round, its tier following', async () => {
    const email = 'rechecked@example.org';
    const imported = await importHere(email);
    const tier = imported.stacked[0]?.credential.id ?? '';
    expect((await progressOf(checking.baseUrl, email))['dx-passport-1']?.met).toBe(true);
    expect((await revokeAtSource(imported.id)).status).toBe(200);

    // This interval's round already ran at start: nothing changes until the next one.
    checking.services.background.kick('import-recheck');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await tierState(tier)).state).toBe('active');

    ahead += 24 * 3_600_000;
    checking.services.background.kick('import-recheck');
    await until('the tier to follow', async () => (await tierState(tier)).state === 'revoked');
    expect((await tierState(tier)).lastChange?.reason).toContain(
      imported.id.replace('urn:uuid:', ''),
    );
    expect((await progressOf(checking.baseUrl, email))['dx-passport-1']?.met).toBe(false);
    // Set aside by the re-check, it cannot be set aside again.
    const again = await request(
      'POST',
      `${checking.baseUrl}/learners/imports/${imported.id.replace('urn:uuid:', '')}/disregard`,
      { reason: 'twice' },
      { key: ADMIN_KEY },
    );
    expect(again.status).toBe(409);
  });

  it('leaves an import whose issuer did not revoke it counting', async () => {
    const email = 'still-good@example.org';
    const imported = await importHere(email);
    const tier = imported.stacked[0]?.credential.id ?? '';
    ahead += 24 * 3_600_000;
    checking.services.background.kick('import-recheck');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await tierState(tier)).state).toBe('active');
    expect((await progressOf(checking.baseUrl, email))['dx-passport-1']?.held).toBeDefined();
  });
});

describe('IMPORT_RECHECK_HOURS', () => {
  const base = { ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'silent' };
  it('defaults to daily, takes 0 for off, and refuses what is not a whole number up to 720', () => {
    expect(loadConfig(base).importRecheckHours).toBe(24);
    expect(loadConfig({ ...base, IMPORT_RECHECK_HOURS: '0' }).importRecheckHours).toBe(0);
    for (const bad of ['721', 'daily', '1.5', '-1']) {
      expect(() => loadConfig({ ...base, IMPORT_RECHECK_HOURS: bad })).toThrow(
        /IMPORT_RECHECK_HOURS/,
      );
    }
  });
});
