import express, { type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { readFileSync } from 'node:fs';
import {
  MalformedRequestError,
  NestingTooDeepError,
  NotFoundError,
  TooManyRequestsError,
  UnsupportedMediaTypeError,
} from './core/problems.js';
import { authorize, resolvePrincipal } from './http/auth.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { problemHandler } from './http/problems.js';
import { requestIds } from './http/requestIds.js';
import { servedRequests } from './http/servedRequests.js';
import {
  PASSKEY_OPTIONS_PATH,
  PASSKEY_SIGN_IN_PATH,
  passkeyOptionsLimiters,
  passkeySignInLimiters,
  SIGN_IN_PATH,
  signInLimiters,
} from './http/console/signInLimits.js';
import type { RawBody, RouteResponse, RouteSpec } from './http/route.js';
import { routes } from './http/routes/index.js';
import { DID_RESOLVE_PATH } from './http/routes/dids.js';
import { validate } from './schemas.js';
import type { Services } from './services.js';

const BODY_LIMIT = '1mb';
const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * JSON bodies nested deeper than this are refused before validation: the schema validator,
 * JSON-LD expansion and the signer all recurse, and a deep enough body overflows their stacks.
 * Real credentials nest about ten levels.
 */
export const MAX_JSON_DEPTH = 64;

/** The unauthenticated verify routes, limited per client address (VERIFY_RATE_LIMIT). */
export const RATE_LIMITED_PATHS = ['/credentials/verify', '/verify', '/presentations/verify'];
/** GETs that may fetch another host's documents for anyone: counted with the verify POSTs. */
export const RATE_LIMITED_GETS = [DID_RESOLVE_PATH];
const RATE_LIMIT_WINDOW_MS = 60_000;

const packageVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/**
 * Writes each chunk as it comes; a client that goes away ends the stream at its next chunk, and so
 * does the service stopping (an event stream would otherwise hold the stop until its timeout; the
 * client reconnects, with Last-Event-ID, to an instance that runs).
 */
async function sendStream(
  res: Response,
  stream: AsyncIterable<string>,
  stopping: AbortSignal | undefined,
): Promise<void> {
  res.flushHeaders();
  const iterator = stream[Symbol.asyncIterator]();
  let open = true;
  const end = (): void => {
    open = false;
    void iterator.return?.();
    if (!res.writableEnded) res.end();
  };
  res.on('close', end);
  if (stopping?.aborted) end();
  stopping?.addEventListener('abort', end, { once: true });
  try {
    while (open) {
      const next = await iterator.next();
      if (next.done || !open) break;
      res.write(next.value);
    }
  } finally {
    stopping?.removeEventListener('abort', end);
  }
  if (!res.writableEnded) res.end();
}

async function send(
  res: Response,
  response: RouteResponse,
  stopping: AbortSignal | undefined,
): Promise<void> {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  res.type(response.contentType ?? 'application/json');
  if (response.stream) {
    await sendStream(res, response.stream, stopping);
    return;
  }
  const { body } = response;
  res.send(
    (typeof body === 'string' || Buffer.isBuffer(body)) && response.contentType
      ? body
      : JSON.stringify(body),
  );
}

function unsupportedBody(route: RouteSpec): UnsupportedMediaTypeError {
  if (!route.rawBody) {
    return new UnsupportedMediaTypeError(
      'send the body as JSON with "Content-Type: application/json"',
    );
  }
  const types = [...(route.requestSchema ? ['application/json'] : []), ...route.rawBody.mediaTypes];
  return new UnsupportedMediaTypeError(`send the body as one of: ${types.join(', ')}`);
}

/** The bytes of a body in one of the route's raw media types (buffered by express.raw). */
function rawBodyOf(req: Request, route: RouteSpec): RawBody | undefined {
  if (!route.rawBody || !Buffer.isBuffer(req.body) || !req.is(route.rawBody.mediaTypes)) {
    return undefined;
  }
  return { contentType: req.get('content-type') ?? '', bytes: req.body };
}

interface DepthFrame {
  value: object;
  depth: number;
  key: string;
  parent: DepthFrame | undefined;
}

/** `credential.evidence[0].name`, as validation errors name fields. */
function fieldPathOf(frame: DepthFrame): string {
  const keys: string[] = [];
  for (let at: DepthFrame | undefined = frame; at?.parent; at = at.parent) keys.push(at.key);
  const path = keys
    .reverse()
    .map((key) => (key.startsWith('[') ? key : `.${key}`))
    .join('');
  return path === '' ? '(body)' : path.replace(/^\./, '');
}

/** Iterative on purpose: a recursive check would overflow on exactly the bodies it refuses. */
export function assertJsonDepth(body: unknown, limit = MAX_JSON_DEPTH): void {
  if (typeof body !== 'object' || body === null) return;
  const stack: DepthFrame[] = [{ value: body, depth: 1, key: '', parent: undefined }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (frame.depth > limit) throw new NestingTooDeepError(limit, fieldPathOf(frame));
    const isArray = Array.isArray(frame.value);
    for (const [key, child] of Object.entries(frame.value)) {
      if (typeof child !== 'object' || child === null) continue;
      stack.push({
        value: child as object,
        depth: frame.depth + 1,
        key: isArray ? `[${key}]` : key,
        parent: frame,
      });
    }
  }
}

const isEmpty = (req: Request): boolean =>
  req.get('transfer-encoding') === undefined && Number(req.get('content-length') ?? 0) === 0;

/** JSON goes through the one validation path; a raw-body media type reaches the handler as bytes. */
function readBody(req: Request, route: RouteSpec): { body: unknown; rawBody?: RawBody } {
  const rawBody = rawBodyOf(req, route);
  if (rawBody) return { body: undefined, rawBody };
  if (!route.requestSchema) {
    if (route.rawBody) throw unsupportedBody(route);
    return { body: undefined };
  }
  // Left out altogether (no Content-Type, no bytes) is not a body of the wrong type.
  if (route.bodyOptional && !req.get('content-type') && isEmpty(req)) return { body: undefined };
  if (!req.is(JSON_TYPES)) throw unsupportedBody(route);
  if (req.body === undefined) throw new MalformedRequestError('the request has no body');
  assertJsonDepth(req.body);
  return { body: validate(route.requestSchema, req.body) };
}

/**
 * Bodies are buffered (and size-limited) before the handler runs: JSON for routes with a
 * schema, up to their own limit when they set one, and the raw media types a route takes.
 */
function bodyReaders(route: RouteSpec, services: Services): express.RequestHandler[] {
  const readers: express.RequestHandler[] = [];
  if (route.requestSchema) {
    const limit = route.jsonLimit ? route.jsonLimit(services.config) : BODY_LIMIT;
    readers.push(express.json({ limit, type: JSON_TYPES }));
  }
  if (route.rawBody) {
    const { mediaTypes, limit } = route.rawBody;
    readers.push(
      express.raw({
        type: mediaTypes,
        limit: typeof limit === 'function' ? limit(services.config) : limit,
      }),
    );
  }
  return readers;
}

function mount(
  app: express.Express,
  route: RouteSpec,
  services: Services,
  stopping: AbortSignal | undefined,
): void {
  app[route.method](route.path, ...bodyReaders(route, services), async (req, res) => {
    const principal = await resolvePrincipal(req.get('authorization'), services, route.access);
    const params = req.params as Record<string, string>;
    authorize(route.access, principal, params.slug, route.scope);
    const { body, rawBody } = readBody(req, route);
    const query = route.querySchema
      ? validate<Record<string, unknown>>(route.querySchema, { ...req.query }, 'query')
      : (req.query as Record<string, unknown>);
    await send(
      res,
      await route.handle(
        {
          params,
          query,
          headers: req.headers,
          body,
          rawBody,
          principal,
        },
        services,
      ),
      stopping,
    );
  });
}

/** A request with a valid API key; an absent or unknown one is anonymous here (the route decides). */
async function isAuthenticated(req: Request, services: Services): Promise<boolean> {
  const authorization = req.get('authorization');
  if (authorization === undefined) return false;
  try {
    return (await resolvePrincipal(authorization, services)) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Verifying costs JSON-LD work and remote fetches and needs no key, so anonymous POSTs to the
 * verify routes, and GETs that resolve a DID, are counted per client address; requests with a
 * valid key are not.
 */
function verifyRateLimiter(services: Services): RequestHandler | undefined {
  const limit = services.config.verifyRateLimit;
  if (limit === 0) return undefined;
  const { logger } = services;
  const limiter = rateLimit({
    windowMs: RATE_LIMIT_WINDOW_MS,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => isAuthenticated(req, services),
    // The library's own warnings go to the service's logger, not to the console.
    logger: {
      error: (error, message) => logger.error({ err: error }, message ?? 'rate limiter'),
      warn: (error, message) => logger.warn({ err: error }, message ?? 'rate limiter'),
    },
    handler: (_req, res, next) => {
      // The library has set Retry-After from its own window (standardHeaders): reuse its seconds.
      const seconds = Math.max(
        1,
        Number(res.getHeader('retry-after')) || Math.ceil(RATE_LIMIT_WINDOW_MS / 1000),
      );
      res.setHeader('Retry-After', String(seconds));
      next(
        new TooManyRequestsError(
          `more than ${limit} verify requests a minute from this address; try again in ${seconds} s, or send an API key`,
          seconds,
        ),
      );
    },
  });
  return limiter;
}

/** The limiter on one method only: the same paths answer other methods unlimited. */
function onlyFor(method: string, limiter: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.method !== method) {
      next();
      return;
    }
    void limiter(req, res, next);
  };
}

const isRateLimited = (route: RouteSpec): boolean =>
  (route.method === 'post' && RATE_LIMITED_PATHS.includes(route.path)) ||
  (route.method === 'get' && RATE_LIMITED_GETS.includes(route.path));

/** The route table as the OpenAPI document shows it: 429 on the routes the limiter covers. */
function documentedRoutes(services: Services): readonly RouteSpec[] {
  if (services.config.verifyRateLimit === 0) return routes;
  return routes.map((route) =>
    isRateLimited(route)
      ? {
          ...route,
          responses: {
            ...route.responses,
            429: {
              description: `More than ${services.config.verifyRateLimit} requests a minute from this address without an API key; Retry-After says when to try again`,
              schema: 'problem',
              contentType: 'application/problem+json',
            },
          },
        }
      : route,
  );
}

/** The Express app from its parts; main.ts listens, tests use it directly. */
export interface AppOptions {
  /** Aborted when the service begins to stop: open event streams end then. */
  stopping?: AbortSignal;
}

export function createApp(services: Services, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // First: every later handler, and every line it logs, belongs to a named request.
  app.use(requestIds());
  app.use(servedRequests(services.metrics, services.logger));
  // Every response, problems and images included, is to be read as the type it declares.
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  // Before the body is read: a limited request costs no parsing. Matched the way Express
  // matches routes (case-insensitive, trailing slash), so a spelling cannot slip past it.
  const limiter = verifyRateLimiter(services);
  if (limiter) {
    app.use(RATE_LIMITED_PATHS, onlyFor('POST', limiter));
    app.use(RATE_LIMITED_GETS, onlyFor('GET', limiter));
  }

  // Console sign-ins are counted before the route reads them (it then finds the body read).
  app.post(SIGN_IN_PATH, ...signInLimiters(services));
  app.post(PASSKEY_SIGN_IN_PATH, ...passkeySignInLimiters(services));
  app.post(PASSKEY_OPTIONS_PATH, ...passkeyOptionsLimiters(services));

  for (const route of routes) mount(app, route, services, options.stopping);

  const openApiDocument = JSON.stringify(
    buildOpenApiDocument(documentedRoutes(services), services.config.publicUrl, packageVersion),
  );
  app.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(openApiDocument);
  });

  app.use((req) => {
    throw new NotFoundError(`no route for ${req.method} ${req.path}`);
  });
  app.use(problemHandler(services.logger));
  return app;
}
