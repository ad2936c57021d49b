// Every kind of credential the service issues, checked as an outside validator would: with ajv
// against 1EdTech's published OB 3.0 AchievementCredential JSON Schema (../shared/schemas-external),
// and with DCC's verifier-core (signature, expiry, revocation, and its own schema step). The one
// expected difference is an issuer that turned suspension on: its credentials carry two status
// entries, which the schema's single credentialStatus object does not allow.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACHIEVEMENT_CREDENTIAL_SCHEMA } from '../src/credentials/ob3CredentialSchema.js';
import { awardModule, changeStatus, tierOf } from './helpers/catalogAwards.js';
import { createIssuer, request, verify, type AnyJson, type Issuer } from './helpers/http.js';
import {
  ACHIEVEMENT_CREDENTIAL_SCHEMA_TEXT,
  achievementCredentialSchemaErrors,
} from './helpers/achievementCredentialSchema.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';
import { coreOnCredential, offlineNetwork, type CoreAnswer } from './helpers/verifierCore.js';

/** verifier-core fetches the schema a credential names; it gets 1EdTech's from the shared copy. */
const network = offlineNetwork(
  new Map([[ACHIEVEMENT_CREDENTIAL_SCHEMA, ACHIEVEMENT_CREDENTIAL_SCHEMA_TEXT]]),
);

const schemaErrors = achievementCredentialSchemaErrors;

/** The app's clock: real time, except while a test issues in the past. */
let issuedAt: Date | undefined;
const SUSPENSION_KIND = 'suspension-enabled issuer';
const PLAIN_KIND = 'VC-API plain VC 2.0 credential';

let app: TestApp;
let ngo: Issuer;
let suspending: Issuer;
const kinds = new Map<string, AnyJson>();
/** The VC-API OB 3.0 credential issued as vc+jwt: its payload is the credential. */
let jwtPayload: AnyJson = {};
const table: string[] = [];

async function issueViaVcApi(
  issuer: Issuer,
  credential: AnyJson,
  format: 'di' | 'jwt' = 'di',
): Promise<AnyJson> {
  const response = await request(
    'POST',
    `${app.baseUrl}/issuers/${issuer.slug}/credentials/issue`,
    { credential, options: { format } },
    { key: issuer.apiKey },
  );
  if (response.status !== 201) throw new Error(`VC-API issue: ${JSON.stringify(response.body)}`);
  return response.body.verifiableCredential as AnyJson;
}

/** An OB 3.0 credential as an integrator would send it over VC-API. */
const volunteerCoordinator = (issuer: Issuer): AnyJson => ({
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Volunteer coordinator',
  issuer: { id: issuer.id, type: ['Profile'], name: 'Code for Communities' },
  credentialSubject: {
    type: ['AchievementSubject'],
    id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    achievement: {
      id: 'https://ngo.example/achievements/volunteer-coordinator',
      type: ['Achievement'],
      name: 'Volunteer coordinator',
      description: 'Runs a team of volunteers.',
      criteria: { narrative: 'Coordinated ten events.' },
    },
  },
});

