import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {
  base64url,
  compactVerify,
  importJWK,
  type JWK,
  type ProtectedHeaderParameters,
} from 'jose';
import { setBounded } from '../../core/boundedMap.js';
import { ProblemError, type UnprocessableSlug } from '../../core/problems.js';
import type { JsonObject } from '../../core/json.js';
import { isUnreachable } from '../keyDocuments.js';
import type { ProofEnvironment, ProofOutcome, ProofSet } from './proofSet.js';

const VC_JWT_TYPE = 'vc+jwt';

/** The one algorithm each key type may sign with; `none` and anything else are refused. */
const ALGORITHM_FOR_KEY: Record<string, string> = {
  'OKP/Ed25519': 'EdDSA',
  'EC/P-256': 'ES256',
  'EC/P-384': 'ES384',
};

class JwtProblem extends Error {
  constructor(
    readonly slug: UnprocessableSlug,
    detail: string,
  ) {
    super(detail);
  }
}

/** Keys kept by what alone decides them: a Multikey's JWK by its fields, an imported key by its
 * JWK and algorithm. */
const MAX_IMPORTED_KEYS = 1_000;
const multikeyJwks = new Map<string, JWK>();
const importedKeys = new Map<string, Promise<Awaited<ReturnType<typeof importJWK>>>>();

/** The public JWK of a Multikey (Ed25519, P-256, P-384) or JsonWebKey verification method. */
async function publicJwkOf(method: JsonObject): Promise<JWK> {
  if (typeof method.publicKeyJwk === 'object' && method.publicKeyJwk !== null) {
    const { d: _private, ...jwk } = method.publicKeyJwk as JWK;
    return jwk;
  }
  const multibase = String(method.publicKeyMultibase ?? '');
  // The library reads the type and @context too, and refuses some: they are part of the key.
  const id = JSON.stringify([method.type, method['@context'], multibase]);
  const known = multikeyJwks.get(id);
  if (known) return known;
  let jwk: JWK | undefined;
  if (multibase.startsWith('z6Mk'))
    jwk = (await Ed25519Multikey.toJwk({ keyPair: await Ed25519Multikey.from(method) })) as JWK;
  if (multibase.startsWith('zDn') || multibase.startsWith('z82'))
    jwk = (await EcdsaMultikey.toJwk({ keyPair: await EcdsaMultikey.from(method) })) as JWK;
  if (jwk) {
    setBounded(multikeyJwks, id, jwk, MAX_IMPORTED_KEYS);
    return jwk;
  }
  throw new JwtProblem(
    'proof-unsupported',
    `the key ${String(method.id)} is of a type JWTs are not checked with here`,
  );
}

function importedKey(jwk: JWK, algorithm: string): ReturnType<typeof importJWK> {
  const id = `${algorithm} ${JSON.stringify(jwk)}`;
  let key = importedKeys.get(id);
  if (!key) {
    key = importJWK(jwk, algorithm);
    // A key that failed to import is not kept: the next proof naming it tries again.
    key.catch(() => importedKeys.delete(id));
    setBounded(importedKeys, id, key, MAX_IMPORTED_KEYS);
  }
  return key;
}

/** base64url must be canonical: otherwise many strings verify as one token. */
function assertCanonicalSegments(jws: string): void {
  for (const segment of jws.split('.')) {
    if (base64url.encode(base64url.decode(segment)) !== segment)
      throw new JwtProblem('signature-invalid', 'the JWS is not in canonical base64url');
  }
}

