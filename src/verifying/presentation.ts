import type { JsonObject } from '../core/json.js';
import { findSchemaErrors } from '../schemas.js';
import { isVc11 } from './presentedCredential.js';
import { overLimit } from './limits.js';
import { proofSetOutcome } from './checks/proof.js';
import {
  checkProofSet,
  proofsOf,
  type ProofEnvironment,
  type ProofSet,
} from './proofs/proofSet.js';
import {
  buildReport,
  failure,
  schemaFailure,
  skipped,
  success,
  combinedVerdict,
  type CheckResult,
  type Outcome,
  type VerificationReport,
  type Verdict,
} from './report.js';

/** What the verifier asked the holder to sign: a proof over another challenge is a replay. */
export interface PresentationOptions {
  challenge?: string;
  domain?: string;
}

export interface PresentationReport {
  verified: boolean;
  verdict: Verdict;
  /** The presentation itself: its shape, the holder's proof, the holder binding. */
  presentation: VerificationReport;
  /** One full report per credential, in the order they were presented. */
  credentials: VerificationReport[];
}

/** More credentials than a holder shows an employer at once would only multiply the work. */
export const MAX_PRESENTED_CREDENTIALS = 20;

const ENVELOPED_JWT = 'data:application/vc+jwt,';

export interface PresentationEnvironment extends ProofEnvironment {
  verifyCredential(credential: JsonObject | string): Promise<VerificationReport>;
}

/** Embedded credentials, and VC 2.0 enveloped vc+jwt credentials as their JWT. */
function credentialsOf(presentation: JsonObject): Array<JsonObject | string> {
  return ([] as unknown[]).concat(presentation.verifiableCredential ?? []).map((entry) => {
    const object = (entry ?? {}) as JsonObject;
    const id = typeof object.id === 'string' ? object.id : '';
    if (object.type === 'EnvelopedVerifiableCredential' && id.startsWith(ENVELOPED_JWT))
      return id.slice(ENVELOPED_JWT.length);
    return typeof entry === 'string' ? entry : object;
  });
}

function structureOf(presentation: JsonObject): Outcome {
  const over = overLimit(presentation);
  if (over) return failure('credential-too-large', `the presentation has ${over}`);
  const errors = findSchemaErrors(
    isVc11(presentation) ? 'verifiable-presentation-v1' : 'verifiable-presentation',
    presentation,
  );
  if (errors.length > 0) return schemaFailure('malformed-presentation', errors);
  const count = credentialsOf(presentation).length;
  if (count > MAX_PRESENTED_CREDENTIALS)
    return failure(
      'credential-too-large',
      `the presentation carries ${count} credentials (at most ${MAX_PRESENTED_CREDENTIALS})`,
    );
  return success();
}

/** The challenge and domain the holder signed must be the ones asked for, when asked. */
function replayOutcome(
  presentation: JsonObject,
  options: PresentationOptions,
): Outcome | undefined {
  for (const proof of proofsOf(presentation)) {
    const { challenge, domain } = (proof ?? {}) as JsonObject;
    if (options.challenge !== undefined && challenge !== options.challenge)
      return failure(
        'presentation-challenge-mismatch',
        `the holder signed challenge ${JSON.stringify(challenge)}, not ${JSON.stringify(options.challenge)}`,
      );
    if (options.domain !== undefined && domain !== options.domain)
      return failure(
        'presentation-domain-mismatch',
        `the holder signed domain ${JSON.stringify(domain)}, not ${JSON.stringify(options.domain)}`,
      );
  }
  return undefined;
}

function holderOutcome(set: ProofSet | undefined, holder: unknown): Outcome {
  if (!set || set.kind !== 'checked') return skipped('the holder did not sign the presentation');
  const verified = set.results.flatMap((result) => (result.outcome === 'verified' ? [result] : []));
  if (verified.length === 0) return skipped('no holder proof verified');
  const holderId = typeof holder === 'string' ? holder : (holder as JsonObject | undefined)?.id;
  if (holderId === undefined) return skipped('the presentation names no holder');
  if (verified.some((result) => result.controller === holderId))
    return success(`signed by the holder ${String(holderId)}`);
  return failure(
    'holder-mismatch',
    `the presentation is signed by ${verified.map((r) => r.controller).join(', ')}, not by the holder ${String(holderId)}`,
  );
}

/** The presentation as a whole (shape, holder proof with challenge and domain) and each credential. */
export async function verifyPresentation(
  presentation: JsonObject,
  options: PresentationOptions,
  environment: PresentationEnvironment,
): Promise<PresentationReport> {
  const checks: CheckResult[] = [];
  const structure = structureOf(presentation);
  checks.push({ id: 'presentation.structure', ...structure });
  if (structure.outcome === 'failure') {
    const report = buildReport(checks);
    return { verified: false, verdict: 'not-verified', presentation: report, credentials: [] };
  }
  let proofs: ProofSet | undefined;
  if (proofsOf(presentation).length === 0) {
    checks.push({
      id: 'presentation.proof',
      ...skipped('the presentation is not signed by its holder'),
    });
  } else {
    const replay = replayOutcome(presentation, options);
    if (replay) checks.push({ id: 'presentation.proof', ...replay });
    else {
      const first = (proofsOf(presentation)[0] ?? {}) as JsonObject;
      proofs = await checkProofSet(
        presentation,
        {
          kind: 'authentication',
          challenge:
            options.challenge ??
            (typeof first.challenge === 'string' ? first.challenge : undefined),
          domain: options.domain ?? (typeof first.domain === 'string' ? first.domain : undefined),
        },
        environment,
      );
      checks.push({ id: 'presentation.proof', ...proofSetOutcome(proofs) });
    }
  }
  checks.push({ id: 'presentation.holder', ...holderOutcome(proofs, presentation.holder) });
  const report = buildReport(checks);
  const credentials: VerificationReport[] = [];
  for (const credential of credentialsOf(presentation))
    credentials.push(await environment.verifyCredential(credential));
  const verdict = combinedVerdict([report.verdict, ...credentials.map((c) => c.verdict)]);
  return { verified: verdict === 'verified', verdict, presentation: report, credentials };
}
