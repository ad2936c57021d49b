import type { JsonObject } from '../../core/json.js';
import { methodIn } from '../../keys/controllerMethods.js';
import { createDidKeyResolver, UnresolvableDidError } from '../../keys/didMethods.js';
import type { KeyDocuments } from '../../verifying/keyDocuments.js';

// The keys the page can find with no connection: a did:key is its own public key. Any other DID
// (did:web) is left to the service, online; the check then reads "could not be checked", never
// "failed" and never "passed".

export function pageKeyDocuments(): KeyDocuments {
  const resolveDidKey = createDidKeyResolver();
  async function load(url: string): Promise<JsonObject> {
    const [did = url] = url.split('#');
    if (!did.startsWith('did:key:')) {
      throw new UnresolvableDidError(
        did,
        'only a did:key is resolved on this device; the service resolves other DIDs, online',
        { unreachable: true },
      );
    }
    const document = await resolveDidKey(did);
    if (!url.includes('#')) return document;
    const method = methodIn(document, url);
    if (!method) throw new UnresolvableDidError(did, `${url} is not one of its keys`);
    return method;
  }
  return {
    verificationMethod: load,
    async controller(id) {
      const document = await load(id);
      if (document.id !== id)
        throw new UnresolvableDidError(id, `the document found names ${String(document.id)}`);
      return document;
    },
  };
}
