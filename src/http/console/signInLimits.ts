// Failed console sign-ins are counted per account (the e-mail given) and per client address;
// past either limit the form answers 429 with a page saying when to try again. Successful
// sign-ins are not counted, so a busy office behind one address is not locked out by its own use.
// A passkey sign-in names no account before it verifies, so only its address is counted; its
// challenges (each one stored) are counted per address whether they are used or not.
import express, { type Request, type RequestHandler } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { basePathOf } from '../../core/publicUrl.js';
import { renderSignInLimitedPage } from '../../pages/console/signInPages.js';
import { chooseLanguage } from '../../pages/i18n/languages.js';
import type { Services } from '../../services.js';
import { htmlResponse } from '../htmlResponse.js';

export const SIGN_IN_PATH = '/console/sign-in';
export const PASSKEY_SIGN_IN_PATH = '/console/sign-in/passkey';
export const PASSKEY_OPTIONS_PATH = '/console/sign-in/passkey-options';
/** A quarter of an hour: the window both limits count in. */
const WINDOW_MS = 15 * 60_000;
const FORM_LIMIT = '16kb';

/** The e-mail a sign-in form names (the body is read once, here, and left for the route). */
function accountOf(req: Request): string {
  const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  return (new URLSearchParams(body).get('email') ?? '').trim().toLowerCase();
}

function limiter(
  services: Services,
  limit: number,
  keyGenerator: ((req: Request) => string) | undefined,
  count: 'failures' | 'all' = 'failures',
): RequestHandler {
  const { logger } = services;
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    skipSuccessfulRequests: count === 'failures',
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(keyGenerator ? { keyGenerator } : {}),
    logger: {
      error: (error, message) => logger.error({ err: error }, message ?? 'sign-in limiter'),
      warn: (error, message) => logger.warn({ err: error }, message ?? 'sign-in limiter'),
    },
    handler: (req, res) => {
      const now = services.clock().getTime();
      // The library puts its count on the request (untyped on Express's Request).
      const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
      const reset = info?.resetTime?.getTime() ?? now + WINDOW_MS;
      const seconds = Math.max(1, Math.ceil((reset - now) / 1000));
      const language = chooseLanguage(req.query.lang, req.get('accept-language'));
      const page = htmlResponse(
        renderSignInLimitedPage({
          language,
          basePath: basePathOf(services.config.publicUrl),
          retryAfterSeconds: seconds,
          retryAt: new Date(now + seconds * 1000).toISOString(),
        }),
        language,
        429,
      );
      for (const [name, value] of Object.entries(page.headers ?? {})) res.setHeader(name, value);
      res.setHeader('Retry-After', String(seconds));
      res.status(429).type('text/html; charset=utf-8').send(page.body);
    },
  });
}

const readForm = () =>
  express.raw({ type: 'application/x-www-form-urlencoded', limit: FORM_LIMIT });

/** Mounted before the route on POST /console/sign-in. */
export function signInLimiters(services: Services): RequestHandler[] {
  const { signInLimitPerAddress, signInLimitPerAccount } = services.config;
  return [
    readForm(),
    limiter(services, signInLimitPerAddress, undefined),
    limiter(services, signInLimitPerAccount, (req) => `account:${accountOf(req)}`),
  ];
}

/** Mounted before the route on POST /console/sign-in/passkey. */
export function passkeySignInLimiters(services: Services): RequestHandler[] {
  return [readForm(), limiter(services, services.config.signInLimitPerAddress, undefined)];
}

/**
 * Mounted before the route on POST /console/sign-in/passkey-options: a page asks once per
 * attempt, so four attempts' worth for each failure the address may make.
 */
export function passkeyOptionsLimiters(services: Services): RequestHandler[] {
  const perAddress = services.config.signInLimitPerAddress * 4;
  return [readForm(), limiter(services, perAddress, undefined, 'all')];
}
