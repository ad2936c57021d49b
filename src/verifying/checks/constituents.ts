import type { JsonObject } from '../../core/json.js';

// Which credentials a tier names as its constituents: read by the server's stack check and by
// the offline verify page, which can say a tier has constituents but cannot look them up.

export interface NamedConstituent {
  uuid: string;
  digest: string;
}

/** Evidence items that name a credential by urn:uuid and digest: the constituents of a tier. */
export function constituentsOf(credential: JsonObject): NamedConstituent[] {
  return ([] as unknown[]).concat(credential.evidence ?? []).flatMap((item) => {
    const { id, digestMultibase: digest } = (item ?? {}) as JsonObject;
    if (typeof id !== 'string' || typeof digest !== 'string' || !id.startsWith('urn:uuid:'))
      return [];
    return [{ uuid: id.slice('urn:uuid:'.length).toLowerCase(), digest }];
  });
}

export const NOT_A_STACK = 'the credential is not built from other credentials';
