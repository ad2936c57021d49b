import express, { type Request, type Response } from 'express';
import { readFileSync } from 'node:fs';
import { MalformedRequestError, NotFoundError, UnsupportedMediaTypeError } from './errors.js';
import { authorize, resolvePrincipal } from './http/auth.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { problemHandler } from './http/problems.js';
import type { RouteResponse, RouteSpec } from './http/route.js';
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
  res.send(
    typeof response.body === 'string' && response.contentType
      ? response.body
      : JSON.stringify(response.body),
  );
}

function parsedBody(req: Request, route: RouteSpec): unknown {
  if (!req.is(JSON_TYPES)) {
    throw new UnsupportedMediaTypeError(
      'send the body as JSON with "Content-Type: application/json"',
    );
  }
  if (req.body === undefined) throw new MalformedRequestError('the request has no body');
  return validate(route.requestSchema ?? '', req.body);
}

function mount(app: express.Express, route: RouteSpec, services: Services): void {
  app[route.method](route.path, async (req, res) => {
    const principal = await resolvePrincipal(req.get('authorization'), services);
    const params = req.params as Record<string, string>;
    authorize(route.access, principal, params.slug);
    const body = route.requestSchema ? parsedBody(req, route) : undefined;
    send(
      res,
      await route.handle(
        {
          params,
          query: req.query as Record<string, unknown>,
          headers: req.headers,
          body,
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
