import type { ErrorRequestHandler, Request, Response } from 'express';
import {
  MalformedRequestError,
  PayloadTooLargeError,
  ProblemError,
  UnsupportedMediaTypeError,
  type ProblemFields,
} from '../core/problems.js';
import type { Logger } from '../logger.js';

export const PROBLEM_JSON = 'application/problem+json';

export function sendProblem(res: Response, problem: ProblemFields): void {
  res.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
}

/** The Content-Encoding a body was sent with, when it is compressed. */
function compressionOf(req: Request): string | undefined {
  const encoding = req.get('content-encoding')?.trim().toLowerCase();
  return encoding === undefined || encoding === '' || encoding === 'identity'
    ? undefined
    : encoding;
}

/**
 * body-parser reports its own failures as http-errors with a `type`; a body that does not
 * decompress comes as zlib's error with a 400 status and no type; Express reports a path it
 * cannot decode as a bare 400. All are the client's, none may become a 500.
 */
function fromBodyParser(error: unknown, req: Request): ProblemError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status, expose, message } = error as {
    type?: unknown;
    status?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  const text = typeof message === 'string' ? message : 'the request could not be read';
  if (type === 'entity.parse.failed') {
    return new MalformedRequestError(`the body is not valid JSON: ${text}`);
  }
  if (type === 'entity.too.large') {
    const limit = (error as { limit?: unknown }).limit;
    return new PayloadTooLargeError(`the body is larger than the limit of ${String(limit)} bytes`);
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new UnsupportedMediaTypeError(text);
  }
  if (
    type === 'request.aborted' ||
    type === 'request.size.invalid' ||
    type === 'stream.encoding.set'
  ) {
    return new MalformedRequestError(text);
  }
  // The router marks a path it cannot percent-decode with status 400 (but not `expose`).
  if (error instanceof URIError && status === 400) return new MalformedRequestError(text);
  // Only http-errors marked `expose` (client errors) get here; anything else stays a logged 500.
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) {
    return undefined;
  }
  const encoding = compressionOf(req);
  if (status === 400 && type === undefined && encoding !== undefined) {
    return new MalformedRequestError(
      `the body does not decode as Content-Encoding "${encoding}": ${text}`,
    );
  }
  if (status === 400) return new MalformedRequestError(text);
  if (status === 413) return new PayloadTooLargeError(text);
  if (status === 415) return new UnsupportedMediaTypeError(text);
  // Each problem type has one status: any other client error (none is raised here today) is a 400.
  return new ProblemError('request-refused', text);
}

/** The last handler: every failure leaves as problem+json, and nothing internal leaks. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem = error instanceof ProblemError ? error : fromBodyParser(error, req);
    if (problem) {
      sendProblem(res, problem.toProblem());
      return;
    }
    logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    sendProblem(res, new ProblemError('internal-error', 'the error was logged').toProblem());
  };
}
