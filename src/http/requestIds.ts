import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { runInRequest } from '../requestContext.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * A proxy's or client's id is kept so one request can be followed across systems; anything that
 * could not pass for one (too long, spaces, control characters) is replaced rather than logged.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:=+/-]{1,128}$/;

/** Names each request (echoed in X-Request-Id) and serves it inside that name's context. */
export function requestIds(): RequestHandler {
  return (req, res, next) => {
    const given = req.get(REQUEST_ID_HEADER);
    const requestId = given !== undefined && SANE_REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.locals.requestId = requestId;
    runInRequest(requestId, next);
  };
}

/** The id requestIds gave this request. */
export function requestIdOf(res: { locals: Record<string, unknown> }): string | undefined {
  const id = res.locals.requestId;
  return typeof id === 'string' ? id : undefined;
}
