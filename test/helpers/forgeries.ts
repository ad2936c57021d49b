// Forged variants of genuine credentials, made with real signatures: the issuer's real key (from
// the app's services), a foreign Ed25519 did:key from a fixed seed, and proofs copied from other
// genuine credentials. Nothing here is hand-typed: every proofValue and JWS is computed.
//
// Each forgery says which check a correct verifier fails and with which problem, so a test can
// iterate over them. The contract they encode (the verifier the project is moving to):
// - every proof in a proof set must verify (`proof.signature`, `/signature-invalid`, the detail
//   naming which proof: "proof 2 of 2");
// - at least one verifying proof must be the issuer's (`issuer.binding`, `/issuer-mismatch`);
// - a proof chain (`previousProof`) is not supported (`proof.signature`, `/proof-chain-unsupported`);
// - JWT: exp, nbf, iat (60 s skew), alg, typ, vc/vp claims, iss, canonical base64url.
import { createHash, createHmac } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey';
import jsigs from 'jsonld-signatures';
import { CompactSign, importJWK } from 'jose';
import type { DocumentLoader } from '../../src/jsonld/documentLoader.js';
import type { JsonObject } from '../../src/core/json.js';
import { privateJwkOf } from '../../src/keys/issuerKey.js';

export type { Ed25519KeyPair };

/** What a correct verifier reports for a forgery: the check that fails and its problem slug. */
export interface Expectation {
  check: 'proof.signature' | 'issuer.binding';
  /** The problem type ends with `/<problem>`; undefined when any failure of the check will do. */
  problem?: string;
  /** Matched against the problem's detail, e.g. /proof 2 of 2/. */
  detail?: RegExp;
}

export interface Forgery {
  name: string;
  /** One sentence: what was done, with which keys. */
  description: string;
  /** A credential with an embedded proof, or a compact JWS. */
  credential: JsonObject | string;
  expect: Expectation;
  /** True when the content was changed by `alter` (so it is about whoever `alter` names). */
  altered: boolean;
}

// ---------------------------------------------------------------------------------------------
// The foreign key: an unrelated Ed25519 did:key, the same on every run

export interface ForeignKey {
  did: string;
  verificationMethod: string;
  keyPair: Ed25519KeyPair;
}

/** 32 bytes from a label, so the "attacker" key is reproducible. */
function seedOf(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`forgeries/${label}`).digest());
}

export async function foreignKey(label = 'foreign-issuer'): Promise<ForeignKey> {
  const generated = await Ed25519Multikey.generate({ seed: seedOf(label) });
  const { publicKeyMultibase, secretKeyMultibase } = await generated.export({
    publicKey: true,
    secretKey: true,
  });
  const did = `did:key:${publicKeyMultibase}`;
  const verificationMethod = `${did}#${publicKeyMultibase}`;
  const keyPair = await Ed25519Multikey.from({
    type: 'Multikey',
    id: verificationMethod,
    controller: did,
    publicKeyMultibase,
    secretKeyMultibase,
  });
  return { did, verificationMethod, keyPair };
}

// ---------------------------------------------------------------------------------------------
// Data Integrity building blocks

type Signer = ReturnType<Ed25519KeyPair['signer']>;

const withoutProof = (credential: JsonObject): JsonObject => {
  const { proof: _proof, ...rest } = structuredClone(credential);
  return rest;
};

function proofsOf(credential: JsonObject): JsonObject[] {
  return ([] as unknown[]).concat(credential.proof ?? []) as JsonObject[];
}

function onlyProof(credential: JsonObject): JsonObject {
  const proofs = proofsOf(credential);
  if (proofs.length !== 1) throw new Error(`expected one proof, found ${proofs.length}`);
  return proofs[0] as JsonObject;
}

/** A DataIntegrityProof (eddsa-rdfc-2022) over `unsigned`, made by `signer`, dated `created`. */
async function signedWith(
  unsigned: JsonObject,
  signer: Signer,
  documentLoader: DocumentLoader,
  created: string,
  proofOptions: JsonObject = {},
): Promise<JsonObject> {
  const suite = new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, date: created });
  // DataIntegrityProof copies `suite.proof` into the proof it makes: how an id is given.
  if (Object.keys(proofOptions).length > 0) (suite as { proof?: JsonObject }).proof = proofOptions;
  return vc.issue({ credential: structuredClone(unsigned), suite, documentLoader });
}

