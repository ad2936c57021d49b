import type { JsonObject } from '../../core/json.js';
import type { StatusPurpose } from '../../core/statusPurpose.js';

// Which status entries a credential carries: read by the server's status checks and by the
// offline verify page, which sees the entries but cannot fetch the lists they point to.

const STATUS_ENTRY_TYPES = ['BitstringStatusListEntry'];

export function entriesFor(credential: JsonObject, purpose: StatusPurpose): JsonObject[] {
  return ([] as unknown[])
    .concat(credential.credentialStatus ?? [])
    .filter(
      (entry): entry is JsonObject =>
        typeof entry === 'object' &&
        entry !== null &&
        (entry as JsonObject).type === 'BitstringStatusListEntry' &&
        (entry as JsonObject).statusPurpose === purpose,
    );
}

/** Status entries of a kind this verifier does not read: never silently passed. */
export function unreadEntryTypes(credential: JsonObject): string[] {
  return ([] as unknown[])
    .concat(credential.credentialStatus ?? [])
    .map((entry) => String((entry as JsonObject | null)?.type))
    .filter((type) => !STATUS_ENTRY_TYPES.includes(type));
}

export const noEntryReason = (purpose: StatusPurpose): string =>
  `the credential has no ${purpose} status entry`;

export const unreadReason = (types: readonly string[]): string =>
  `status of type ${types.join(', ')} is not checked by this service`;
