const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID = new RegExp(`^${UUID_PATTERN}$`, 'i');
const URN_UUID = new RegExp(`^urn:uuid:(${UUID_PATTERN})$`, 'i');

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The UUID of a `urn:uuid:` credential id, lower-cased; undefined for any other id. */
export function uuidOfCredentialId(id: string): string | undefined {
  return URN_UUID.exec(id)?.[1]?.toLowerCase();
}

export function credentialIdOf(uuid: string): string {
  return `urn:uuid:${uuid}`;
}
