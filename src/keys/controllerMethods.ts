import type { JsonObject } from '../core/json.js';

// Pure, so the browser verifier finds keys in a DID document the way the server does.

const METHOD_LISTS = ['verificationMethod', 'assertionMethod', 'authentication'];

/** A method by id inside a controller document (listed as an object in any of its lists). */
export function methodIn(document: JsonObject, url: string): JsonObject | undefined {
  for (const list of METHOD_LISTS) {
    const found = ([] as unknown[])
      .concat(document[list] ?? [])
      .find(
        (entry): entry is JsonObject =>
          typeof entry === 'object' && entry !== null && (entry as JsonObject).id === url,
      );
    if (found) return { '@context': document['@context'], ...found };
  }
  return undefined;
}
