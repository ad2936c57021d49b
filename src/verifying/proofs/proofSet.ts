import { ProblemError, type ProblemFields, type UnprocessableSlug } from '../../core/problems.js';
import type { JsonObject } from '../../core/json.js';
import { isUnreachable, type KeyDocuments } from '../keyDocuments.js';
import type { ProofChecker, ProofPurpose } from './proofTask.js';
import { SUPPORTED_PROOFS, isSupportedProof } from './suites.js';

/** What became of one proof of a proof set. */
export type ProofOutcome = { method?: string } & (
  | { outcome: 'verified'; controller: string }
  | { outcome: 'failed'; problem: ProblemFields }
  | { outcome: 'unavailable'; reason: string }
);

export type ProofResult = { index: number } & ProofOutcome;

/** Either every proof was checked, or the set was refused as a whole before any was. */
export type ProofSet =
  | { kind: 'checked'; results: ProofResult[]; total: number }
  | { kind: 'refused'; problem: ProblemFields };

export interface ProofEnvironment {
  keys: KeyDocuments;
  now: Date;
  /** Seconds of clock difference tolerated in a JWT's exp, nbf and iat. */
  jwtClockSkewSeconds: number;
  checkProof: ProofChecker;
}

const refused = (slug: UnprocessableSlug, detail: string): ProofSet => ({
  kind: 'refused',
  problem: new ProblemError(slug, detail).toProblem(),
});

const failed = (slug: UnprocessableSlug, detail: string) => ({
  outcome: 'failed' as const,
  problem: new ProblemError(slug, detail).toProblem(),
});

export function proofsOf(document: JsonObject): unknown[] {
  return ([] as unknown[]).concat(document.proof ?? []);
}

function methodOf(proof: JsonObject): string | undefined {
  const method = proof.verificationMethod;
  if (typeof method === 'string') return method;
  const id = (method as JsonObject | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function controllerIdOf(method: JsonObject): string | undefined {
  const controller = method.controller;
  if (typeof controller === 'string') return controller;
  const id = (controller as JsonObject | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

async function checkOne(
  document: JsonObject,
  proof: unknown,
  purpose: ProofPurpose,
  environment: ProofEnvironment,
): Promise<ProofOutcome> {
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof))
    return failed('malformed-credential', 'a proof is not an object');
  const proofObject = proof as JsonObject;
  if (!isSupportedProof(proofObject)) {
    return failed(
      'proof-unsupported',
      `proof type ${String(proofObject.type)}${proofObject.cryptosuite ? ` / ${String(proofObject.cryptosuite)}` : ''} is not supported (${SUPPORTED_PROOFS.join('; ')} are)`,
    );
  }
  const method = methodOf(proofObject);
  if (!method) return failed('malformed-credential', 'a proof names no verificationMethod');
  const documents: Record<string, unknown> = {};
  try {
    const methodDocument = await environment.keys.verificationMethod(method);
    documents[method] = methodDocument;
    const controllerId = controllerIdOf(methodDocument);
    if (!controllerId)
      return {
        method,
        ...failed('verification-method-unresolvable', `${method} names no controller`),
      };
    documents[controllerId] = await environment.keys.controller(controllerId);
  } catch (error) {
    if (isUnreachable(error))
      return { method, outcome: 'unavailable', reason: (error as Error).message };
    if (error instanceof ProblemError)
      return { method, outcome: 'failed', problem: error.toProblem() };
    return {
      method,
      ...failed('verification-method-unresolvable', `${method}: ${(error as Error).message}`),
    };
  }
  const result = await environment.checkProof({
    document: { ...document, proof: proofObject },
    purpose,
    documents,
    now: environment.now.toISOString(),
  });
  if (result.verified) return { method, outcome: 'verified', controller: result.controller };
  return { method, outcome: 'failed', problem: result.problem };
}

/**
 * Checks every proof of a document on its own (W3C Data Integrity "verify proof set"): a set in
 * which one proof verifies says nothing about the others, so each gets its own result. Proof
 * chains are refused whole rather than checked in part.
 */
export async function checkProofSet(
  document: JsonObject,
  purpose: ProofPurpose,
  environment: ProofEnvironment,
): Promise<ProofSet> {
  const proofs = proofsOf(document);
  if (proofs.length === 0) return refused('proof-missing', 'the document carries no proof');
  if (proofs.some((proof) => (proof as JsonObject | null)?.previousProof !== undefined)) {
    return refused(
      'proof-chain-unsupported',
      'a proof names a previousProof; proof chains are not checked here, so the document is not accepted',
    );
  }
  const results = await Promise.all(
    proofs.map(async (proof, index) => ({
      index,
      ...(await checkOne(document, proof, purpose, environment)),
    })),
  );
  return { kind: 'checked', results: results as ProofResult[], total: proofs.length };
}