/** Signs with `keyPair` but names `verificationMethod` in the proof: a forged attribution. */
function impersonatingSigner(keyPair: Ed25519KeyPair, verificationMethod: string): Signer {
  const real = keyPair.signer();
  return {
    id: verificationMethod,
    algorithm: real.algorithm,
    sign: (args) => real.sign(args),
  };
}

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58btc(bytes: Uint8Array): string {
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (value > 0n) {
    out = BASE58_ALPHABET[Number(value % 58n)] + out;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/**
 * The genuine proof with its signature replaced by 64 well-formed but meaningless bytes: it
 * still names the issuer's verification method, so only checking it can tell.
 */
function junkProof(like: JsonObject, label: string): JsonObject {
  const bytes = new Uint8Array(createHash('sha512').update(`forgeries/junk/${label}`).digest());
  return { ...like, proofValue: `z${base58btc(bytes)}` };
}

/** The default forger's change: a different achievement name (what a forger would claim). */
export function renameAchievement(credential: JsonObject): JsonObject {
  const copy = structuredClone(credential);
  copy.name = 'Advanced spreadsheets (forged)';
  const subject = copy.credentialSubject as JsonObject;
  const achievement = subject.achievement as JsonObject;
  achievement.name = 'Advanced spreadsheets (forged)';
  return copy;
}

/** The Data Integrity variants, in the order dataIntegrityForgeries makes them. */
export const DATA_INTEGRITY_VARIANTS = [
  'junk-then-foreign',
  'foreign-then-junk',
  'copied-then-foreign',
  'foreign-then-copied',
  'genuine-then-forged',
  'forged-then-genuine',
  'genuine-then-junk',
  'junk-then-genuine',
  'proof-chain',
  'issuer-swapped',
  'foreign-signature-only',
] as const;

/** The JWT variants, in the order jwtForgeries makes them. */
export const JWT_VARIANTS = [
  'jwt-expired',
  'jwt-not-yet-valid',
  'jwt-issued-in-future',
  'jwt-alg-none',
  'jwt-alg-none-unsigned',
  'jwt-alg-hs256',
  'jwt-typ-at+jwt',
  'jwt-vc-claim',
  'jwt-vc-claim-only',
  'jwt-vp-claim',
  'jwt-iss-mismatch',
  'jwt-noncanonical-signature',
] as const;

export interface DataIntegrityForgeryInput {
  /** A credential the issuer signed (one DataIntegrityProof), e.g. just issued via an award. */
  genuine: JsonObject;
  /** Another genuine credential of the same issuer, whose proof gets copied. */
  otherGenuine: JsonObject;
  /** The issuer's real signing key (services.issuers.signingKey). */
  issuerKey: Ed25519KeyPair;
  /** The app's own loader (services.documentLoader): contexts offline, did:key resolved. */
  documentLoader: DocumentLoader;
  foreign: ForeignKey;
  /** What a forger changes where only a foreign signature covers the content. */
  alter?: (credential: JsonObject) => JsonObject;
  /**
   * The issuer-swap variant: the credential names this issuer while only `issuerKey` signs
   * (default: the foreign did:key). Give `swapIssuerTo` a trusted issuer and `issuerKey` someone
   * else's real key to make the same forgery against a trust list.
   */
  swapIssuerTo?: string;
}

/**
 * Proof-set and binding forgeries of one genuine credential:
 * (a) junk proof + a valid foreign proof over the altered document, both orders;
 * (b) a proof copied from another genuine credential + a valid foreign proof, both orders;
 * (c) the genuine proof + a forged proof (foreign key, naming the issuer's key), both orders;
 * (d) the genuine proof + a junk proof, both orders;
 * (e) a proof chain: the genuine proof (re-signed with an id) + a second issuer proof whose
 *     `previousProof` names it, made as the Data Integrity spec chains proofs;
 * (f) the issuer changed (to the foreign did:key by default), signed only by the original key;
 * (f') only a valid foreign proof, the issuer left as it is.
 */
export async function dataIntegrityForgeries(input: DataIntegrityForgeryInput): Promise<Forgery[]> {
  const { genuine, otherGenuine, issuerKey, documentLoader, foreign } = input;
  const alter = input.alter ?? renameAchievement;
  const genuineProof = onlyProof(genuine);
  const copiedProof = onlyProof(otherGenuine);
  const created = String(genuineProof.created);
  const unsigned = withoutProof(genuine);
  const issuerVm = String(genuineProof.verificationMethod);
  if (issuerVm !== issuerKey.id)
    throw new Error(`the genuine proof names ${issuerVm}, not the given key ${issuerKey.id}`);
  if (String(copiedProof.verificationMethod) !== issuerVm)
    throw new Error('the other genuine credential must be signed by the same issuer key');

  const altered = alter(unsigned);
  const foreignOverAltered = onlyProof(
    await signedWith(altered, foreign.keyPair.signer(), documentLoader, created),
  );
  const forgedOverGenuine = onlyProof(
    await signedWith(
      unsigned,
      impersonatingSigner(foreign.keyPair, issuerVm),
      documentLoader,
      created,
    ),
  );
  const junk = junkProof(genuineProof, String(genuine.id));
  const withProofs = (document: JsonObject, proofs: JsonObject[]): JsonObject => ({
    ...structuredClone(document),
    proof: structuredClone(proofs),
  });
  const badProof = (index: number, of: number): Expectation => ({
    check: 'proof.signature',
    problem: 'signature-invalid',
    detail: new RegExp(`proof ${index} of ${of}`),
  });

  const forgeries: Forgery[] = [
    {
      name: 'junk-then-foreign',
      description:
        "(a) content altered; proof 1 is junk naming the issuer's key, proof 2 a valid proof by an unrelated did:key",
      credential: withProofs(altered, [junk, foreignOverAltered]),
      expect: badProof(1, 2),
      altered: true,
    },
    {
      name: 'foreign-then-junk',
      description:
        "(a) content altered; proof 1 a valid proof by an unrelated did:key, proof 2 junk naming the issuer's key",
      credential: withProofs(altered, [foreignOverAltered, junk]),
      expect: badProof(2, 2),
      altered: true,
    },
    {
      name: 'copied-then-foreign',
      description:
        "(b) content altered; proof 1 copied from another of the issuer's credentials, proof 2 a valid proof by an unrelated did:key",
      credential: withProofs(altered, [copiedProof, foreignOverAltered]),
      expect: badProof(1, 2),
      altered: true,
    },
    {
      name: 'foreign-then-copied',
      description:
        "(b) content altered; proof 1 a valid proof by an unrelated did:key, proof 2 copied from another of the issuer's credentials",
      credential: withProofs(altered, [foreignOverAltered, copiedProof]),
      expect: badProof(2, 2),
      altered: true,
    },
    {
      name: 'genuine-then-forged',
      description:
        "(c) the genuine proof, then a proof made by an unrelated key that names the issuer's key",
      credential: withProofs(unsigned, [genuineProof, forgedOverGenuine]),
      expect: badProof(2, 2),
      altered: false,
    },
    {
      name: 'forged-then-genuine',
      description:
        "(c) a proof made by an unrelated key that names the issuer's key, then the genuine proof",
      credential: withProofs(unsigned, [forgedOverGenuine, genuineProof]),
      expect: badProof(1, 2),
      altered: false,
    },
    {
      name: 'genuine-then-junk',
      description: "(d) the genuine proof, then a junk proof naming the issuer's key",
      credential: withProofs(unsigned, [genuineProof, junk]),
      expect: badProof(2, 2),
      altered: false,
    },
    {
      name: 'junk-then-genuine',
      description: "(d) a junk proof naming the issuer's key, then the genuine proof",
      credential: withProofs(unsigned, [junk, genuineProof]),
      expect: badProof(1, 2),
      altered: false,
    },
    {
      name: 'proof-chain',
      description:
        "(e) two proofs by the issuer's key: the first with an id, the second naming it in previousProof and signed over the document with the first proof in it",
      credential: await proofChain(
        unsigned,
        issuerKey,
        documentLoader,
        created,
        String(genuine.id),
      ),
      expect: { check: 'proof.signature', problem: 'proof-chain-unsupported' },
      altered: false,
    },
    {
      name: 'issuer-swapped',
      description:
        '(f) the issuer field changed to another DID; the only proof is a valid one by the original key',
      credential: await signedWith(
        swapIssuer(unsigned, input.swapIssuerTo ?? foreign.did),
        issuerKey.signer(),
        documentLoader,
        created,
      ),
      expect: { check: 'issuer.binding', problem: 'issuer-mismatch' },
      altered: false,
    },
    {
      name: 'foreign-signature-only',
      description:
        "(f') the issuer left as it is, the content altered, the only proof a valid one by an unrelated did:key",
      credential: withProofs(altered, [foreignOverAltered]),
      expect: { check: 'issuer.binding', problem: 'issuer-mismatch' },
      altered: true,
    },
  ];
  return forgeries;
}

/**
 * The control beside the proof-set forgeries: the genuine proof plus a valid co-signature by the
 * foreign did:key over the same, unaltered document. Every proof verifies and one is the
 * issuer's, so a correct verifier accepts it (one that refuses every proof set fails here).
 */
export async function coSignedCredential(
  input: Pick<DataIntegrityForgeryInput, 'genuine' | 'documentLoader' | 'foreign'>,
): Promise<JsonObject> {
  const genuineProof = onlyProof(input.genuine);
  const unsigned = withoutProof(input.genuine);
  const coSignature = onlyProof(
    await signedWith(
      unsigned,
      input.foreign.keyPair.signer(),
      input.documentLoader,
      String(genuineProof.created),
    ),
  );
  return { ...unsigned, proof: [genuineProof, coSignature] };
}

function swapIssuer(credential: JsonObject, issuerId: string): JsonObject {
  const copy = structuredClone(credential);
  copy.issuer =
    typeof copy.issuer === 'object' && copy.issuer !== null
      ? { ...(copy.issuer as JsonObject), id: issuerId }
      : issuerId;
  return copy;
}

/**
 * A proof chain made as VC Data Integrity 1.0 "Add Proof" does for `previousProof`: the second
 * proof's hash covers the document with the proof it names embedded. data-integrity@2 has no
 * chain support of its own, so the chained document is handed to the suite directly.
 */
async function proofChain(
  unsigned: JsonObject,
  issuerKey: Ed25519KeyPair,
  documentLoader: DocumentLoader,
  created: string,
  label: string,
): Promise<JsonObject> {
  const firstId = `urn:uuid:${uuidFrom(`${label}/first`)}`;
  const first = onlyProof(
    await signedWith(unsigned, issuerKey.signer(), documentLoader, created, { id: firstId }),
  );
  const suite = new DataIntegrityProof({
    signer: issuerKey.signer(),
    cryptosuite: eddsaRdfc2022,
    date: created,
  }) as unknown as {
    proof?: JsonObject;
    createProof(options: {
      document: JsonObject;
      purpose: unknown;
      proofSet: JsonObject[];
      documentLoader: DocumentLoader;
    }): Promise<JsonObject>;
  };
  suite.proof = { id: `urn:uuid:${uuidFrom(`${label}/second`)}`, previousProof: firstId };
  const second = await suite.createProof({
    document: { ...structuredClone(unsigned), proof: [first] },
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    proofSet: [first],
    documentLoader,
  });
  return { ...structuredClone(unsigned), proof: [first, second] };
}

function uuidFrom(label: string): string {
  const hex = createHash('sha256').update(label).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------------------------
// JWT (VC-JOSE, vc+jwt) variants, signed with the issuer's real key

const encoder = new TextEncoder();
const b64url = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The credential as a JWT payload: the VC-JOSE way (the credential itself, no `vc` claim). */
export function jwtPayloadOf(credential: JsonObject): JsonObject {
  return withoutProof(credential);
}

export interface JwtSignOptions {
  /** Protected header fields over the defaults (alg EdDSA, typ vc+jwt, cty vc, kid). */
  header?: Record<string, unknown>;
  /** Removes these header fields. */
  omit?: string[];
}

/** A compact JWS over `payload` with the issuer's key, as src/issuing/signJwt.ts makes them. */
export async function signJwtWith(
  payload: JsonObject,
  issuerKey: Ed25519KeyPair,
  options: JwtSignOptions = {},
): Promise<string> {
  const header: Record<string, unknown> = {
    alg: 'EdDSA',
    typ: 'vc+jwt',
    cty: 'vc',
    kid: issuerKey.id,
    ...options.header,
  };
  for (const name of options.omit ?? []) delete header[name];
  const key = await importJWK(await privateJwkOf(issuerKey), 'EdDSA');
  return new CompactSign(encoder.encode(JSON.stringify(payload)))
    .setProtectedHeader(header as { alg: string })
    .sign(key);
}

/**
 * The same signature in a non-canonical base64url: an Ed25519 signature (64 bytes) is 86
 * characters whose last one carries 2 bits and 4 zero bits; setting one of those zero bits gives
 * a different string that lenient decoders read as the same bytes.
 */
export function nonCanonicalSignature(jws: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const [header, payload, signature = ''] = jws.split('.');
  const last = alphabet.indexOf(signature.at(-1) ?? '');
  if (signature.length !== 86 || last < 0 || (last & 0b1111) !== 0)
    throw new Error('expected a canonical 64-byte signature');
  const changed = `${signature.slice(0, -1)}${alphabet[last | 0b0001]}`;
  if (!Buffer.from(changed, 'base64url').equals(Buffer.from(signature, 'base64url')))
    throw new Error('the changed signature does not decode to the same bytes');
  return `${header}.${payload}.${changed}`;
}

export interface JwtForgeryInput {
  /** A genuine credential (its proof is dropped): the payload the variants start from. */
  credential: JsonObject;
  issuerKey: Ed25519KeyPair;
  /** A DID that is not the issuer's, for the `iss` mismatch. */
  otherDid: string;
  /** The verifier's clock. */
  now: Date;
  /** Gives each variant its own credential id (so imports of them never collide). */
  freshIds?: boolean;
}

const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** Every JWT rule of the contract broken once, each with the issuer's real key (alg none aside). */
export async function jwtForgeries(input: JwtForgeryInput): Promise<Forgery[]> {
  const { issuerKey, now } = input;
  const base = jwtPayloadOf(input.credential);
  const payloadFor = (name: string, extra: JsonObject = {}): JsonObject => ({
    ...structuredClone(base),
    ...(input.freshIds ? { id: `urn:uuid:${uuidFrom(`${String(base.id)}/${name}`)}` } : {}),
    ...extra,
  });
  const hour = 3600;
  const signed = (name: string, extra?: JsonObject, options?: JwtSignOptions) =>
    signJwtWith(payloadFor(name, extra), issuerKey, options);
  const failing = (problem: string): Expectation => ({ check: 'proof.signature', problem });
  const publicKeyBytes = Buffer.from(
    String((await Ed25519Multikey.toJwk({ keyPair: issuerKey })).x),
    'base64url',
  );

  const noneHeader = { alg: 'none', typ: 'vc+jwt', cty: 'vc', kid: issuerKey.id };
  const unsignedNone = `${b64url(noneHeader)}.${b64url(payloadFor('jwt-alg-none-unsigned'))}.`;
  // alg none, yet a real EdDSA signature over exactly this header and payload: a verifier that
  // ignores alg (or trusts the key's type instead) accepts it.
  const noneSigningInput = `${b64url(noneHeader)}.${b64url(payloadFor('jwt-alg-none'))}`;
  const noneWithSignature = `${noneSigningInput}.${Buffer.from(
    await issuerKey.signer().sign({ data: encoder.encode(noneSigningInput) }),
  ).toString('base64url')}`;
  const hs256WithPublicKey = (() => {
    const header = { alg: 'HS256', typ: 'vc+jwt', cty: 'vc', kid: issuerKey.id };
    const signingInput = `${b64url(header)}.${b64url(payloadFor('jwt-alg-hs256'))}`;
    const mac = createHmac('sha256', publicKeyBytes).update(signingInput).digest('base64url');
    return `${signingInput}.${mac}`;
  })();
  const vcClaimPayload = payloadFor('jwt-vc-claim');

  return [
    {
      name: 'jwt-expired',
      description: 'exp an hour ago',
      credential: await signed('jwt-expired', { exp: seconds(now) - hour }),
      expect: failing('jwt-expired'),
      altered: false,
    },
    {
      name: 'jwt-not-yet-valid',
      description: 'nbf an hour from now',
      credential: await signed('jwt-not-yet-valid', { nbf: seconds(now) + hour }),
      expect: failing('jwt-not-yet-valid'),
      altered: false,
    },
    {
      name: 'jwt-issued-in-future',
      description: 'iat an hour from now (beyond the 60 s skew)',
      credential: await signed('jwt-issued-in-future', { iat: seconds(now) + hour }),
      expect: failing('jwt-issued-in-future'),
      altered: false,
    },
    {
      name: 'jwt-alg-none',
      description: "alg none in the header, yet a valid EdDSA signature by the issuer's key",
      credential: noneWithSignature,
      expect: failing('proof-unsupported'),
      altered: false,
    },
    {
      name: 'jwt-alg-none-unsigned',
      description: 'alg none and no signature (an RFC 7519 Unsecured JWT)',
      credential: unsignedNone,
      expect: failing('proof-unsupported'),
      altered: false,
    },
    {
      name: 'jwt-alg-hs256',
      description: "alg HS256 keyed with the issuer's public key bytes (the alg-confusion attack)",
      credential: hs256WithPublicKey,
      expect: failing('proof-unsupported'),
      altered: false,
    },
    {
      name: 'jwt-typ-at+jwt',
      description: 'typ at+jwt (an OAuth access token type)',
      credential: await signed('jwt-typ-at+jwt', {}, { header: { typ: 'at+jwt' } }),
      expect: failing('jwt-type-invalid'),
      altered: false,
    },
    {
      name: 'jwt-vc-claim',
      description: 'the credential plus a `vc` claim wrapping it (VC-JWT 1.1 style)',
      credential: await signed('jwt-vc-claim', { vc: withoutProof(vcClaimPayload) }),
      expect: failing('jwt-claims-invalid'),
      altered: false,
    },
    {
      name: 'jwt-vc-claim-only',
      description: 'a VC-JWT 1.1 payload: iss, jti, nbf and the credential in `vc`',
      credential: await signJwtWith(
        {
          iss: issuerKey.controller,
          jti: base.id,
          nbf: seconds(now) - hour,
          vc: payloadFor('jwt-vc-claim-only'),
        },
        issuerKey,
      ),
      expect: failing('jwt-claims-invalid'),
      altered: false,
    },
    {
      name: 'jwt-vp-claim',
      description: 'the credential plus a `vp` claim',
      credential: await signed('jwt-vp-claim', {
        vp: { type: ['VerifiablePresentation'], verifiableCredential: [] },
      }),
      expect: failing('jwt-claims-invalid'),
      altered: false,
    },
    {
      name: 'jwt-iss-mismatch',
      description: "iss names another DID than the credential's issuer",
      credential: await signed('jwt-iss-mismatch', { iss: input.otherDid }),
      expect: { check: 'issuer.binding', problem: 'issuer-mismatch' },
      altered: false,
    },
    {
      name: 'jwt-noncanonical-signature',
      description:
        'a valid JWT whose last signature character is changed to decode to the same bytes',
      credential: nonCanonicalSignature(await signed('jwt-noncanonical-signature')),
      expect: { check: 'proof.signature' },
      altered: false,
    },
  ];
}

/** JWTs a correct verifier accepts: the controls beside the forgeries. */
export async function acceptableJwts(
  input: Omit<JwtForgeryInput, 'otherDid'>,
): Promise<Array<{ name: string; description: string; credential: string }>> {
  const { issuerKey, now } = input;
  const base = jwtPayloadOf(input.credential);
  const payloadFor = (name: string, extra: JsonObject = {}): JsonObject => ({
    ...structuredClone(base),
    ...(input.freshIds ? { id: `urn:uuid:${uuidFrom(`${String(base.id)}/${name}`)}` } : {}),
    ...extra,
  });
  return [
    {
      name: 'jwt-genuine',
      description: 'as the service signs them',
      credential: await signJwtWith(payloadFor('jwt-genuine'), issuerKey),
    },
    {
      name: 'jwt-iat-within-skew',
      description: 'iat 30 s from now (inside the 60 s skew), exp a day away, iss the issuer',
      credential: await signJwtWith(
        payloadFor('jwt-iat-within-skew', {
          iat: seconds(now) + 30,
          exp: seconds(now) + 86_400,
          iss: issuerKey.controller,
        }),
        issuerKey,
      ),
    },
    {
      name: 'jwt-no-typ',
      description: 'no typ header (allowed)',
      credential: await signJwtWith(payloadFor('jwt-no-typ'), issuerKey, { omit: ['typ', 'cty'] }),
    },
  ];
}
