import type { JsonObject } from '../core/json.js';

/**
 * The JSON Schemas 1EdTech publishes for OB 3.0 credentials, named in `credentialSchema` the way
 * 1EdTech's own examples do, so validators and verifiers (1EdTech's, DCC verifier-core) check the
 * credential against the schema it claims rather than guessing one from its type.
 */
const SCHEMA_BASE = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/';
export const ACHIEVEMENT_CREDENTIAL_SCHEMA = `${SCHEMA_BASE}ob_v3p0_achievementcredential_schema.json`;
export const ENDORSEMENT_CREDENTIAL_SCHEMA = `${SCHEMA_BASE}ob_v3p0_endorsementcredential_schema.json`;
export const SCHEMA_VALIDATOR_TYPE = '1EdTechJsonSchemaValidator2019';
/** Defines SCHEMA_VALIDATOR_TYPE (the OB 3.0 context does not), as 1EdTech's examples include it. */
export const OB3_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';

const OB3_CONTEXT_PREFIX = 'https://purl.imsglobal.org/spec/ob/v3p0/context';

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The schema an OB 3.0 credential of this type should name, if it is one. */
export function ob3SchemaFor(credential: JsonObject): string | undefined {
  const contexts = asList(credential['@context']);
  if (!contexts.some((c) => typeof c === 'string' && c.startsWith(OB3_CONTEXT_PREFIX))) {
    return undefined;
  }
  const types = asList(credential.type);
  if (types.includes('AchievementCredential') || types.includes('OpenBadgeCredential')) {
    return ACHIEVEMENT_CREDENTIAL_SCHEMA;
  }
  if (types.includes('EndorsementCredential')) return ENDORSEMENT_CREDENTIAL_SCHEMA;
  return undefined;
}

/**
 * The credential with its OB 3.0 schema entry (and the context defining its type) added, unless it
 * names that schema already.
 */
export function withOb3CredentialSchema(credential: JsonObject): JsonObject {
  const schema = ob3SchemaFor(credential);
  if (schema === undefined) return credential;
  const entries = asList(credential.credentialSchema);
  const named = entries.some(
    (entry) => typeof entry === 'object' && entry !== null && (entry as JsonObject).id === schema,
  );
  if (named) return credential;
  const contexts = asList(credential['@context']);
  return {
    ...credential,
    '@context': contexts.includes(OB3_EXTENSIONS_CONTEXT)
      ? contexts
      : [...contexts, OB3_EXTENSIONS_CONTEXT],
    credentialSchema: [...entries, { id: schema, type: SCHEMA_VALIDATOR_TYPE }],
  };
}
