// What other issuers and wallets publish must verify here, and a tampered copy must not. The
// fixtures are in test/fixtures/third-party/, made by scripts/make-third-party-fixtures.ts with
// the libraries those issuers use (README.md there says, per file, what it imitates and what made
// it; manifest.json lists them with the https URL each referenced document is served at):
// - dcc-vc11-ed25519-2020*.json: Digital Credentials Consortium style, VC 1.1 + Ed25519Signature2020
//   by a did:key, without status, with a BitstringStatusListEntry, and revoked;
// - vc2-eddsa-rdfc-2022.json: VC 2.0, eddsa-rdfc-2022, the ed25519-2020 context listed as well;
// - vc2-ecdsa-rdfc-2019-p256.json: VC 2.0, ecdsa-rdfc-2019 on P-256, did:key zDn…;
// - ob30-https-issuer.json: 1EdTech's OB 3.0 test vector shape: an https issuer and key URL;
// - vp-*.json: presentations with holder proofs (challenge, domain) around fixtures above.
// Documents they point at over https are served by an injected fetchRemoteJson from the files.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchRefusedError, type RemoteJson } from '../src/net/fetchWithPolicy.js';
import { request, verify, type AnyJson } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

interface FixtureEntry {
  file: string;
  kind: 'credential' | 'presentation' | 'status-list' | 'key' | 'issuer-profile';
  expect?: 'verified' | 'revoked';
  url?: string;
  imitates: string;
  contains?: string[];
}

const FIXTURES = new URL('./fixtures/third-party/', import.meta.url);
const readFixture = (file: string): AnyJson =>
  JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as AnyJson;
const manifest = readFixture('manifest.json') as {
  presentation: { challenge: string; domain: string };
  fixtures: FixtureEntry[];
};
const entries = (kind: FixtureEntry['kind'], expected?: FixtureEntry['expect']) =>
  manifest.fixtures.filter(
    (entry) => entry.kind === kind && (expected === undefined || entry.expect === expected),
  );
const { challenge, domain } = manifest.presentation;

/** https URL -> the fixture document served there. */
const served = new Map(
  manifest.fixtures.flatMap((entry) =>
    entry.url ? [[entry.url, readFixture(entry.file)] as const] : [],
  ),
);
/** URLs the verifier asked for, and which ones the current test hides. */
const fetched: string[] = [];
const unreachable = new Set<string>();

const fetchRemoteJson = async (url: string): Promise<RemoteJson> => {
  fetched.push(url);
  const body = served.get(url);
  // What the service's own https fetch throws when a host cannot be reached.
  if (body === undefined || unreachable.has(url))
    throw new FetchRefusedError(url, 'could not be fetched (not reachable in this test)');
  return { body: structuredClone(body), maxAge: 0 };
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ fetchRemoteJson });
});
afterAll(async () => app?.close());

function checkOf(report: AnyJson, id: string): AnyJson | undefined {
  return ((report.checks ?? []) as AnyJson[]).find((check) => check.id === id);
}

const summary = (report: AnyJson) =>
  JSON.stringify(
    ((report.checks ?? []) as AnyJson[]).map(({ id, outcome, problem, reason }) => ({
      id,
      outcome,
      problem: problem?.type,
      detail: problem?.detail ?? reason,
    })),
  );

/** A copy whose displayed name is changed: what a forger changes first. */
function tampered(document: AnyJson): AnyJson {
  const copy = structuredClone(document);
  copy.name = `${String(copy.name ?? 'Credential')} (tampered)`;
  return copy;
}

