import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ValidationError, type FieldError } from './core/problems.js';

// ajv-formats ships CommonJS with a default export that NodeNext sees one level down.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const SCHEMA_DIR = new URL('../schemas/', import.meta.url);
export const SCHEMA_BASE = 'https://stackable-credentials.dev/schemas/';

export type SchemaName = string;

/** Every schema in schemas/, by file name without .json: the one source for validation and OpenAPI. */
export const schemaDocuments: ReadonlyMap<SchemaName, Record<string, unknown>> = new Map(
  readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => [
      file.replace(/\.json$/, ''),
      JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')) as Record<string, unknown>,
    ]),
);

const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true });
addFormats(ajv);
for (const schema of schemaDocuments.values()) ajv.addSchema(schema);

function validatorFor(name: SchemaName): ValidateFunction {
  const validate = ajv.getSchema(`${SCHEMA_BASE}${name}.json`);
  if (!validate) throw new Error(`no schema named ${name}`);
  return validate;
}

function fieldOf(error: ErrorObject, root: string): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties')
    segments.push(String(error.params.additionalProperty));
  const path = segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('');
  return path === '' ? root || '(body)' : `${root}${path}`.replace(/^\./, '');
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not allowed here';
  if (error.keyword === 'const') return `must be ${JSON.stringify(error.params.allowedValue)}`;
  if (error.keyword === 'enum')
    return `must be one of ${JSON.stringify(error.params.allowedValues)}`;
  return error.message ?? 'is invalid';
}

/** Field errors, most specific first: "anyOf"/"oneOf" summaries say less than their branches. */
export function describeErrors(errors: readonly ErrorObject[], root = ''): FieldError[] {
  const seen = new Set<string>();
  const described: FieldError[] = [];
  const combinator = (e: ErrorObject): number =>
    Number(['anyOf', 'oneOf', 'allOf', 'if'].includes(e.keyword));
  // The deepest field names the actual mistake; a branch summary ("must match oneOf") says least.
  const ordered = [...errors].sort(
    (a, b) =>
      fieldOf(b, root).split(/[.[]/).length - fieldOf(a, root).split(/[.[]/).length ||
      combinator(a) - combinator(b),
  );
  for (const error of ordered) {
    const field = { field: fieldOf(error, root), message: messageOf(error) };
    const key = `${field.field} ${field.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    described.push(field);
  }
  return described;
}

/** Validates untyped input against a schema; the caller names the type the schema guarantees. */
export function validate<T>(name: SchemaName, value: unknown, root = ''): T {
  const check = validatorFor(name);
  if (!check(value)) throw new ValidationError(describeErrors(check.errors ?? [], root));
  return value as T;
}

/** Like validate, but returns the field errors instead of throwing. */
export function findSchemaErrors(name: SchemaName, value: unknown): FieldError[] {
  const check = validatorFor(name);
  return check(value) ? [] : describeErrors(check.errors ?? []);
}