beforeAll(async () => {
  app = await startTestApp({ clock: () => issuedAt ?? new Date() });
  ngo = await createIssuer(app.baseUrl, 'ngo', 'Code for Communities');
  suspending = await createIssuer(app.baseUrl, 'careful', 'Careful College', {
    statusPurposes: ['revocation', 'suspension'],
  });
  // The DX Passport: one learner passes all three exams.
  const dx = 'dx-learner@example.org';
  const first = await awardModule(app.baseUrl, 'it-passport', dx);
  const second = await awardModule(app.baseUrl, 'g-kentei', dx);
  const third = await awardModule(app.baseUrl, 'ds-kentei', dx);
  kinds.set('module award by e-mail (it-passport)', first.body.credential);
  kinds.set('DX Passport 1', tierOf(first, 'dx-passport-1'));
  kinds.set('DX Passport 2', tierOf(second, 'dx-passport-2'));
  kinds.set('DX Passport 3 (three constituents)', tierOf(third, 'dx-passport-3'));
  const byDid = await awardModule(app.baseUrl, 'digital-basics', '', {
    recipient: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
  });
  kinds.set('module award by DID (digital-basics)', byDid.body.credential);
  // The NGO ladder: digital basics and one of two modules make AI-ready bronze.
  const ladder = 'ladder@example.org';
  await awardModule(app.baseUrl, 'digital-basics', ladder);
  const bronze = await awardModule(app.baseUrl, 'ai-tools-at-work', ladder);
  kinds.set('NGO ladder tier (ai-ready-bronze)', tierOf(bronze, 'ai-ready-bronze'));
  const inline = await request(
    'POST',
    `${app.baseUrl}/issuers/ngo/awards`,
    {
      achievement: {
        name: 'Community first aid',
        description: 'Gives first aid at community events.',
        criteria: { narrative: 'Passed the practical assessment.' },
      },
      recipient: { email: 'inline@example.org' },
    },
    { key: ngo.apiKey },
  );
  kinds.set('inline achievement award', inline.body.credential);
  kinds.set('VC-API OB 3.0 credential', await issueViaVcApi(ngo, volunteerCoordinator(ngo)));
  const jws = String(await issueViaVcApi(ngo, volunteerCoordinator(ngo), 'jwt'));
  jwtPayload = decodeJwt(jws) as AnyJson;
  kinds.set(
    PLAIN_KIND,
    await issueViaVcApi(ngo, {
      // The v2 context alone (verifier-core's loader has it) and only the terms it defines.
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      name: 'Volunteer of the year',
      issuer: ngo.id,
      credentialSubject: {
        id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
        name: 'Volunteer of the year 2026 at Code for Communities',
      },
    }),
  );
  const careful = await request(
    'POST',
    `${app.baseUrl}/issuers/careful/awards`,
    {
      achievement: {
        name: 'Lab safety',
        description: 'Works safely in a teaching lab.',
        criteria: { narrative: 'Passed the lab safety induction.' },
      },
      recipient: { email: 'careful@example.org' },
    },
    { key: suspending.apiKey },
  );
  kinds.set('suspension-enabled issuer', careful.body.credential);
});
afterAll(async () => {
  console.log(`OB 3.0 schema and verifier-core, kind by kind:\n${table.join('\n')}`);
  await app?.close();
});

describe("1EdTech's OB 3.0 AchievementCredential schema", () => {
  it('accepts every OB 3.0 kind the service issues', () => {
    for (const [kind, credential] of kinds) {
      if (kind === SUSPENSION_KIND || kind === PLAIN_KIND) continue;
      expect(schemaErrors(credential), kind).toEqual([]);
      expect(credential.credentialSchema, kind).toContainEqual({
        id: ACHIEVEMENT_CREDENTIAL_SCHEMA,
        type: '1EdTechJsonSchemaValidator2019',
      });
      expect(Array.isArray(credential.proof), `${kind}: proof is a set`).toBe(true);
    }
  });

  it('accepts the payload of a vc+jwt OB 3.0 credential (verifier-core reads JSON-LD proofs only)', () => {
    expect(jwtPayload.type).toContain('OpenBadgeCredential');
    expect(schemaErrors(jwtPayload)).toEqual([]);
  });

  it('rejects only the second status entry of an issuer that turned suspension on', () => {
    const credential = kinds.get(SUSPENSION_KIND) ?? {};
    const errors = schemaErrors(credential);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.startsWith('/credentialStatus '))).toBe(true);
    const { credentialStatus, ...rest } = credential;
    expect(Array.isArray(credentialStatus) && credentialStatus.length).toBe(2);
    // The same credential with its revocation entry alone passes.
    const revocationOnly = { ...rest, credentialStatus: (credentialStatus as AnyJson[])[0] };
    expect(schemaErrors(revocationOnly)).toEqual([]);
  });
});

