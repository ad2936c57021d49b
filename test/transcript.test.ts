/**
 * GET /learners/transcript: a CLR 2.0 ClrCredential of a learner's valid credentials, signed by
 * the platform issuer, verifying here and with @digitalbazaar/vc, with the stacks as isPartOf
 * associations; its page /t/{uuid}; who may ask for whose transcript.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSchemaErrors } from '../src/schemas.js';
import { awardModule, changeStatus } from './helpers/catalogAwards.js';
import { request, verify, type AnyJson } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { issuerKey, transcriptOf } from './helpers/transcripts.js';

let app: TestApp;
const ANA = 'ana.transcript@example.org';
const modules: Record<string, AnyJson> = {};
let tiers: AnyJson[] = [];

beforeAll(async () => {
  app = await startTestApp();
  for (const exam of ['it-passport', 'g-kentei']) {
    const response = await awardModule(app.baseUrl, exam, ANA);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    modules[exam] = response.body.credential;
    tiers = [...tiers, ...(response.body.stacked as AnyJson[]).map((s) => s.credential)];
  }
});
afterAll(async () => app.close());

const achievementId = (key: string): string => `${app.baseUrl}/achievements/${key}`;

/** The bundled loader, with our status lists fetched over HTTP as any verifier would. */
async function documentLoader(url: string) {
  return url.startsWith(`${app.baseUrl}/status/`)
    ? { contextUrl: null, documentUrl: url, document: await (await fetch(url)).json() }
    : app.services.documentLoader(url);
}

