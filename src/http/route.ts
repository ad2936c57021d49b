import type { IncomingHttpHeaders } from 'node:http';
import type { Scope } from '../core/scopes.js';
import type { SchemaName } from '../schemas.js';
import type { Services } from '../services.js';
import type { RequestBodies } from './requestBodies.js';

/** An issuer's key made with the issuer has every scope; a scoped key names its own. */
export type Principal =
  | { kind: 'admin' }
  | { kind: 'issuer'; slug: string; scopes?: readonly Scope[] }
  | { kind: 'registrar'; slug: string };

/**
 * public: anyone; admin: the admin key; issuer: admin or the key of the issuer in :slug (never a
 * registrar's); registrar: admin or any registrar's key; authenticated: any valid key, the handler
 * decides (e.g. by the credential's issuer).
 */
export type Access = 'public' | 'admin' | 'issuer' | 'registrar' | 'authenticated';

export interface ResponseSpec {
  description: string;
  schema?: SchemaName;
  /** Defaults to application/json. */
  contentType?: string;
}

/** A body a route takes as bytes (an image, a multipart form) instead of validated JSON. */
export interface RawBody {
  /** The Content-Type header as sent, parameters (such as a multipart boundary) included. */
  contentType: string;
  bytes: Buffer;
}

/** Media types a route accepts as raw bytes, besides JSON when it has a requestSchema. */
export interface RawBodySpec {
  mediaTypes: string[];
  /**
   * Bytes, or the setting that says how many; a larger body is refused with 413 before the
   * handler runs.
   */
  limit: number | ((config: Services['config']) => number);
  /** Describes the fields of a multipart/form-data body in the OpenAPI document. */
  multipartSchema?: SchemaName;
  /**
   * Describes any other raw body in the OpenAPI document; the handler reads it (a protocol that
   * answers bad bodies in its own error format, such as OAuth's, takes its body raw).
   */
  documentedAs?: SchemaName;
}

export interface RouteRequest<Body> {
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The validated JSON body; undefined when the request came as a raw body. */
  body: Body;
  /** Set when the body matched one of the route's rawBody media types. */
  rawBody?: RawBody;
  principal: Principal | undefined;
}

export interface RouteResponse {
  status: number;
  /** JSON, text (with a contentType) or bytes (a Buffer, with a contentType). */
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** Sent chunk by chunk as it is produced (Server-Sent Events) instead of a body. */
  stream?: AsyncIterable<string>;
}

/** One route: the HTTP binding, its OpenAPI description and its handler, declared once. */
export interface RouteSpec<Body = unknown> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express syntax (`/issuers/:slug`). */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  access: Access;
  /**
   * The scope a scoped API key needs here. A route without one takes the issuer's own key or the
   * admin key only, so a new route is closed to scoped keys until it names its scope.
   */
  scope?: Scope;
  /** Every name here has a generated body type (src/http/requestBodies.ts). */
  requestSchema?: keyof RequestBodies;
  /** The JSON body may be left out (no Content-Type, no bytes): the handler gets undefined. */
  bodyOptional?: true;
  requestDescription?: string;
  rawBody?: RawBodySpec;
  /**
   * The schema (an object of string properties) the query string is validated by before the
   * handler runs; each property is a query parameter in the OpenAPI document.
   */
  querySchema?: SchemaName;
  /** The largest JSON body taken, when larger than the service's default (1 MB). */
  jsonLimit?: (config: Services['config']) => number;
  headers?: Array<{ name: string; description: string }>;
  responses: Record<number, ResponseSpec>;
  handle(request: RouteRequest<Body>, services: Services): Promise<RouteResponse>;
}

/**
 * Ties a handler's body type to the schema that validates it before the handler runs: the body is
 * the type generated from that schema, so the two cannot drift. A route that also takes a raw body
 * gets undefined for the JSON body when the request came raw, one whose body is optional when it
 * was left out; one without a schema, always.
 */
export function defineRoute<S extends keyof RequestBodies>(
  spec: RouteSpec<RequestBodies[S]> & {
    requestSchema: S;
    rawBody?: undefined;
    bodyOptional?: undefined;
  },
): RouteSpec;
export function defineRoute<S extends keyof RequestBodies>(
  spec: RouteSpec<RequestBodies[S] | undefined> & {
    requestSchema: S;
    rawBody?: undefined;
    bodyOptional: true;
  },
): RouteSpec;
export function defineRoute<S extends keyof RequestBodies>(
  spec: RouteSpec<RequestBodies[S] | undefined> & { requestSchema: S; rawBody: RawBodySpec },
): RouteSpec;
export function defineRoute(spec: RouteSpec<undefined> & { requestSchema?: undefined }): RouteSpec;
export function defineRoute(spec: RouteSpec<never>): RouteSpec {
  return spec as RouteSpec;
}
