import { UnprocessableError } from '../../core/problems.js';
import { UnresolvableDidError } from '../../keys/didMethods.js';
import { defineRoute } from '../route.js';

// DIDs resolved for anyone, so the offline verify page (which asks only this service) can keep a
// did:web issuer's key for later. Other hosts' did:web documents are fetched under the URL policy.

export const DID_RESOLVE_PATH = '/dids/resolve';

// A did:key is its own key and never changes; a did:web document changes when keys rotate.
const DID_KEY_CACHE = 'public, max-age=86400';
const DID_WEB_CACHE = 'public, max-age=300';

export const didRoutes = [
  defineRoute({
    method: 'get',
    path: DID_RESOLVE_PATH,
    operationId: 'resolveDid',
    summary:
      "Resolve a did:key or did:web to its DID document (this service's issuers from its store, others' under the URL policy)",
    tag: 'Verifying',
    access: 'public',
    querySchema: 'did-resolve-query',
    responses: {
      200: { description: 'The DID document', schema: 'did-document' },
      422: {
        description:
          'The DID does not resolve (`did-unresolvable`); `unreachable: true` when its host could not be reached, so nothing is known about it',
        schema: 'problem',
        contentType: 'application/problem+json',
      },
    },
    async handle({ query }, { resolveDid }) {
      const did = String(query.did);
      try {
        const document = await resolveDid(did);
        return {
          status: 200,
          body: document,
          headers: { 'Cache-Control': did.startsWith('did:key:') ? DID_KEY_CACHE : DID_WEB_CACHE },
        };
      } catch (error) {
        if (error instanceof UnresolvableDidError && error.unreachable)
          throw new UnprocessableError('did-unresolvable', error.message, {
            did,
            unreachable: true,
          });
        throw error;
      }
    },
  }),
];