describe('the admin asks for a transcript', () => {
  let transcript: AnyJson;
  let pageUrl: string;

  beforeAll(async () => {
    const response = await transcriptOf(app.baseUrl, { email: ANA }, ADMIN_KEY);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    transcript = response.body;
    pageUrl = response.contentLocation;
  });

  it('is a ClrCredential by the platform issuer, within the CLR rules of the VC-API route', async () => {
    expect(transcript['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(transcript.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(transcript.partial).toBe(false);
    const platform = await request('GET', `${app.baseUrl}/issuers/transcripts`);
    expect(platform.status).toBe(200);
    expect(transcript.issuer.id).toBe(platform.body.id);
    expect(findSchemaErrors('clr-credential', transcript)).toEqual([]);
    expect(pageUrl).toMatch(new RegExp(`^${app.baseUrl}/t/[0-9a-f-]{36}$`));
  });

  it('holds the credentials exactly as issued, their achievements, and the learner as they name them', () => {
    const subject = transcript.credentialSubject;
    expect(subject.type).toEqual(['ClrSubject']);
    const held = subject.verifiableCredential as AnyJson[];
    // Two exams, DX Passport 1 (after the first) and 2 (after the second).
    expect(held).toHaveLength(4);
    for (const credential of [...Object.values(modules), ...tiers]) {
      expect(held).toContainEqual(credential);
    }
    expect((subject.achievement as AnyJson[]).map((a) => a.id).sort()).toEqual(
      ['dx-passport-1', 'dx-passport-2', 'g-kentei', 'it-passport'].map(achievementId).sort(),
    );
    expect(subject.identifier).toEqual([
      expect.objectContaining({
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: true,
      }),
    ]);
  });

  it('says DX Passport 2 is built from its two exams (isPartOf)', () => {
    const associations = transcript.credentialSubject.association as AnyJson[];
    for (const exam of ['it-passport', 'g-kentei']) {
      expect(associations).toContainEqual({
        type: 'Association',
        associationType: 'isPartOf',
        sourceId: achievementId(exam),
        targetId: achievementId('dx-passport-2'),
      });
    }
    expect(associations).toContainEqual({
      type: 'Association',
      associationType: 'isPartOf',
      sourceId: achievementId('it-passport'),
      targetId: achievementId('dx-passport-1'),
    });
  });

  it('verifies here and with @digitalbazaar/vc', async () => {
    const report = await verify(app.baseUrl, transcript);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.verified).toBe(true);
    const result = await vc.verifyCredential({
      credential: transcript,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      checkStatus,
    });
    expect(result.verified, JSON.stringify(result.error ?? result.results)).toBe(true);
  });

  it('has a page for people, in each language, with every stack and check; JSON for others', async () => {
    for (const [lang, words] of [
      ['en', 'Learner transcript (CLR 2.0)'],
      ['zh-TW', '學習者歷程紀錄（CLR 2.0）'],
      ['ja', '学習者の記録（CLR 2.0）'],
    ] as const) {
      const response = await fetch(`${pageUrl}?lang=${lang}`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      const page = await response.text();
      expect(page).toContain(`<html lang="${lang}">`);
      expect(page).toContain(words);
      // The transcript's own verdict, then each stack's tier and its exams, all verified: IT
      // Passport is in both stacks (1 + [DX1, IT] + [DX2, IT, G]).
      expect(page.match(/data-verdict="verified"/g)).toHaveLength(6);
      expect(page.match(/data-stack=/g)).toHaveLength(2);
    }
    const json = await request('GET', pageUrl);
    expect(json.status).toBe(200);
    expect(json.body).toEqual(transcript);
  });

  it('is not counted as a learner credential: the next transcript does not carry it', async () => {
    const next = await transcriptOf(app.baseUrl, { email: ANA }, ADMIN_KEY);
    expect(next.body.credentialSubject.verifiableCredential).toHaveLength(4);
    expect(next.body.id).not.toBe(transcript.id);
  });
});

describe('who gets which transcript', () => {
  it("an issuer gets only what it issued, marked partial, and none for others' learners", async () => {
    const ipa = await transcriptOf(
      app.baseUrl,
      { email: ANA },
      await issuerKey(app.baseUrl, 'ipa'),
    );
    expect(ipa.status, JSON.stringify(ipa.body)).toBe(200);
    expect(ipa.body.partial).toBe(true);
    expect(ipa.body.credentialSubject.verifiableCredential).toEqual([modules['it-passport']]);
    expect(ipa.body.credentialSubject.association).toEqual([]);

    const dss = await transcriptOf(
      app.baseUrl,
      { email: ANA },
      await issuerKey(app.baseUrl, 'dss'),
    );
    expect(dss.status).toBe(404);
    expect(dss.contentType).toContain('application/problem+json');
  });

  it('an unknown learner is a 404 problem, and so is no learner at all a 422', async () => {
    const unknown = await transcriptOf(app.baseUrl, { email: 'nobody@example.org' }, ADMIN_KEY);
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
    expect(unknown.body.type).toMatch(/\/not-found$/);
    const none = await request('GET', `${app.baseUrl}/learners/transcript`, undefined, {
      key: ADMIN_KEY,
    });
    expect(none.status).toBe(422);
    const anonymous = await request('GET', `${app.baseUrl}/learners/transcript?email=${ANA}`);
    expect(anonymous.status).toBe(401);
  });

  it('a revoked credential leaves the transcript, and so do the tiers built on it', async () => {
    const bo = 'bo.transcript@example.org';
    const first = await awardModule(app.baseUrl, 'it-passport', bo);
    await awardModule(app.baseUrl, 'ds-kentei', bo);
    expect((await changeStatus(app.baseUrl, first.body.credential.id, 'revoke')).status).toBe(200);
    const response = await transcriptOf(app.baseUrl, { email: bo }, ADMIN_KEY);
    const held = response.body.credentialSubject.verifiableCredential as AnyJson[];
    expect(held.map((c) => c.id)).not.toContain(first.body.credential.id);
    // DS only: the exam and the DX Passport 1 re-issued from it.
    expect(held.map((c) => c.credentialSubject.achievement.id).sort()).toEqual(
      [achievementId('ds-kentei'), achievementId('dx-passport-1')].sort(),
    );
  });

  it('a page id that is not a transcript is a 404', async () => {
    const uuid = String(modules['it-passport']?.id).replace('urn:uuid:', '');
    const response = await fetch(`${app.baseUrl}/t/${uuid}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
  });
});
