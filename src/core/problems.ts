// One error hierarchy for the whole service. Each error is an RFC 9457 problem; the HTTP layer
// renders it as application/problem+json and never exposes anything else.
export const PROBLEM_BASE = 'https://stackable-credentials.dev/problems/';

export interface ProblemFields {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly extensions: Record<string, unknown>;

  constructor(
    status: number,
    slug: string,
    title: string,
    detail?: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = new.target.name;
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

export interface FieldError {
  field: string;
  message: string;
}

export class MalformedRequestError extends ProblemError {
  constructor(detail: string) {
    super(400, 'malformed-request', 'Malformed request', detail);
  }
}

export class UnauthenticatedError extends ProblemError {
  constructor(detail = 'Send an API key as "Authorization: Bearer <key>".') {
    super(401, 'unauthenticated', 'Authentication required', detail);
  }
}

export class ForbiddenError extends ProblemError {
  constructor(detail: string) {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

export class NotFoundError extends ProblemError {
  constructor(detail: string) {
    super(404, 'not-found', 'Not found', detail);
  }
}

export class ConflictError extends ProblemError {
  constructor(detail: string, slug = 'conflict') {
    super(409, slug, 'Conflict', detail);
  }
}

export class PayloadTooLargeError extends ProblemError {
  constructor(detail: string) {
    super(413, 'payload-too-large', 'Payload too large', detail);
  }
}

export class UnsupportedMediaTypeError extends ProblemError {
  constructor(detail: string) {
    super(415, 'unsupported-media-type', 'Unsupported media type', detail);
  }
}

/** The request is well-formed JSON but its content is not acceptable. */
export class ValidationError extends ProblemError {
  readonly errors: FieldError[];
  constructor(errors: FieldError[], title = 'Invalid request content') {
    const first = errors[0];
    super(422, 'validation-failed', title, first ? `${first.field}: ${first.message}` : title, {
      errors,
    });
    this.errors = errors;
  }
}

/** Content that a use case rejects for a domain reason (e.g. an issuer that is not this issuer). */
export class UnprocessableError extends ProblemError {
  constructor(
    slug: string,
    title: string,
    detail: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(422, slug, title, detail, extensions);
  }
}

/** JSON nested deeper than the service reads: refused before anything recurses through it. */
export class NestingTooDeepError extends ProblemError {
  constructor(limit: number, field: string) {
    super(
      422,
      'nesting-too-deep',
      'JSON nested too deeply',
      `${field} is nested deeper than the limit of ${limit} levels`,
      { limit, errors: [{ field, message: `is nested deeper than ${limit} levels` }] },
    );
  }
}

/** A client sent more requests than its share; Retry-After says when it may try again. */
export class TooManyRequestsError extends ProblemError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, 'too-many-requests', 'Too many requests', detail, { retryAfter: retryAfterSeconds });
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
