import type { StatusPurpose } from '../core/statusPurpose.js';

// The ids of the checks that need this service's schemas, its store or the network. They live
// here, apart from the checks, so that the offline verify page (a browser bundle, which cannot
// carry those checks) reports under the same ids the API and the server's pages use.

export const STRUCTURE_CHECK_ID = 'structure';
export const STACK_CHECK_ID = 'stack.constituents';

export const statusCheckId = (purpose: StatusPurpose): string => `status.${purpose}`;
