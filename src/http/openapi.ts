import { PROBLEM_BASE, PROBLEMS } from '../core/problems.js';
import { baseUrlOf } from '../core/publicUrl.js';
import { schemaDocuments, type SchemaName } from '../schemas.js';
import type { ResponseSpec, RouteSpec } from './route.js';

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

/**
 * Our schemas refer to each other by file name, and to their own $defs by local pointer; in the
 * document both must point into components.
 */
function componentRefOf(ref: string, owner: string): string {
  const [file = '', pointer = ''] = ref.split('#');
  const target =
    file === '' ? owner : componentName(file.replace(/^.*\//, '').replace(/\.json$/, ''));
  return `#/components/schemas/${target}${pointer}`;
}

function toComponent(node: unknown, owner: string): unknown {
  if (Array.isArray(node)) return node.map((item) => toComponent(item, owner));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== '$id' && key !== '$schema')
      .map(([key, value]) =>
        key === '$ref' && typeof value === 'string'
          ? [key, componentRefOf(value, owner)]
          : [key, toComponent(value, owner)],
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
  415: 'The body is not in a media type this operation accepts',
  422: 'The content is invalid; the problem names the field',
};

const ACCESS_DESCRIPTIONS: Record<string, string> = {
  admin: 'Needs the admin API key.',
  issuer: "Needs the admin key or this issuer's key.",
  registrar: "Needs the admin key or a registrar's key.",
  authenticated:
    "Needs the admin key or an issuer's key; on a credential, only its issuer's key or the admin's.",
};

function scopeDescription(route: RouteSpec): string {
  if (route.access === 'admin' || route.access === 'registrar') return '';
  return route.scope
    ? `A scoped API key needs the scope \`${route.scope}\`.`
    : "Not open to scoped API keys: the issuer's own key or the admin key.";
}

function problemResponses(route: RouteSpec): number[] {
  const statuses = [404];
  if (route.access !== 'public') statuses.push(401, 403);
  if (route.requestSchema) statuses.push(400, 413, 415, 422);
  else if (route.querySchema) statuses.push(422);
  else if (route.rawBody) statuses.push(413, 415, 422);
  return statuses;
}

/** JSON by the route's schema, and each raw media type as bytes (multipart by its field schema). */
function requestContent(route: RouteSpec): Json | undefined {
  const content: Json = {};
  if (route.requestSchema)
    content['application/json'] = { schema: componentRef(route.requestSchema) };
  for (const mediaType of route.rawBody?.mediaTypes ?? []) {
    const multipartSchema = route.rawBody?.multipartSchema;
    const documentedAs = route.rawBody?.documentedAs;
    content[mediaType] =
      mediaType === 'multipart/form-data' && multipartSchema
        ? { schema: componentRef(multipartSchema) }
        : documentedAs
          ? { schema: componentRef(documentedAs) }
          : { schema: { type: 'string', contentMediaType: mediaType } };
  }
  return Object.keys(content).length > 0 ? content : undefined;
}

/** A response's body: by its schema, or as text/bytes of its media type when it has none. */
function responseContent(response: ResponseSpec): Json | undefined {
  const contentType = response.contentType ?? 'application/json';
  if (response.schema) return { [contentType]: { schema: componentRef(response.schema) } };
  if (response.contentType) return { [contentType]: { schema: { type: 'string' } } };
  return undefined;
}

/** Each property of the route's query schema, as the query parameter it is. */
function queryParameters(route: RouteSpec): Json[] {
  if (!route.querySchema) return [];
  const schema = schemaDocuments.get(route.querySchema) ?? {};
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = (schema.required ?? []) as string[];
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: toComponent(property, componentName(route.querySchema ?? '')),
  }));
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
    const content = responseContent(response);
    responses[status] = { description: response.description, ...(content ? { content } : {}) };
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
  const parameters = [...pathParameters, ...queryParameters(route), ...headerParameters];
  const requestBody = requestContent(route);
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.access === 'public'
      ? { security: [] }
      : {
          description: [ACCESS_DESCRIPTIONS[route.access], scopeDescription(route)]
            .join(' ')
            .trim(),
          // OpenAPI lets a bearer scheme list the roles (here: scopes) an operation needs.
          security: [{ bearerAuth: route.scope ? [route.scope] : [] }],
          'x-scope': route.scope ?? null,
        }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody
      ? { requestBody: { required: route.bodyOptional !== true, content: requestBody } }
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
    servers: [{ url: baseUrlOf(publicUrl) }],
    security: [{ bearerAuth: [] }],
    // Every problem type a response can carry, with its one status and title.
    'x-problem-types': Object.entries(PROBLEMS).map(([slug, { status, title }]) => ({
      type: PROBLEM_BASE + slug,
      status,
      title,
    })),
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
        [...schemaDocuments].map(([name, schema]) => [
          componentName(name),
          toComponent(schema, componentName(name)),
        ]),
      ),
    },
  };
}
