import jsigs from 'jsonld-signatures';
import { ProblemError } from '../../core/problems.js';
import { bundledContexts } from '../../jsonld/contexts.js';
import type { DocumentLoader } from '../../jsonld/documentLoader.js';
import type { ProofTask, ProofTaskResult } from './proofTask.js';
import { suiteFor } from './suites.js';

/** A context the service does not bundle: named, and never fetched. */
export class UnknownContextError extends ProblemError {
  constructor(url: string) {
    super(
      'unknown-context',
      `the context "${url}" is not bundled with this service, and contexts are never fetched`,
      { url },
    );
  }
}

function loaderFor(task: ProofTask): DocumentLoader {
  return async (url) => {
    const document = bundledContexts.get(url) ?? task.documents[url];
    if (document === undefined) throw new UnknownContextError(url);
    return { contextUrl: null, documentUrl: url, document };
  };
}

function purposeOf(task: ProofTask): unknown {
  const date = new Date(task.now);
  if (task.purpose.kind === 'assertion') return new jsigs.purposes.AssertionProofPurpose({ date });
  return new jsigs.purposes.AuthenticationProofPurpose({
    challenge: task.purpose.challenge,
    domain: task.purpose.domain,
    date,
  });
}

/** The innermost error a jsonld-signatures result carries, however deeply it nests it. */
function innermostError(result: { error?: unknown; results?: unknown[] }): unknown {
  let error: unknown =
    result.results?.map((entry) => (entry as { error?: unknown }).error).find(Boolean) ??
    result.error;
  for (;;) {
    const next =
      (error as { errors?: unknown[] } | undefined)?.errors?.[0] ??
      (error as { details?: { cause?: unknown } } | undefined)?.details?.cause;
    if (next === undefined || next === error) return error;
    error = next;
  }
}

function problemOf(error: unknown): ProofTaskResult {
  if (error instanceof ProblemError) return { verified: false, problem: error.toProblem() };
  const message = error instanceof Error ? error.message : String(error);
  const problem = new ProblemError('signature-invalid', message);
  return { verified: false, problem: problem.toProblem() };
}

/** Checks one Data Integrity or Ed25519Signature2020 proof; no I/O, so it runs in a worker. */
export async function checkProofTask(task: ProofTask): Promise<ProofTaskResult> {
  const proof = task.document.proof as Record<string, unknown>;
  try {
    const result = await jsigs.verify(task.document, {
      suite: suiteFor(proof),
      purpose: purposeOf(task),
      documentLoader: loaderFor(task),
    });
    if (!result.verified) return problemOf(innermostError(result));
    const purposeResult = (result.results?.[0] as { purposeResult?: { controller?: unknown } })
      ?.purposeResult;
    const controller = (purposeResult?.controller as { id?: unknown } | undefined)?.id;
    if (typeof controller !== 'string')
      return problemOf(new Error('the proof verified but names no controller'));
    return { verified: true, controller };
  } catch (error) {
    return problemOf(error);
  }
}
