import type { ErrorRequestHandler, Response } from 'express';
import {
  MalformedRequestError,
  PayloadTooLargeError,
  ProblemError,
  UnsupportedMediaTypeError,
  type ProblemFields,
} from '../errors.js';
import type { Logger } from '../logger.js';

export const PROBLEM_JSON = 'application/problem+json';

export function sendProblem(res: Response, problem: ProblemFields): void {
  res.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
}

/** body-parser reports its failures as http-errors with a `type`. */
function fromBodyParser(error: unknown): ProblemError | undefined {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.parse.failed') {
    return new MalformedRequestError(`the body is not valid JSON: ${(error as Error).message}`);
  }
  if (type === 'entity.too.large') {
    const limit = (error as { limit?: unknown }).limit;
    return new PayloadTooLargeError(`the body is larger than the limit of ${String(limit)} bytes`);
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new UnsupportedMediaTypeError((error as Error).message);
  }
  if (
    type === 'request.aborted' ||
    type === 'request.size.invalid' ||
    type === 'stream.encoding.set'
  ) {
    return new MalformedRequestError((error as Error).message);
  }
  return undefined;
}

/** The last handler: every failure leaves as problem+json, and nothing internal leaks. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem = error instanceof ProblemError ? error : fromBodyParser(error);
    if (problem) {
      sendProblem(res, problem.toProblem());
      return;
    }
    logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    sendProblem(
      res,
      new ProblemError(500, 'internal-error', 'Internal error', 'the error was logged').toProblem(),
    );
  };
}
