import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  award,
  createIssuer,
  failedCheck,
  issueViaApi,
  request,
  unsignedOpenBadge,
  verify,
  type Issuer,
  type AnyJson,
} from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let ngo: Issuer;

beforeAll(async () => {
  app = await startTestApp();
  ngo = await createIssuer(app.baseUrl, 'code-ngo', 'Code for Communities');
});
afterAll(async () => app.close());

type Credential = AnyJson;

const clone = (value: Credential): Credential => structuredClone(value);

async function issueJwt(credential: Credential): Promise<string> {
  const response = await issueViaApi(app.baseUrl, ngo, credential, 'jwt');
  expect(response.status).toBe(201);
  return response.body.verifiableCredential as string;
}

describe('awarding a credential to an e-mail address', () => {
  it('returns a signed OB3 OpenBadgeCredential without the address in it, and its public URL', async () => {
    const response = await award(app.baseUrl, ngo);
    expect(response.status).toBe(201);
    const { credential, url } = response.body;
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      // Defines the type of the credentialSchema entry, as in 1EdTech's own examples.
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    ]);
    expect(credential.type).toContain('OpenBadgeCredential');
    expect(credential.issuer).toMatchObject({
      id: ngo.id,
      type: ['Profile'],
      name: 'Code for Communities',
    });
    expect(credential.credentialSubject.achievement.name).toBe('Spreadsheet basics');
    // One proof, as a set: 1EdTech's OB 3.0 schema wants proof as an array.
    expect(credential.proof).toEqual([
      expect.objectContaining({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }),
    ]);
    expect(JSON.stringify(credential)).not.toContain('ana.perez');
    expect(credential.credentialSubject.identifier[0]).toMatchObject({
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: true,
    });
    expect(credential.credentialSubject.identifier[0].identityHash).toMatch(
      /^sha256\$[0-9a-f]{64}$/,
    );

    const fetched = await request('GET', url);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(credential);
  });

  it('verifies what it issued, check by check', async () => {
    const { body } = await award(app.baseUrl, ngo);
    const report = await verify(app.baseUrl, body.credential);
    expect(report.status).toBe(200);
    expect(report.body.verified).toBe(true);
    expect(report.body.checks.map((c: { id: string }) => c.id)).toEqual([
      'structure',
      'proof.signature',
      'issuer.binding',
      'dates.validFrom',
      'dates.validUntil',
      'status.revocation',
      'status.suspension',
      'stack.constituents',
    ]);
  });

  it('is verified by @digitalbazaar/vc called directly with the bundled loader', async () => {
    const { body } = await award(app.baseUrl, ngo);
    // The status lists come over HTTP, as any other verifier would fetch them.
    const documentLoader = async (url: string) =>
      url.startsWith(`${app.baseUrl}/status/`)
        ? { contextUrl: null, documentUrl: url, document: await (await fetch(url)).json() }
        : app.services.documentLoader(url);
    const result = await vc.verifyCredential({
      credential: body.credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      checkStatus,
    });
    expect(result.verified).toBe(true);
  });
});

