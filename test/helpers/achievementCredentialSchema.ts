import { readFileSync } from 'node:fs';
import { Ajv2019, type ErrorObject } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';

// 1EdTech's published OB 3.0 AchievementCredential schema (draft 2019-09), kept beside this
// repository in ../shared/schemas-external as data, never edited here.
const SCHEMA_FILE = new URL(
  '../../../shared/schemas-external/ob_v3p0_achievementcredential_schema.json',
  import.meta.url,
);

// ajv-formats ships CommonJS with a default export that NodeNext sees one level down.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
/** The schema as published, e.g. for a verifier that fetches it by its URL. */
export const ACHIEVEMENT_CREDENTIAL_SCHEMA_TEXT = readFileSync(SCHEMA_FILE, 'utf8');

const validateAchievementCredential = ajv.compile(
  JSON.parse(ACHIEVEMENT_CREDENTIAL_SCHEMA_TEXT) as Record<string, unknown>,
);

/** "<path> <message>" for each way the credential fails 1EdTech's schema; none when it passes. */
export function achievementCredentialSchemaErrors(credential: unknown): string[] {
  if (validateAchievementCredential(credential)) return [];
  return (validateAchievementCredential.errors ?? []).map(
    (error: ErrorObject) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`,
  );
}