function assertClaims(
  payload: JsonObject,
  header: ProtectedHeaderParameters,
  now: Date,
  skewSeconds: number,
): void {
  if (header.alg === undefined || header.alg === 'none')
    throw new JwtProblem('proof-unsupported', 'an unsigned JWT (alg none) is never accepted');
  if (header.typ !== undefined && header.typ !== VC_JWT_TYPE)
    throw new JwtProblem(
      'jwt-type-invalid',
      `typ is ${header.typ}; a credential is typ ${VC_JWT_TYPE}`,
    );
  if ('vc' in payload || 'vp' in payload)
    throw new JwtProblem(
      'jwt-claims-invalid',
      'the payload carries vc/vp claims; VC-JOSE-COSE secures the credential itself as the payload',
    );
  const seconds = now.getTime() / 1000;
  const time = (name: string): number | undefined => {
    const value = payload[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new JwtProblem('malformed-credential', `the ${name} claim is not a NumericDate`);
    return value;
  };
  const [exp, nbf, iat] = [time('exp'), time('nbf'), time('iat')];
  if (exp !== undefined && exp <= seconds - skewSeconds)
    throw new JwtProblem('jwt-expired', `exp ${new Date(exp * 1000).toISOString()} has passed`);
  if (nbf !== undefined && nbf > seconds + skewSeconds)
    throw new JwtProblem(
      'jwt-not-yet-valid',
      `nbf ${new Date(nbf * 1000).toISOString()} has not come`,
    );
  if (iat !== undefined && iat > seconds + skewSeconds)
    throw new JwtProblem(
      'jwt-issued-in-future',
      `iat ${new Date(iat * 1000).toISOString()} is later than now`,
    );
}

async function checkJwt(
  jws: string,
  header: ProtectedHeaderParameters,
  payload: JsonObject,
  environment: ProofEnvironment,
): Promise<ProofOutcome> {
  const method = header.kid;
  try {
    assertClaims(payload, header, environment.now, environment.jwtClockSkewSeconds);
    assertCanonicalSegments(jws);
    if (!method) throw new JwtProblem('proof-unsupported', 'the JWS header names no kid');
    let methodDocument: JsonObject;
    let controller: JsonObject;
    try {
      methodDocument = await environment.keys.verificationMethod(method);
      controller = await environment.keys.controller(String(methodDocument.controller ?? ''));
    } catch (error) {
      if (isUnreachable(error))
        return { method, outcome: 'unavailable', reason: (error as Error).message };
      throw error;
    }
    const jwk = await publicJwkOf(methodDocument);
    const algorithm = ALGORITHM_FOR_KEY[`${String(jwk.kty)}/${String(jwk.crv)}`];
    if (!algorithm || header.alg !== algorithm)
      throw new JwtProblem(
        'proof-unsupported',
        `alg ${String(header.alg)} is not allowed for the key ${method}${algorithm ? ` (it signs ${algorithm})` : ''}`,
      );
    try {
      await compactVerify(jws, await importedKey(jwk, algorithm), { algorithms: [algorithm] });
    } catch (error) {
      throw new JwtProblem('signature-invalid', (error as Error).message);
    }
    const listed = ([] as unknown[])
      .concat(controller.assertionMethod ?? [])
      .some((entry) => entry === method || (entry as JsonObject | null)?.id === method);
    if (!listed)
      throw new JwtProblem(
        'signature-invalid',
        `${method} is not an assertion method of its controller ${String(controller.id)}`,
      );
    return { method, outcome: 'verified', controller: String(controller.id) };
  } catch (error) {
    if (error instanceof ProblemError)
      return { method, outcome: 'failed', problem: error.toProblem() };
    if (error instanceof JwtProblem)
      return {
        method,
        outcome: 'failed',
        problem: new ProblemError(error.slug, error.message).toProblem(),
      };
    return {
      method,
      outcome: 'failed',
      problem: new ProblemError('signature-invalid', (error as Error).message).toProblem(),
    };
  }
}

/** A vc+jwt as a proof set of one. */
export async function checkJwtProof(
  jws: string,
  header: ProtectedHeaderParameters,
  payload: JsonObject,
  environment: ProofEnvironment,
): Promise<ProofSet> {
  const result = await checkJwt(jws, header, payload, environment);
  return { kind: 'checked', results: [{ index: 0, ...result }], total: 1 };
}
