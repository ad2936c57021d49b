import type { RouteSpec } from '../route.js';
import { credentialRoutes } from './credentials.js';
import { healthRoutes } from './health.js';
import { issuerRoutes } from './issuers.js';

/** Every route the service serves, besides /openapi.json itself. */
export const routes: readonly RouteSpec[] = [...healthRoutes, ...issuerRoutes, ...credentialRoutes];
