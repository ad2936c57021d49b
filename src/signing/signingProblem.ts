import { UnprocessableError } from '../core/problems.js';

interface JsonLdEvent {
  code?: unknown;
  message?: unknown;
  details?: { property?: unknown; type?: unknown; id?: unknown };
}

/** What a JSON-LD failure says about the credential, in the words of its own fields. */
function jsonLdDetail(error: Error, details: { code?: unknown; event?: JsonLdEvent }): string {
  const event = details.event;
  const property = event?.details?.property;
  if (typeof property === 'string') {
    return `"${property}" is not defined by any of the credential's @context entries`;
  }
  const type = event?.details?.type;
  if (typeof type === 'string') {
    return `the type "${type}" is not defined by any of the credential's @context entries`;
  }
  // Safe mode names the offending event; its message says more than "Safe mode validation error".
  if (event && typeof event.message === 'string') {
    return `${event.message}${typeof event.code === 'string' ? ` (${event.code})` : ''}`;
  }
  return `${error.message}${typeof details.code === 'string' ? ` (${details.code})` : ''}`;
}

/**
 * JSON-LD processing failures (undefined terms, unknown contexts, safe-mode refusals) and
 * canonicalisation refusals are problems with the content, not with the signer.
 */
export function asSigningProblem(error: unknown): unknown {
  if (error instanceof UnprocessableError || !(error instanceof Error)) return error;
  if (error.name.startsWith('jsonld.')) {
    const details = (
      error as { details?: { cause?: unknown; code?: unknown; event?: JsonLdEvent } }
    ).details;
    if (details?.cause instanceof UnprocessableError) return details.cause;
    return new UnprocessableError('jsonld-invalid', jsonLdDetail(error, details ?? {}));
  }
  // rdf-canonize gives up on graphs built to make canonicalisation explode (blank-node poisoning).
  if (/^Maximum deep iterations exceeded/.test(error.message)) {
    return new UnprocessableError(
      'credential-unsignable',
      `the credential's blank nodes are too costly to canonicalise: ${error.message}`,
    );
  }
  return error;
}