describe('DCC verifier-core on what we issue', () => {
  const answers = new Map<string, CoreAnswer>();
  const answerFor = async (kind: string): Promise<CoreAnswer> => {
    const known = answers.get(kind);
    if (known) return known;
    const answer = await coreOnCredential(network, kinds.get(kind));
    answers.set(kind, answer);
    const schema = answer.schemaCheck?.results as AnyJson[] | string | undefined;
    const schemaSays = Array.isArray(schema)
      ? schema.map((r) => `valid=${String(r.result?.valid)}`).join(', ')
      : String(schema);
    table.push(
      `${kind}\n    schema (ajv): ${schemaErrors(kinds.get(kind) ?? {}).length === 0 ? 'valid' : schemaErrors(kinds.get(kind) ?? {}).join('; ')}\n    verifier-core: ${answer.verdict} (${answer.says}); schema_check ${schemaSays}`,
    );
    return answer;
  };

  it('verifies every kind: signature, expiry and status', async () => {
    for (const kind of kinds.keys()) {
      const answer = await answerFor(kind);
      expect(answer.verdict, `${kind}: ${answer.says}`).toBe('verified');
      expect(answer.steps, kind).toMatchObject({
        valid_signature: true,
        expiration: true,
        revocation_status: true,
      });
      expect((await verify(app.baseUrl, kinds.get(kind))).body.verdict, kind).toBe('verified');
    }
  });

  it('passes its schema step on every OB kind but the suspension-enabled one', async () => {
    expect((await answerFor(PLAIN_KIND)).schemaCheck?.results).toBe('NO_SCHEMA');
    for (const kind of kinds.keys()) {
      if (kind === PLAIN_KIND) continue;
      const results = (await answerFor(kind)).schemaCheck?.results as AnyJson[];
      expect(Array.isArray(results), `${kind}: ${JSON.stringify(results)}`).toBe(true);
      const valid = results.every((r) => r.result?.valid === true);
      expect(valid, `${kind}: ${JSON.stringify(results)}`).toBe(kind !== SUSPENSION_KIND);
    }
  });

  it('reports a revoked credential as revoked', async () => {
    const credential = kinds.get('module award by e-mail (it-passport)') ?? {};
    await changeStatus(app.baseUrl, String(credential.id), 'revoke', 'exam result withdrawn');
    const answer = await coreOnCredential(network, credential);
    table.push(`revoked module award\n    verifier-core: ${answer.verdict} (${answer.says})`);
    expect(answer.verdict).toBe('not-verified');
    expect(answer.steps.revocation_status).toBe(false);
    expect(answer.steps.valid_signature).toBe(true);
  });

  it('reports an expired credential as expired', async () => {
    // Issued a year ago for a month, by the app's clock; verifier-core reads today's.
    issuedAt = new Date(Date.now() - 365 * 86_400_000);
    const response = await request(
      'POST',
      `${app.baseUrl}/issuers/ngo/awards`,
      {
        achievement: {
          name: 'Short course',
          description: 'A course whose credential ran out.',
          criteria: { narrative: 'Attended.' },
        },
        recipient: { email: 'expired@example.org' },
        validUntil: new Date(issuedAt.getTime() + 30 * 86_400_000).toISOString(),
      },
      { key: ngo.apiKey },
    );
    issuedAt = undefined;
    expect(response.status).toBe(201);
    const answer = await coreOnCredential(network, response.body.credential);
    table.push(`expired inline award\n    verifier-core: ${answer.verdict} (${answer.says})`);
    expect(answer.steps.expiration).toBe(false);
    expect(answer.steps.valid_signature).toBe(true);
  });

  it('needed nothing from the network but the schema the credentials name', () => {
    expect([...network.refused]).toEqual([]);
    expect([...network.answered]).toEqual([ACHIEVEMENT_CREDENTIAL_SCHEMA]);
  });
});