describe('tampering with a signed credential', () => {
  const tamperings: Array<[string, (c: Credential) => void, string]> = [
    [
      'the achievement name',
      (c) => (c.credentialSubject.achievement.name = 'Advanced spreadsheets'),
      'proof.signature',
    ],
    [
      'the recipient hash',
      (c) => (c.credentialSubject.identifier[0].identityHash = `sha256$${'0'.repeat(64)}`),
      'proof.signature',
    ],
    [
      'the issuer',
      (c) => (c.issuer.id = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'),
      'proof.signature',
    ],
    ['validFrom', (c) => (c.validFrom = '2020-01-01T00:00:00Z'), 'proof.signature'],
    ['the proof value', (c) => (c.proof[0].proofValue = `z${'1'.repeat(86)}`), 'proof.signature'],
    [
      'the proof method',
      (c) =>
        (c.proof[0].verificationMethod =
          'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'),
      'proof.signature',
    ],
  ];

  it.each(tamperings)(
    'changing %s fails verification with 422 naming %s',
    async (_field, tamper, check) => {
      const { body } = await award(app.baseUrl, ngo);
      const tampered = clone(body.credential);
      tamper(tampered);
      const report = await verify(app.baseUrl, tampered);
      expect(report.status).toBe(422);
      expect(report.contentType).toContain('application/problem+json');
      expect(report.body.verified).toBe(false);
      expect(failedCheck(report.body)).toBe(check);
      expect(report.body.errors.length).toBeGreaterThan(0);
    },
  );

  it('a signature by a key that is not the issuer’s fails issuer binding', async () => {
    const other = await createIssuer(app.baseUrl, 'other-body');
    const { body } = await award(app.baseUrl, other);
    const claimed = clone(body.credential);
    // Re-sign a credential that names ngo as issuer with other's key: the signature is valid, the binding is not.
    claimed.issuer = { ...claimed.issuer, id: ngo.id };
    delete claimed.proof;
    const signer = await app.services.issuers.signingKey(
      await app.services.issuers.get(other.slug),
    );
    const { signDataIntegrity } = await import('../src/signing/signDataIntegrity.js');
    const signed = await signDataIntegrity(claimed, signer, app.services.documentLoader);
    const report = await verify(app.baseUrl, signed);
    expect(report.status).toBe(422);
    expect(report.body.checks.find((c: { id: string }) => c.id === 'proof.signature').outcome).toBe(
      'success',
    );
    expect(failedCheck(report.body)).toBe('issuer.binding');
  });
});

describe('W3C VC-API issue', () => {
  it('signs as Data Integrity by default, adding id and validFrom', async () => {
    const response = await issueViaApi(app.baseUrl, ngo, unsignedOpenBadge(ngo));
    expect(response.status).toBe(201);
    const issued = response.body.verifiableCredential;
    expect(issued.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(Date.parse(issued.validFrom)).toBeGreaterThan(Date.now() - 60_000);
    expect((await verify(app.baseUrl, issued)).body.verified).toBe(true);
  });

  it('signs as a vc+jwt with the same key, and the JWT verifies', async () => {
    const jwt = await issueJwt(unsignedOpenBadge(ngo));
    const header = decodeProtectedHeader(jwt);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
    expect(header.kid).toMatch(new RegExp(`^${ngo.id}#`));
    expect(decodeJwt(jwt).name).toBe('First aid at work');
    const report = await verify(app.baseUrl, jwt);
    expect(report.status).toBe(200);
    expect(report.body.verified).toBe(true);
  });

  it('rejects a JWT whose payload was changed, naming proof.signature', async () => {
    const jwt = await issueJwt(unsignedOpenBadge(ngo));
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const changed = {
      ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
      name: 'Brain surgery',
    };
    const forged = [
      header,
      Buffer.from(JSON.stringify(changed)).toString('base64url'),
      signature,
    ].join('.');
    const report = await verify(app.baseUrl, forged);
    expect(report.status).toBe(422);
    expect(failedCheck(report.body)).toBe('proof.signature');
  });

  it('refuses a credential whose issuer is another issuer with 422', async () => {
    const credential = unsignedOpenBadge(ngo, {
      issuer: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
    });
    const response = await issueViaApi(app.baseUrl, ngo, credential);
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('credential.issuer');
  });

  it('refuses a credential without OB3 required fields, naming the field', async () => {
    const credential = unsignedOpenBadge(ngo);
    delete credential.credentialSubject.achievement.criteria;
    const response = await issueViaApi(app.baseUrl, ngo, credential);
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('credential.credentialSubject.achievement.criteria');
  });

  it('refuses a credential with a term no context defines', async () => {
    const credential = unsignedOpenBadge(ngo, { favouriteColour: 'green' });
    const response = await issueViaApi(app.baseUrl, ngo, credential);
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/favouriteColour/);
  });

  it('refuses an unknown @context instead of fetching it', async () => {
    const credential = unsignedOpenBadge(ngo);
    credential['@context'] = [
      ...credential['@context'],
      'https://contexts.example/never-fetched.json',
    ];
    const response = await issueViaApi(app.baseUrl, ngo, credential);
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('https://contexts.example/never-fetched.json');
  });

  it('refuses validUntil before validFrom', async () => {
    const credential = unsignedOpenBadge(ngo, {
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2025-01-01T00:00:00Z',
    });
    const response = await issueViaApi(app.baseUrl, ngo, credential);
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('credential.validUntil');
  });
});

describe('dates', () => {
  it('an expired credential fails dates.validUntil', async () => {
    const credential = unsignedOpenBadge(ngo, {
      validFrom: '2020-01-01T00:00:00Z',
      validUntil: '2021-01-01T00:00:00Z',
    });
    const response = await issueViaApi(app.baseUrl, ngo, credential);
    const report = await verify(app.baseUrl, response.body.verifiableCredential);
    expect(report.status).toBe(422);
    expect(failedCheck(report.body)).toBe('dates.validUntil');
    expect(report.body.errors[0].type).toMatch(/credential-expired$/);
  });

  it('a credential valid only from next year fails dates.validFrom', async () => {
    const next = `${new Date().getUTCFullYear() + 1}-01-01T00:00:00Z`;
    const response = await issueViaApi(
      app.baseUrl,
      ngo,
      unsignedOpenBadge(ngo, { validFrom: next }),
    );
    const report = await verify(app.baseUrl, response.body.verifiableCredential);
    expect(failedCheck(report.body)).toBe('dates.validFrom');
  });
});
