// One error hierarchy for the whole service. Each error is an RFC 9457 problem; the HTTP layer
// renders it as application/problem+json and never exposes anything else.
export const PROBLEM_BASE = 'https://stackable-credentials.dev/problems/';

/**
 * Every problem type the service answers with: one slug, one status, one title. Clients read the
 * slugs (the type URL is PROBLEM_BASE + slug), so a slug is renamed only with its meaning.
 */
export const PROBLEMS = {
  // Requests the service cannot read or will not take.
  'malformed-request': { status: 400, title: 'Malformed request' },
  'request-refused': { status: 400, title: 'Request refused' },
  'invalid-period': { status: 400, title: 'Invalid period' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  'own-proposal': { status: 403, title: 'A registrar cannot approve its own proposal' },
  'not-achievement-issuer': { status: 403, title: "Not the achievement's issuer" },
  'registrar-cannot-award': { status: 403, title: 'Registrars do not award credentials' },
  'scope-missing': { status: 403, title: 'API key lacks the scope' },
  'not-found': { status: 404, title: 'Not found' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'Internal error' },
  // The operator's to fix: the service runs, but cannot keep what it is asked to store.
  'storage-full': { status: 503, title: 'Storage full' },
  'not-ready': { status: 503, title: 'Not ready' },

  // Conflicts with what the service already holds.
  'issuer-exists': { status: 409, title: 'Issuer already exists' },
  'rotation-unsupported': { status: 409, title: 'Key rotation not supported' },
  'credential-exists': { status: 409, title: 'Credential already exists' },
  'already-imported': { status: 409, title: 'Credential already imported' },
  'request-in-progress': { status: 409, title: 'Request still in progress' },
  'no-status-entry': { status: 409, title: 'Credential has no status entry' },
  'status-changed': { status: 409, title: 'Status changed meanwhile' },
  'credential-is-revoked': { status: 409, title: 'Revocation is final' },
  'already-suspended': { status: 409, title: 'Already suspended' },
  'not-suspended': { status: 409, title: 'Not suspended' },
  'suspension-not-offered': { status: 409, title: 'Credential has no suspension entry' },
  'not-renewable': { status: 409, title: 'Not renewable' },
  'api-key-name-taken': { status: 409, title: 'API key name taken' },
  'staff-exists': { status: 409, title: 'Already on the staff' },
  'invitation-used': { status: 409, title: 'Invitation already used' },
  'own-account': { status: 409, title: 'Not on your own account' },
  'passkey-registered': { status: 409, title: 'Passkey already registered' },
  'invitation-expired': { status: 410, title: 'Invitation expired' },
  'issuer-image-external': { status: 409, title: 'Issuer image is hosted elsewhere' },
  'mapping-already-approved': {
    status: 409,
    title: 'Achievement already has an approved mapping in this framework',
  },
  'mapping-not-proposed': { status: 409, title: 'Mapping is no longer proposed' },
  'mapping-changed': { status: 409, title: 'Mapping changed meanwhile' },
  'offer-claimed': { status: 409, title: 'Offer already claimed' },
  'already-disregarded': { status: 409, title: 'Import already disregarded' },
  'credential-not-offerable': { status: 409, title: 'Credential cannot be claimed into a wallet' },
  'offer-expired': { status: 410, title: 'Offer expired' },

  // Request content that is well-formed but not acceptable.
  'validation-failed': { status: 422, title: 'Invalid request content' },
  'nesting-too-deep': { status: 422, title: 'JSON nested too deeply' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused' },
  'key-mismatch': { status: 422, title: 'Key mismatch' },
  'learner-missing': { status: 422, title: 'Learner missing' },
  'unknown-issuer': { status: 422, title: 'Unknown issuer' },
  'invalid-rule': { status: 422, title: 'Invalid rule' },
  'unknown-achievement': { status: 422, title: 'Unknown achievement' },
  'unknown-framework': { status: 422, title: 'Unknown framework' },
  'unknown-level': { status: 422, title: 'Unknown framework level' },
  'wrong-issuer': { status: 422, title: 'Wrong issuer' },
  'tier-not-awardable': { status: 422, title: 'Tiers are awarded by the service' },
  'prerequisites-not-met': { status: 422, title: 'Prerequisites not met' },
  'evidence-required': { status: 422, title: 'Evidence required' },
  'invalid-validity-period': { status: 422, title: 'Invalid validity period' },
  'not-this-issuer': { status: 422, title: 'Issuer is not this issuer' },
  'status-assigned-here': { status: 422, title: 'credentialStatus is assigned by the service' },
  'invalid-credential-id': { status: 422, title: 'Invalid credential id' },
  'jsonld-invalid': { status: 422, title: 'Credential is not valid JSON-LD' },
  'credential-unsignable': { status: 422, title: 'Credential cannot be signed' },
  'credential-unreadable': { status: 422, title: 'Credential unreadable' },
  'image-unreadable': { status: 422, title: 'Image unreadable' },
  'image-unsafe': { status: 422, title: 'Image content not allowed' },
  'image-dimensions-too-large': { status: 422, title: 'Image dimensions too large' },
  'credential-not-baked': { status: 422, title: 'No baked credential' },
  'import-verification-failed': { status: 422, title: 'Credential does not verify' },
  'issuer-not-trusted': { status: 422, title: 'Issuer not trusted' },
  'achievement-not-recognised': { status: 422, title: 'Achievement not recognised' },
  'subject-mismatch': { status: 422, title: 'Credential is about someone else' },
  'self-endorsement': { status: 422, title: 'An endorser cannot endorse itself' },
  'credential-qr-too-large': { status: 422, title: 'Too large for a QR code' },

  // Verification: the failures of checks, and the verdict when a credential does not verify.
  'verification-failed': { status: 422, title: 'Verification failed' },
  'verification-incomplete': { status: 422, title: 'Could not be checked' },
  'malformed-credential': { status: 422, title: 'Malformed credential' },
  'malformed-presentation': { status: 422, title: 'Malformed presentation' },
  'credential-too-large': { status: 422, title: 'Too large to verify' },
  'unknown-context': { status: 422, title: 'Unknown JSON-LD context' },
  'unknown-document': { status: 422, title: 'Unknown JSON-LD document' },
  'fetch-refused': { status: 422, title: 'Remote document refused' },
  'did-unresolvable': { status: 422, title: 'DID cannot be resolved' },
  'verification-method-unresolvable': {
    status: 422,
    title: 'Verification method cannot be resolved',
  },
  'proof-missing': { status: 422, title: 'No proof' },
  'proof-unsupported': { status: 422, title: 'Unsupported proof' },
  'proof-chain-unsupported': { status: 422, title: 'Proof chains are not supported' },
  'signature-invalid': { status: 422, title: 'Signature does not verify' },
  'jwt-type-invalid': { status: 422, title: 'Wrong JWT type' },
  'jwt-claims-invalid': { status: 422, title: 'Not a VC-JOSE credential' },
  'jwt-expired': { status: 422, title: 'Token expired' },
  'jwt-not-yet-valid': { status: 422, title: 'Token not yet valid' },
  'jwt-issued-in-future': { status: 422, title: 'Token issued in the future' },
  'issuer-mismatch': { status: 422, title: 'Issuer binding failed' },
  'holder-mismatch': { status: 422, title: 'Holder binding failed' },
  'holder-not-proven': { status: 422, title: 'Holder not proven' },
  'presentation-challenge-mismatch': { status: 422, title: 'Challenge does not match' },
  'presentation-domain-mismatch': { status: 422, title: 'Domain does not match' },
  'credential-not-yet-valid': { status: 422, title: 'Credential not yet valid' },
  'credential-expired': { status: 422, title: 'Credential expired' },
  'credential-revoked': { status: 422, title: 'Credential revoked' },
  'credential-suspended': { status: 422, title: 'Credential suspended' },
  'status-invalid': { status: 422, title: 'Status list invalid' },
  'constituent-altered': { status: 422, title: 'Constituent does not match' },
  'constituent-invalid': { status: 422, title: 'Constituent no longer valid' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemSlug = keyof typeof PROBLEMS;

/** The slugs the catalogue gives the status S (e.g. 422 for a verification check's failure). */
export type ProblemSlugWithStatus<S extends number> = {
  [K in ProblemSlug]: (typeof PROBLEMS)[K]['status'] extends S ? K : never;
}[ProblemSlug];

export type UnprocessableSlug = ProblemSlugWithStatus<422>;
export type ConflictSlug = ProblemSlugWithStatus<409>;

export function isProblemSlug(value: string): value is ProblemSlug {
  return Object.hasOwn(PROBLEMS, value);
}

export interface ProblemFields {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

type Extensions = Record<string, unknown>;

export class ProblemError extends Error {
  readonly slug: ProblemSlug;
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly extensions: Extensions;

  constructor(slug: ProblemSlug, detail?: string, extensions: Extensions = {}) {
    const { status, title } = PROBLEMS[slug];
    super(detail ?? title);
    this.name = new.target.name;
    this.slug = slug;
    this.status = status;
    this.type = PROBLEM_BASE + slug;
    this.title = title;
    this.extensions = extensions;
  }

  toProblem(): ProblemFields {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.message !== this.title ? { detail: this.message } : {}),
      ...this.extensions,
    };
  }
}

/**
 * Field refusals a person meets on the console's forms, named so the console can say them in the
 * page's language (the message stays the English the API has always given). A closed set.
 */
export type FieldErrorCode =
  | 'required'
  | 'recipient-kind'
  | 'repeated-row'
  | 'unknown-achievement'
  | 'wrong-issuer'
  | 'tier-not-awardable'
  | 'evidence-required'
  | 'language-missing'
  | 'prerequisites-not-met'
  | 'not-in-future'
  | 'too-long'
  | 'line-break'
  | 'placeholder-unknown'
  | 'placeholder-body-only'
  | 'placeholder-missing'
  | 'achievement-twice';

export interface FieldError {
  field: string;
  message: string;
  /** When the refusal is one of the named ones, and the values its words need. */
  code?: FieldErrorCode;
  params?: Record<string, string>;
}

export class MalformedRequestError extends ProblemError {
  constructor(detail: string) {
    super('malformed-request', detail);
  }
}

export class UnauthenticatedError extends ProblemError {
  constructor(detail = 'Send an API key as "Authorization: Bearer <key>".') {
    super('unauthenticated', detail);
  }
}

export class ForbiddenError extends ProblemError {
  constructor(detail: string) {
    super('forbidden', detail);
  }
}

export class NotFoundError extends ProblemError {
  constructor(detail: string) {
    super('not-found', detail);
  }
}

export class ConflictError extends ProblemError {
  constructor(detail: string, slug: ConflictSlug) {
    super(slug, detail);
  }
}

export class PayloadTooLargeError extends ProblemError {
  constructor(detail: string) {
    super('payload-too-large', detail);
  }
}

export class UnsupportedMediaTypeError extends ProblemError {
  constructor(detail: string) {
    super('unsupported-media-type', detail);
  }
}

/** The request is well-formed JSON but its content is not acceptable. */
export class ValidationError extends ProblemError {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    const first = errors[0];
    super('validation-failed', first ? `${first.field}: ${first.message}` : undefined, { errors });
    this.errors = errors;
  }
}

/** Content that a use case rejects for a domain reason (e.g. an issuer that is not this issuer). */
export class UnprocessableError extends ProblemError {
  constructor(slug: UnprocessableSlug, detail: string, extensions?: Extensions) {
    super(slug, detail, extensions);
  }
}

/** JSON nested deeper than the service reads: refused before anything recurses through it. */
export class NestingTooDeepError extends ProblemError {
  constructor(limit: number, field: string) {
    super('nesting-too-deep', `${field} is nested deeper than the limit of ${limit} levels`, {
      limit,
      errors: [{ field, message: `is nested deeper than ${limit} levels` }],
    });
  }
}

/** A client sent more requests than its share; Retry-After says when it may try again. */
export class TooManyRequestsError extends ProblemError {
  constructor(detail: string, retryAfterSeconds: number) {
    super('too-many-requests', detail, { retryAfter: retryAfterSeconds });
  }
}

/** Configuration that stops the process at start; names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}