describe('third-party credentials verify', () => {
  it('the manifest lists every fixture file the script made', () => {
    expect(entries('credential', 'verified').map((entry) => entry.file)).toEqual([
      'dcc-vc11-ed25519-2020.json',
      'dcc-vc11-ed25519-2020-status.json',
      'vc2-eddsa-rdfc-2022.json',
      'vc2-ecdsa-rdfc-2019-p256.json',
      'ob30-https-issuer.json',
    ]);
    expect(entries('presentation').map((entry) => entry.file)).toEqual([
      'vp-vc11-ed25519-2020.json',
      'vp-vc2-eddsa-rdfc-2022.json',
    ]);
  });

  it.each(entries('credential', 'verified').map((entry) => entry.file))(
    '%s: verified',
    async (file) => {
      const response = await verify(app.baseUrl, readFixture(file));
      expect(response.status, summary(response.body)).toBe(200);
      expect(response.body.verified).toBe(true);
      expect(response.body.verdict).toBe('verified');
      expect(checkOf(response.body, 'proof.signature')?.outcome).toBe('success');
      expect(checkOf(response.body, 'issuer.binding')?.outcome).toBe('success');
    },
  );

  it.each(entries('credential', 'verified').map((entry) => entry.file))(
    '%s with its name changed: proof.signature fails',
    async (file) => {
      const response = await verify(app.baseUrl, tampered(readFixture(file)));
      expect(response.status, summary(response.body)).toBe(422);
      expect(response.body.verified).toBe(false);
      expect(response.body.verdict).toBe('not-verified');
      const check = checkOf(response.body, 'proof.signature');
      expect(check?.outcome, summary(response.body)).toBe('failure');
      expect(check?.problem?.type).toMatch(/\/signature-invalid$/);
    },
  );

  it('the status entry is read from the list it names (not skipped)', async () => {
    const entry = manifest.fixtures.find((candidate) => candidate.kind === 'status-list');
    fetched.length = 0;
    const response = await verify(app.baseUrl, readFixture('dcc-vc11-ed25519-2020-status.json'));
    expect(checkOf(response.body, 'status.revocation')?.outcome, summary(response.body)).toBe(
      'success',
    );
    expect(fetched).toContain(entry?.url);
  });

  it('the revoked one: a valid signature, and status.revocation fails', async () => {
    const response = await verify(app.baseUrl, readFixture('dcc-vc11-ed25519-2020-revoked.json'));
    expect(response.status, summary(response.body)).toBe(422);
    expect(response.body.verified).toBe(false);
    expect(checkOf(response.body, 'proof.signature')?.outcome).toBe('success');
    expect(checkOf(response.body, 'status.revocation')?.outcome).toBe('failure');
    expect(checkOf(response.body, 'status.revocation')?.problem?.type).toMatch(
      /\/credential-revoked$/,
    );
  });

  it('the https issuer is bound through its key document and its profile', async () => {
    fetched.length = 0;
    const response = await verify(app.baseUrl, readFixture('ob30-https-issuer.json'));
    expect(checkOf(response.body, 'issuer.binding')?.outcome, summary(response.body)).toBe(
      'success',
    );
    for (const entry of entries('key').concat(entries('issuer-profile')))
      expect(fetched).toContain(entry.url);
  });

  it('a status list that cannot be fetched leaves the credential unchecked, not verified', async () => {
    const entry = manifest.fixtures.find((candidate) => candidate.kind === 'status-list');
    unreachable.add(String(entry?.url));
    try {
      const response = await verify(app.baseUrl, readFixture('dcc-vc11-ed25519-2020-status.json'));
      expect(response.status, summary(response.body)).toBe(422);
      expect(response.body.verified).toBe(false);
      expect(response.body.verdict, summary(response.body)).toBe('unchecked');
      expect(checkOf(response.body, 'status.revocation')?.outcome).toBe('skipped');
      expect(checkOf(response.body, 'proof.signature')?.outcome).toBe('success');
    } finally {
      unreachable.clear();
    }
  });

  it('an https issuer whose key cannot be fetched is unchecked, not verified', async () => {
    const [key] = entries('key');
    unreachable.add(String(key?.url));
    try {
      const response = await verify(app.baseUrl, readFixture('ob30-https-issuer.json'));
      expect(response.status, summary(response.body)).toBe(422);
      expect(response.body.verified).toBe(false);
      expect(response.body.verdict, summary(response.body)).toBe('unchecked');
    } finally {
      unreachable.clear();
    }
  });
});

describe('third-party presentations verify', () => {
  const verifyPresentation = (verifiablePresentation: unknown, options: unknown) =>
    request('POST', `${app.baseUrl}/presentations/verify`, { verifiablePresentation, options });

  it.each(entries('presentation'))(
    '$file: verified, with one report per credential',
    async (entry) => {
      const response = await verifyPresentation(readFixture(entry.file), { challenge, domain });
      expect(response.status, JSON.stringify(response.body).slice(0, 1500)).toBe(200);
      expect(response.body.verified).toBe(true);
      expect(response.body.verdict).toBe('verified');
      expect(response.body.presentation?.verified).toBe(true);
      expect(response.body.presentation?.checks?.length).toBeGreaterThan(0);
      expect(response.body.credentials).toHaveLength(entry.contains?.length ?? 0);
      for (const report of response.body.credentials as AnyJson[]) {
        expect(report.verified, summary(report)).toBe(true);
        expect(checkOf(report, 'proof.signature')?.outcome).toBe('success');
      }
    },
  );

  it.each(entries('presentation'))('$file with another challenge: 422', async (entry) => {
    const response = await verifyPresentation(readFixture(entry.file), {
      challenge: 'another-challenge',
      domain,
    });
    expect(response.status).toBe(422);
    expect(response.body.verified).toBe(false);
    expect(response.body.presentation?.verified).toBe(false);
  });

  it.each(entries('presentation'))('$file for another domain: 422', async (entry) => {
    const response = await verifyPresentation(readFixture(entry.file), {
      challenge,
      domain: 'elsewhere.example',
    });
    expect(response.status).toBe(422);
    expect(response.body.verified).toBe(false);
  });

  it.each(entries('presentation'))(
    "$file with its credential tampered: 422, that credential's proof fails",
    async (entry) => {
      const presentation = readFixture(entry.file);
      const [first] = presentation.verifiableCredential as AnyJson[];
      presentation.verifiableCredential = [tampered(first as AnyJson)];
      const response = await verifyPresentation(presentation, { challenge, domain });
      expect(response.status).toBe(422);
      expect(response.body.verified).toBe(false);
      // The holder signed the presentation with the credential in it: both proofs break.
      expect(response.body.presentation?.verified).toBe(false);
      const [report] = response.body.credentials as AnyJson[];
      expect(checkOf(report as AnyJson, 'proof.signature')?.outcome).toBe('failure');
    },
  );
});
