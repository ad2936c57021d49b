import { schemaDocuments, type SchemaName } from '../schemas.js';
import type { RouteSpec } from './route.js';

type Json = Record<string, unknown>;

/** issuer-create -> IssuerCreate: the component name of a schema file. */
export function componentName(schema: SchemaName): string {
  return schema.replace(/(^|-)([a-z])/g, (_m, _dash: string, letter: string) =>
    letter.toUpperCase(),
  );
}

const componentRef = (schema: SchemaName): Json => ({
  $ref: `#/components/schemas/${componentName(schema)}`,
});

/** Our schemas refer to each other by file name; in the document they refer to components. */
function toComponent(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toComponent);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== '$id' && key !== '$schema')
      .map(([key, value]) =>
        key === '$ref' && typeof value === 'string' && value.endsWith('.json')
          ? [
              key,
              `#/components/schemas/${componentName(value.replace(/^.*\//, '').replace(/\.json$/, ''))}`,
            ]
          : [key, toComponent(value)],
      ),
  );
}

/** `/issuers/:slug` -> `/issuers/{slug}` */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const PROBLEM_STATUSES: Record<number, string> = {
  400: 'Malformed request (e.g. the body is not JSON)',
  401: 'No or unknown API key',
  403: 'The API key may not act for this issuer',
  404: 'No such resource',
  413: 'The body is too large',
  415: 'The body is not JSON',
  422: 'The content is invalid; the problem names the field',
};

function problemResponses(route: RouteSpec): number[] {
  const statuses = [404];
  if (route.access !== 'public') statuses.push(401, 403);
  if (route.requestSchema) statuses.push(400, 413, 415, 422);
  return statuses;
}

function operation(route: RouteSpec): Json {
  const responses: Json = {};
  for (const status of problemResponses(route)) {
    responses[status] = {
      description: PROBLEM_STATUSES[status],
      content: { 'application/problem+json': { schema: componentRef('problem') } },
    };
  }
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? {
            content: {
              [response.contentType ?? 'application/json']: {
                schema: componentRef(response.schema),
              },
            },
          }
        : {}),
    };
  }
  const pathParameters = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const headerParameters = (route.headers ?? []).map((header) => ({
    name: header.name,
    in: 'header',
    required: false,
    description: header.description,
    schema: { type: 'string' },
  }));
  const parameters = [...pathParameters, ...headerParameters];
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.access === 'public' ? { security: [] } : {}),
    ...(route.access !== 'public'
      ? {
          description:
            route.access === 'admin'
              ? 'Needs the admin API key.'
              : "Needs the admin key or this issuer's key.",
        }
      : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.requestSchema
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: componentRef(route.requestSchema) } },
          },
        }
      : {}),
    responses,
  };
}

/** One OpenAPI 3.1 document, built from the route table and the same schemas that validate. */
export function buildOpenApiDocument(
  routes: readonly RouteSpec[],
  publicUrl: URL,
  version: string,
): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Stackable micro-credentials',
      version,
      description: 'Issue, stack and verify Open Badges 3.0 credentials (W3C VC 2.0).',
    },
    servers: [{ url: publicUrl.href.replace(/\/$/, '') }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An issuer API key or the admin key',
        },
      },
      schemas: Object.fromEntries(
        [...schemaDocuments].map(([name, schema]) => [componentName(name), toComponent(schema)]),
      ),
    },
  };
}
