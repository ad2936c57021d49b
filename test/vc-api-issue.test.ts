/**
 * POST /issuers/{slug}/credentials/issue as a general W3C VC-API issuer: any VC 2.0 credential
 * signs (as Data Integrity or vc+jwt) and verifies here and with @digitalbazaar/vc; Open Badges
 * 3.0 and CLR 2.0 credentials also meet their own rules; every refusal is a 422 naming the field
 * and leaves storage as it was.
 */
import { createHash } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createIssuer,
  request,
  unsignedOpenBadge,
  verify,
  type AnyJson,
  type Issuer,
  type JsonResponse,
} from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';
import { storedCounts } from './helpers/storedCounts.js';

let app: TestApp;
let issuer: Issuer;

beforeAll(async () => {
  app = await startTestApp({ background: false });
  issuer = await createIssuer(app.baseUrl, 'vc-issuer', 'Any Credential Issuer');
});
afterAll(async () => app.close());

const V2 = 'https://www.w3.org/ns/credentials/v2';
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const CLR_V2 = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

/** A VC 2.0 credential that is not an Open Badge: the VC 2.0 spec's own example shape. */
function plainCredential(overrides: AnyJson = {}): AnyJson {
  return {
    '@context': [V2, EXAMPLES_V2],
    type: ['VerifiableCredential'],
    issuer: issuer.id,
    credentialSubject: { id: 'did:example:learner-7', alumniOf: 'Example University' },
    ...overrides,
  };
}

function issue(body: unknown): Promise<JsonResponse> {
  return request('POST', `${app.baseUrl}/issuers/${issuer.slug}/credentials/issue`, body, {
    key: issuer.apiKey,
  });
}

