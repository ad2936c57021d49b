import express, { type Request, type Response } from 'express';
import { readFileSync } from 'node:fs';
import { MalformedRequestError, NotFoundError, UnsupportedMediaTypeError } from './errors.js';
import { authorize, resolvePrincipal } from './http/auth.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { problemHandler } from './http/problems.js';
import type { RawBody, RouteResponse, RouteSpec } from './http/route.js';
import { routes } from './http/routes/index.js';
import { validate } from './schemas.js';
import type { Services } from './services.js';

const BODY_LIMIT = '1mb';
const JSON_TYPES = ['application/json', 'application/*+json'];

const packageVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

function send(res: Response, response: RouteResponse): void {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  res.type(response.contentType ?? 'application/json');
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

/** JSON goes through the one validation path; a raw-body media type reaches the handler as bytes. */
function readBody(req: Request, route: RouteSpec): { body: unknown; rawBody?: RawBody } {
  const rawBody = rawBodyOf(req, route);
  if (rawBody) return { body: undefined, rawBody };
  if (!route.requestSchema) {
    if (route.rawBody) throw unsupportedBody(route);
    return { body: undefined };
  }
  if (!req.is(JSON_TYPES)) throw unsupportedBody(route);
  if (req.body === undefined) throw new MalformedRequestError('the request has no body');
  return { body: validate(route.requestSchema, req.body) };
}

/** Raw-body routes get their bytes buffered (and size-limited) before the handler runs. */
function bodyReaders(route: RouteSpec): express.RequestHandler[] {
  if (!route.rawBody) return [];
  return [express.raw({ type: route.rawBody.mediaTypes, limit: route.rawBody.limit })];
}

function mount(app: express.Express, route: RouteSpec, services: Services): void {
  app[route.method](route.path, ...bodyReaders(route), async (req, res) => {
    const principal = await resolvePrincipal(req.get('authorization'), services, route.access);
    const params = req.params as Record<string, string>;
    authorize(route.access, principal, params.slug);
    const { body, rawBody } = readBody(req, route);
    send(
      res,
      await route.handle(
        {
          params,
          query: req.query as Record<string, unknown>,
          headers: req.headers,
          body,
          rawBody,
          principal,
        },
        services,
      ),
    );
  });
}

/** The Express app from its parts; main.ts listens, tests use it directly. */
export function createApp(services: Services): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(express.json({ limit: BODY_LIMIT, type: JSON_TYPES }));

  for (const route of routes) mount(app, route, services);

  const openApiDocument = JSON.stringify(
    buildOpenApiDocument(routes, services.config.publicUrl, packageVersion),
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
