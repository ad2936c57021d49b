// Endorsements end to end through the real app: a college endorses the NGO's ladder and the NGO.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ACHIEVEMENT_CREDENTIAL_SCHEMA } from '../src/credentials/ob3CredentialSchema.js';
import { achievementCredentialSchemaErrors } from './helpers/achievementCredentialSchema.js';
import { awardModule } from './helpers/catalogAwards.js';
import { createIssuer, request, verify, type AnyJson, type Issuer } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { storedCounts } from './helpers/storedCounts.js';
import { coreOnCredential, offlineNetwork } from './helpers/verifierCore.js';

const SCHEMA_TEXT = readFileSync(
  new URL(
    '../../shared/schemas-external/ob_v3p0_achievementcredential_schema.json',
    import.meta.url,
  ),
  'utf8',
);

const uuidOf = (id: string): string => id.replace(/^urn:uuid:/, '');

describe('endorsements', () => {
  let app: TestApp;
  let college: Issuer;
  let ngoKey: string;

  const endorse = (body: unknown, key: string | undefined) =>
    request('POST', `${app.baseUrl}/endorsements`, body, key ? { key } : {});

  const page = async (url: string, lang = 'en'): Promise<string> => {
    const response = await fetch(`${url}?lang=${lang}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    app = await startTestApp({ background: false });
    college = await createIssuer(app.baseUrl, 'city-college', 'City Community College');
    const key = await request('POST', `${app.baseUrl}/issuers/bridge-ngo/api-keys`, undefined, {
      key: ADMIN_KEY,
    });
    ngoKey = key.body.apiKey;
  });
  afterAll(() => app.close());

  it('signs an EndorsementCredential about an achievement that verifies and is served like any credential', async () => {
    const response = await endorse(
      {
        subject: { achievement: 'digital-basics' },
        comment: 'The curriculum meets the college’s digital literacy standard.',
      },
      college.apiKey,
    );
    expect(response.status).toBe(201);
    const { credential } = response.body;
    expect(credential.type).toEqual(['VerifiableCredential', 'EndorsementCredential']);
    expect(credential.credentialSubject).toEqual({
      id: `${app.baseUrl}/achievements/digital-basics`,
      type: ['EndorsementSubject'],
      endorsementComment: 'The curriculum meets the college’s digital literacy standard.',
    });
    expect(credential.issuer).toMatchObject({ id: college.id, name: 'City Community College' });
    expect(credential.credentialSchema[0].id).toMatch(
      /ob_v3p0_endorsementcredential_schema\.json$/,
    );
    expect(credential.credentialStatus.statusPurpose).toBe('revocation');
    expect((await verify(app.baseUrl, credential)).body.verified).toBe(true);
    const served = await request('GET', `${app.baseUrl}/credentials/${uuidOf(credential.id)}`);
    expect(served.body).toEqual(credential);
    const listed = await request('GET', `${app.baseUrl}/endorsements?achievement=digital-basics`);
    expect(listed.body.endorsements).toEqual([
      expect.objectContaining({
        id: credential.id,
        endorser: 'city-college',
        subject: { achievement: 'digital-basics' },
        state: 'active',
        credential,
      }),
    ]);
  });

  it('is embedded in credentials issued afterwards, which still verify, pass 1EdTech’s schema and show it on their page', async () => {
    const issuerEndorsement = await endorse(
      {
        subject: { issuer: 'bridge-ngo' },
        comment: 'A trusted training partner of the college.',
      },
      college.apiKey,
    );
    expect(issuerEndorsement.status).toBe(201);
    const awarded = await awardModule(app.baseUrl, 'digital-basics', 'mei@example.org');
    expect(awarded.status).toBe(201);
    const credential = awarded.body.credential as AnyJson;
    const [ofAchievement] = credential.credentialSubject.achievement.endorsement as AnyJson[];
    expect(ofAchievement?.credentialSubject.id).toBe(credential.credentialSubject.achievement.id);
    expect(credential.issuer.endorsement).toEqual([issuerEndorsement.body.credential]);
    expect((await verify(app.baseUrl, credential)).body.verified).toBe(true);
    expect(achievementCredentialSchemaErrors(credential)).toEqual([]);
    const core = await coreOnCredential(
      offlineNetwork(new Map([[ACHIEVEMENT_CREDENTIAL_SCHEMA, SCHEMA_TEXT]])),
      credential,
    );
    expect(core.steps.valid_signature).toBe(true);

    const html = await page(awarded.body.url);
    expect(html).toContain('Endorsed by City Community College');
    expect(html.match(/class="endorsement" data-verdict="verified"/g)).toHaveLength(2);
    expect(await page(awarded.body.url, 'zh-TW')).toContain('由 City Community College 背書');
    expect(await page(awarded.body.url, 'ja')).toContain('City Community College による推薦');
  });

  it('after its revocation the page says so, and later credentials no longer carry it', async () => {
    const endorsement = await endorse(
      {
        subject: { achievement: 'data-literacy' },
        comment: 'Equivalent to the college’s data module.',
      },
      college.apiKey,
    );
    const before = await awardModule(app.baseUrl, 'data-literacy', 'mei@example.org');
    expect(before.body.credential.credentialSubject.achievement.endorsement).toHaveLength(1);
    const revoked = await request(
      'POST',
      `${app.baseUrl}/credentials/${uuidOf(endorsement.body.credential.id)}/status`,
      { action: 'revoke', reason: 'curriculum changed' },
      { key: college.apiKey },
    );
    expect(revoked.status).toBe(200);
    const html = await page(before.body.url);
    expect(html).toMatch(/class="endorsement" data-verdict="revoked"/);
    // The credential itself is still valid: only the endorsement it carries was withdrawn.
    expect((await verify(app.baseUrl, before.body.credential)).body.verified).toBe(true);
    const after = await awardModule(app.baseUrl, 'data-literacy', 'mei@example.org');
    expect(after.body.credential.credentialSubject.achievement.endorsement).toBeUndefined();
    const listed = await request('GET', `${app.baseUrl}/endorsements?achievement=data-literacy`);
    expect(listed.body.endorsements.map((e: AnyJson) => e.state)).toEqual(['revoked']);
  });

  it('refuses what does not exist, self-endorsement and the admin key, storing nothing', async () => {
    const stored = await storedCounts(app);
    const refusals: Array<[unknown, string | undefined, number, string]> = [
      [
        { subject: { achievement: 'no-such-module' }, comment: 'x' },
        college.apiKey,
        422,
        'unknown-achievement',
      ],
      [
        { subject: { issuer: 'no-such-issuer' }, comment: 'x' },
        college.apiKey,
        422,
        'unknown-issuer',
      ],
      [
        { subject: { achievement: 'digital-basics' }, comment: 'ours' },
        ngoKey,
        422,
        'self-endorsement',
      ],
      [
        { subject: { issuer: 'city-college' }, comment: 'us' },
        college.apiKey,
        422,
        'self-endorsement',
      ],
      [{ subject: { issuer: 'bridge-ngo' }, comment: 'x' }, ADMIN_KEY, 403, 'forbidden'],
      [{ subject: { issuer: 'bridge-ngo' }, comment: 'x' }, undefined, 401, 'unauthenticated'],
      [{ subject: { issuer: 'bridge-ngo' } }, college.apiKey, 422, 'validation-failed'],
    ];
    for (const [body, key, status, slug] of refusals) {
      const response = await endorse(body, key);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.contentType).toMatch(/application\/problem\+json/);
      expect(response.body.type).toMatch(new RegExp(`/problems/${slug}$`));
    }
    const unknown = await endorse(refusals[0]?.[0], college.apiKey);
    expect(unknown.body.detail).toContain('no-such-module');
    expect(await storedCounts(app)).toEqual(stored);
  });
});