/** A 422 problem naming `field`, with nothing written. */
async function expectRefused(body: unknown, field: string): Promise<JsonResponse> {
  const before = await storedCounts(app);
  const response = await issue(body);
  expect(response.status, JSON.stringify(response.body)).toBe(422);
  expect(response.contentType).toContain('application/problem+json');
  const fields = ((response.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
  expect(fields, JSON.stringify(response.body)).toContain(field);
  expect(await storedCounts(app)).toEqual(before);
  return response;
}

/** The bundled loader, with our status lists fetched over HTTP as any verifier would. */
async function documentLoader(url: string) {
  return url.startsWith(`${app.baseUrl}/status/`)
    ? { contextUrl: null, documentUrl: url, document: await (await fetch(url)).json() }
    : app.services.documentLoader(url);
}

const sha384Sri = (bytes: Buffer): string =>
  `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** A multibase ('u', base64url) sha2-256 multihash. */
const sha256Multibase = (bytes: Buffer): string =>
  `u${Buffer.concat([Buffer.from([0x12, 0x20]), createHash('sha256').update(bytes).digest()]).toString('base64url')}`;

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58btc(bytes: Buffer): string {
  let number = BigInt(`0x${bytes.toString('hex')}`);
  let text = '';
  for (; number > 0n; number /= 58n) text = BASE58[Number(number % 58n)] + text;
  return 'z' + '1'.repeat(bytes.findIndex((byte) => byte !== 0)) + text;
}

describe('a plain VC 2.0 credential', () => {
  it('signs as Data Integrity, verifies here and with @digitalbazaar/vc', async () => {
    const response = await issue({ credential: plainCredential() });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(Object.keys(response.body)).toEqual(['verifiableCredential']);
    const signed = response.body.verifiableCredential;
    expect(signed.type).toEqual(['VerifiableCredential']);
    expect(signed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(signed.validFrom).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // One proof, as an object or a one-item proof set.
    expect([signed.proof].flat()).toEqual([
      expect.objectContaining({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }),
    ]);

    const report = await verify(app.baseUrl, signed);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.verified).toBe(true);

    const result = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      checkStatus,
    });
    expect(result.verified, JSON.stringify(result.error ?? result.results)).toBe(true);
  });

  it('signs as a vc+jwt whose signature the issuer’s DID key verifies', async () => {
    const response = await issue({ credential: plainCredential(), options: { format: 'jwt' } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const jwt = response.body.verifiableCredential as string;
    const header = decodeProtectedHeader(jwt);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });

    // The verification method the kid names, as the DID resolves it.
    const { document } = await app.services.documentLoader(String(header.kid));
    const keyPair = await Ed25519Multikey.from(document as AnyJson);
    const publicKey = await importJWK(await Ed25519Multikey.toJwk({ keyPair }), 'EdDSA');
    const { payload } = await compactVerify(jwt, publicKey);
    const claims = JSON.parse(new TextDecoder().decode(payload));
    expect(claims).toMatchObject({
      type: ['VerifiableCredential'],
      issuer: issuer.id,
      credentialSubject: { alumniOf: 'Example University' },
    });

    const report = await verify(app.baseUrl, jwt);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.verified).toBe(true);
  });

  it('takes an issuer object whose id is this issuer', async () => {
    const response = await issue({
      credential: plainCredential({ issuer: { id: issuer.id, name: 'Any Credential Issuer' } }),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });
});

describe('VC-API options', () => {
  it('options.credentialId becomes the id, and a retry with it is a 409 that writes nothing', async () => {
    const credentialId = `urn:uuid:${crypto.randomUUID()}`;
    const first = await issue({ credential: plainCredential(), options: { credentialId } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.verifiableCredential.id).toBe(credentialId);

    const before = await storedCounts(app);
    const retry = await issue({ credential: plainCredential(), options: { credentialId } });
    expect(retry.status).toBe(409);
    expect(retry.body.type).toMatch(/credential-exists$/);
    expect(await storedCounts(app)).toEqual(before);
  });

  it('options.credentialStatus chooses the purposes: one is a single entry, two an array', async () => {
    const revocation = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' };
    const suspension = { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' };
    const one = await issue({
      credential: plainCredential(),
      options: { credentialStatus: [revocation] },
    });
    expect(one.status, JSON.stringify(one.body)).toBe(201);
    expect(one.body.verifiableCredential.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });

    const two = await issue({
      credential: plainCredential(),
      options: { credentialStatus: [revocation, suspension] },
    });
    expect(two.status, JSON.stringify(two.body)).toBe(201);
    const entries = two.body.verifiableCredential.credentialStatus as AnyJson[];
    expect(entries.map((entry) => entry.statusPurpose)).toEqual(['revocation', 'suspension']);
    for (const entry of entries) {
      const list = await request('GET', entry.statusListCredential);
      expect(list.status).toBe(200);
      expect(list.body.credentialSubject.statusPurpose).toBe(entry.statusPurpose);
    }
    expect((await verify(app.baseUrl, two.body.verifiableCredential)).body.verified).toBe(true);
  });

  it.each([
    [{ mandatoryPointers: ['/issuer'] }, 'options.mandatoryPointers'],
    [{ proofPurpose: 'assertionMethod' }, 'options.proofPurpose'],
    [{ format: 'ldp_vc' }, 'options.format'],
    [{ credentialId: 'https://issuer.example/credentials/1' }, 'options.credentialId'],
    [{ credentialId: 'not a uri' }, 'options.credentialId'],
    [
      { credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'suspension' }] },
      'options.credentialStatus',
    ],
    [
      { credentialStatus: [{ type: 'StatusList2021Entry', statusPurpose: 'revocation' }] },
      'options.credentialStatus[0].type',
    ],
    [
      { credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'refresh' }] },
      'options.credentialStatus[0].statusPurpose',
    ],
    [{ credentialStatus: [] }, 'options.credentialStatus'],
  ])('refuses options %j naming %s', async (options, field) => {
    await expectRefused({ credential: plainCredential(), options }, field);
  });

  it('refuses options.credentialId that differs from credential.id', async () => {
    const credential = plainCredential({ id: `urn:uuid:${crypto.randomUUID()}` });
    const credentialId = `urn:uuid:${crypto.randomUUID()}`;
    await expectRefused({ credential, options: { credentialId } }, 'options.credentialId');
  });
});

describe('what VC 2.0 requires, refused by field before anything is signed', () => {
  const DAY = '2025-04-01T09:00:00Z';
  const cases: Array<[string, () => AnyJson, string]> = [
    [
      'a first context that is not VC 2.0',
      () => plainCredential({ '@context': [EXAMPLES_V2, V2] }),
      'credential.@context[0]',
    ],
    [
      'a context the service does not hold',
      () =>
        plainCredential({ '@context': [V2, EXAMPLES_V2, 'https://contexts.example/v1.jsonld'] }),
      'credential.@context[2]',
    ],
    [
      'the VC 1.1 context beside VC 2.0’s',
      () => plainCredential({ '@context': [V2, 'https://www.w3.org/2018/credentials/v1'] }),
      'credential.@context[1]',
    ],
    ['an id of null', () => plainCredential({ id: null }), 'credential.id'],
    ['an id that is not a URL', () => plainCredential({ id: 'credential 42' }), 'credential.id'],
    [
      'an id that is a URL but not a urn:uuid',
      () => plainCredential({ id: 'https://issuer.example/credentials/42' }),
      'credential.id',
    ],
    [
      'a type without VerifiableCredential',
      () => plainCredential({ type: ['ExampleCredential'] }),
      'credential.type',
    ],
    [
      'another issuer',
      () => plainCredential({ issuer: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2' }),
      'credential.issuer',
    ],
    [
      'an issuer object naming another issuer',
      () => plainCredential({ issuer: { id: 'did:example:someone-else' } }),
      'credential.issuer.id',
    ],
    [
      'validFrom that is not a date',
      () => plainCredential({ validFrom: 'yesterday' }),
      'credential.validFrom',
    ],
    [
      'validFrom without a time zone',
      () => plainCredential({ validFrom: '2025-04-01T09:00:00' }),
      'credential.validFrom',
    ],
    [
      'validFrom in lower case',
      () => plainCredential({ validFrom: '2025-04-01t09:00:00z' }),
      'credential.validFrom',
    ],
    [
      'validUntil on 30 February',
      () => plainCredential({ validUntil: '2027-02-30T00:00:00Z' }),
      'credential.validUntil',
    ],
    [
      'validUntil before validFrom',
      () => plainCredential({ validFrom: DAY, validUntil: '2025-03-31T09:00:00Z' }),
      'credential.validUntil',
    ],
    [
      'validUntil before the time of issue, with no validFrom',
      () => plainCredential({ validUntil: '2020-01-01T00:00:00Z' }),
      'credential.validUntil',
    ],
    [
      'a credentialSchema without a type',
      () => plainCredential({ credentialSchema: { id: 'https://schemas.example/alumni.json' } }),
      'credential.credentialSchema.type',
    ],
    [
      'a credentialStatus entry without a type',
      () => plainCredential({ credentialStatus: { id: 'https://status.example/1#4' } }),
      'credential.credentialStatus.type',
    ],
    [
      'a credentialStatus of its own',
      () =>
        plainCredential({
          credentialStatus: { id: 'https://status.example/1#4', type: 'BitstringStatusListEntry' },
        }),
      'credential.credentialStatus',
    ],
    [
      'a refreshService without a type',
      () => plainCredential({ refreshService: { id: 'https://refresh.example/1' } }),
      'credential.refreshService.type',
    ],
    ['termsOfUse: {}', () => plainCredential({ termsOfUse: {} }), 'credential.termsOfUse.type'],
    [
      'an evidence entry without a type',
      () => plainCredential({ evidence: [{ id: 'https://evidence.example/1', name: 'Exam' }] }),
      'credential.evidence[0].type',
    ],
    [
      'a proof of its own',
      () => plainCredential({ proof: { type: 'DataIntegrityProof' } }),
      'credential.proof',
    ],
    [
      'a relatedResource without a digest',
      () => plainCredential({ relatedResource: [{ id: 'https://files.example/transcript.pdf' }] }),
      'credential.relatedResource[0].digestSRI',
    ],
    [
      'a relatedResource with a malformed digestSRI',
      () =>
        plainCredential({
          relatedResource: [{ id: 'https://files.example/a.pdf', digestSRI: 'md5-abc' }],
        }),
      'credential.relatedResource[0].digestSRI',
    ],
    [
      'a relatedResource with a malformed digestMultibase',
      () =>
        plainCredential({
          relatedResource: [{ id: 'https://files.example/a.pdf', digestMultibase: 'uAAAA' }],
        }),
      'credential.relatedResource[0].digestMultibase',
    ],
    [
      'a data: relatedResource whose digestSRI does not match its bytes',
      () =>
        plainCredential({
          relatedResource: [
            { id: 'data:text/plain,hello', digestSRI: sha384Sri(Buffer.from('goodbye')) },
          ],
        }),
      'credential.relatedResource[0].digestSRI',
    ],
    [
      'a data: relatedResource whose digestMultibase does not match its bytes',
      () =>
        plainCredential({
          relatedResource: {
            id: 'data:application/octet-stream;base64,AAEC',
            digestMultibase: sha256Multibase(Buffer.from([0, 1, 3])),
          },
        }),
      'credential.relatedResource.digestMultibase',
    ],
  ];

  it.each(cases)('refuses %s with 422 naming the field', async (_what, credential, field) => {
    await expectRefused({ credential: credential() }, field);
  });

  it('names an unknown context by its URL and position', async () => {
    const url = 'https://contexts.example/never-fetched.jsonld';
    const response = await expectRefused(
      { credential: plainCredential({ '@context': [V2, url] }) },
      'credential.@context[1]',
    );
    expect(response.body.detail).toContain(url);
  });

  it('says what the digest of a data: resource is when the one given does not match', async () => {
    const bytes = Buffer.from('hello');
    const response = await expectRefused(
      {
        credential: plainCredential({
          relatedResource: [
            { id: 'data:text/plain,hello', digestSRI: sha384Sri(Buffer.from('x')) },
          ],
        }),
      },
      'credential.relatedResource[0].digestSRI',
    );
    expect(JSON.stringify(response.body.errors)).toContain(sha384Sri(bytes));
  });

  it('signs related resources whose data: digests match, in every form it reads', async () => {
    const text = Buffer.from('Transcript, spring term: 4 of 4 modules passed.');
    const binary = Buffer.from([0, 0, 0xff, 0x10, 0x80]);
    const response = await issue({
      credential: plainCredential({
        relatedResource: [
          {
            id: `data:text/plain,${encodeURIComponent(text.toString())}`,
            digestSRI: sha384Sri(text),
          },
          {
            id: `data:application/octet-stream;base64,${binary.toString('base64')}`,
            digestMultibase: [
              sha256Multibase(binary),
              base58btc(
                Buffer.concat([
                  Buffer.from([0x12, 0x20]),
                  createHash('sha256').update(binary).digest(),
                ]),
              ),
            ],
            mediaType: 'application/octet-stream',
          },
          {
            // Not fetched: only its digest's form is checked.
            id: 'https://files.example/handbook.pdf',
            digestSRI: sha384Sri(Buffer.from('unknown bytes')),
          },
        ],
      }),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect((await verify(app.baseUrl, response.body.verifiableCredential)).body.verified).toBe(
      true,
    );
  });
});

describe('Open Badges 3.0 and CLR 2.0 rules on top', () => {
  it('an OpenBadgeCredential still meets the OB 3.0 rules', async () => {
    const credential = unsignedOpenBadge(issuer);
    delete credential.credentialSubject.achievement.criteria;
    await expectRefused({ credential }, 'credential.credentialSubject.achievement.criteria');

    const valid = await issue({ credential: unsignedOpenBadge(issuer) });
    expect(valid.status, JSON.stringify(valid.body)).toBe(201);
    expect((await verify(app.baseUrl, valid.body.verifiableCredential)).body.verified).toBe(true);
  });

  it('an AchievementCredential without the OB 3.0 context is refused', async () => {
    await expectRefused(
      {
        credential: unsignedOpenBadge(issuer, {
          '@context': [V2, EXAMPLES_V2],
          type: ['VerifiableCredential', 'AchievementCredential'],
        }),
      },
      'credential.@context',
    );
  });

  function endorsement(subject: AnyJson): AnyJson {
    return {
      '@context': [V2, OB_V3],
      type: ['VerifiableCredential', 'EndorsementCredential'],
      name: 'Endorsement of the first-aid module',
      issuer: { id: issuer.id, type: ['Profile'], name: 'Any Credential Issuer' },
      credentialSubject: subject,
    };
  }

  it('an EndorsementCredential signs and verifies, and must name what it endorses', async () => {
    const subject = {
      id: 'https://code-ngo.example/achievements/first-aid',
      type: ['EndorsementSubject'],
      endorsementComment: 'Taught to the national first-aid standard.',
    };
    const response = await issue({ credential: endorsement(subject) });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect((await verify(app.baseUrl, response.body.verifiableCredential)).body.verified).toBe(
      true,
    );

    const { id: _id, ...withoutId } = subject;
    await expectRefused({ credential: endorsement(withoutId) }, 'credential.credentialSubject.id');
    await expectRefused(
      { credential: endorsement({ ...subject, type: ['AchievementSubject'] }) },
      'credential.credentialSubject.type',
    );
  });

  function clr(held: AnyJson[]): AnyJson {
    return {
      '@context': [V2, CLR_V2, OB_V3],
      type: ['VerifiableCredential', 'ClrCredential'],
      name: 'Learner record, spring term',
      issuer: { id: issuer.id, type: ['Profile'], name: 'Any Credential Issuer' },
      credentialSubject: {
        id: 'did:example:learner-42',
        type: ['ClrSubject'],
        verifiableCredential: held,
      },
    };
  }

  it('a ClrCredential holding an OB 3.0 credential signs and verifies, and must hold one', async () => {
    const badge = await issue({ credential: unsignedOpenBadge(issuer) });
    expect(badge.status).toBe(201);
    const response = await issue({ credential: clr([badge.body.verifiableCredential]) });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect((await verify(app.baseUrl, response.body.verifiableCredential)).body.verified).toBe(
      true,
    );

    await expectRefused(
      { credential: clr([]) },
      'credential.credentialSubject.verifiableCredential',
    );
  });
});
