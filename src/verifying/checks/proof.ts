import { compactVerify, importJWK } from 'jose';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import jsigs from 'jsonld-signatures';
import type { JsonObject } from '../../jsonld/documentLoader.js';
import type { Check, CheckContext } from '../check.js';
import { failure, failureFrom, success, type Outcome } from '../report.js';

const SIGNATURE_INVALID = ['signature-invalid', 'Signature does not verify'] as const;

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The first error a jsonld-signatures result carries, however deeply it nests it. */
function firstProofError(result: { error?: unknown; results?: unknown[] }): unknown {
  const fromResults = result.results
    ?.map((entry) => (entry as { error?: unknown }).error)
    .find((error) => error !== undefined);
  const error = fromResults ?? result.error;
  const inner = (error as { errors?: unknown[] } | undefined)?.errors?.[0];
  return inner ?? error;
}

/** Checks the Data Integrity proofs of any document (a credential, a status list credential). */
export async function verifyDataIntegrity(
  credential: JsonObject,
  context: Pick<CheckContext, 'documentLoader' | 'now'>,
): Promise<Outcome> {
  const proofs = ([] as unknown[]).concat(credential.proof ?? []);
  if (proofs.length === 0)
    return failure('proof-missing', 'No proof', 'the credential carries no proof');
  for (const proof of proofs) {
    const { type, cryptosuite } = (proof ?? {}) as JsonObject;
    if (type !== 'DataIntegrityProof' || cryptosuite !== 'eddsa-rdfc-2022') {
      return failure(
        'proof-unsupported',
        'Unsupported proof',
        `proof type ${String(type)} / ${String(cryptosuite)} is not supported (DataIntegrityProof with eddsa-rdfc-2022 is)`,
      );
    }
  }
  const result = await jsigs.verify(credential, {
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    purpose: new jsigs.purposes.AssertionProofPurpose({ date: context.now }),
    documentLoader: context.documentLoader,
  });
  if (result.verified) return success();
  const error = firstProofError(result);
  const cause = (error as { details?: { cause?: unknown } } | undefined)?.details?.cause;
  return failureFrom(cause ?? error, SIGNATURE_INVALID[0], SIGNATURE_INVALID[1]);
}

async function verifyJws(
  jws: string,
  kid: string | undefined,
  alg: string | undefined,
  context: CheckContext,
): Promise<Outcome> {
  if (alg !== 'EdDSA')
    return failure(
      'proof-unsupported',
      'Unsupported proof',
      `JWS alg ${String(alg)} is not supported (EdDSA is)`,
    );
  if (!kid) return failure('proof-unsupported', 'Unsupported proof', 'the JWS header names no kid');
  let method: JsonObject;
  try {
    method = await context.resolveVerificationMethod(kid);
  } catch (error) {
    return failureFrom(
      error,
      'verification-method-unresolvable',
      'Verification method cannot be resolved',
    );
  }
  try {
    const keyPair = await Ed25519Multikey.from(method);
    const key = await importJWK(await Ed25519Multikey.toJwk({ keyPair }), 'EdDSA');
    await compactVerify(jws, key, { algorithms: ['EdDSA'] });
    return success();
  } catch (error) {
    return failure(...SIGNATURE_INVALID, messageOf(error));
  }
}

/** Data Integrity (eddsa-rdfc-2022) or VC-JOSE (EdDSA compact JWS). */
export const proofCheck: Check = {
  id: 'proof.signature',
  async run(context) {
    const { presented } = context;
    if (presented.format === 'unreadable')
      return failure('malformed-credential', 'Malformed credential', presented.reason);
    if (presented.format === 'jwt') {
      return verifyJws(presented.jws, presented.header.kid, presented.header.alg, context);
    }
    try {
      return await verifyDataIntegrity(presented.credential, context);
    } catch (error) {
      return failure(...SIGNATURE_INVALID, messageOf(error));
    }
  },
};
