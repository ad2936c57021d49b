import type { IncomingHttpHeaders } from 'node:http';
import type { SchemaName } from '../schemas.js';
import type { Services } from '../services.js';

export type Principal = { kind: 'admin' } | { kind: 'issuer'; slug: string };

/** public: anyone; admin: the admin key; issuer: admin or the key of the issuer in :slug. */
export type Access = 'public' | 'admin' | 'issuer';

export interface ResponseSpec {
  description: string;
  schema?: SchemaName;
  /** Defaults to application/json. */
  contentType?: string;
}

export interface RouteRequest<Body> {
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  body: Body;
  principal: Principal | undefined;
}

export interface RouteResponse {
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One route: the HTTP binding, its OpenAPI description and its handler, declared once. */
export interface RouteSpec<Body = unknown> {
  method: 'get' | 'post';
  /** Express syntax (`/issuers/:slug`). */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  access: Access;
  requestSchema?: SchemaName;
  requestDescription?: string;
  headers?: Array<{ name: string; description: string }>;
  responses: Record<number, ResponseSpec>;
  handle(request: RouteRequest<Body>, services: Services): Promise<RouteResponse>;
}

/** Ties a handler's body type to the schema that validates it before the handler runs. */
export function defineRoute<Body>(spec: RouteSpec<Body>): RouteSpec {
  return spec as RouteSpec;
}
