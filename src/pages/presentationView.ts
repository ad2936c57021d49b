import type { CredentialPayload } from '../baking/credentialPayload.js';
import type { JsonObject } from '../core/json.js';
import type { PresentationReport } from '../verifying/presentation.js';
import { presentCredential } from '../verifying/presentedCredential.js';
import type { VerificationReport } from '../verifying/report.js';
import { readCredentialView, type CredentialView } from './credentialView.js';
import {
  presentationVerdictOf,
  verdictOf,
  type PresentationVerdict,
  type Verdict,
} from './verdict.js';

/** One credential of a presentation as the verify page shows it. */
export interface PresentedCredentialView {
  report: VerificationReport;
  verdict: Verdict;
  view: CredentialView;
}

export interface PresentationView {
  verdict: PresentationVerdict;
  /** The presentation's own checks: shape, holder proof, holder binding. */
  report: VerificationReport;
  credentials: PresentedCredentialView[];
}

const ENVELOPED_JWT = 'data:application/vc+jwt,';

/** A JSON document whose `type` says it is a Verifiable Presentation (string or list). */
export function isPresentation(payload: CredentialPayload): payload is JsonObject {
  if (typeof payload === 'string') return false;
  return ([] as unknown[]).concat(payload.type ?? []).includes('VerifiablePresentation');
}

/**
 * What each presented credential says, in the order the verifier reports them: embedded
 * credentials as they are, a string or an EnvelopedVerifiableCredential as its JWT's payload.
 */
function presentedCredentials(presentation: JsonObject): JsonObject[] {
  return ([] as unknown[]).concat(presentation.verifiableCredential ?? []).map((entry) => {
    if (typeof entry === 'string') return presentCredential(entry).credential;
    const object = typeof entry === 'object' && entry !== null ? (entry as JsonObject) : {};
    const id = typeof object.id === 'string' ? object.id : '';
    if (object.type === 'EnvelopedVerifiableCredential' && id.startsWith(ENVELOPED_JWT))
      return presentCredential(id.slice(ENVELOPED_JWT.length)).credential;
    return object;
  });
}

export function buildPresentationView(
  presentation: JsonObject,
  result: PresentationReport,
): PresentationView {
  const credentials = presentedCredentials(presentation);
  return {
    verdict: presentationVerdictOf(result),
    report: result.presentation,
    // The verifier reports no credentials when the presentation itself is malformed.
    credentials: result.credentials.map((report, index) => ({
      report,
      verdict: verdictOf(report),
      view: readCredentialView(credentials[index] ?? {}),
    })),
  };
}
