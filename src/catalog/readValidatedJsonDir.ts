import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../core/problems.js';
import { validate, type SchemaName } from '../schemas.js';
import { CatalogError } from './loadCatalogDir.js';

/**
 * Every *.json in the folder (none when it is missing), in name order, each validated against the
 * schema; a file that is not JSON or does not fit stops the start, naming the file and field.
 */
export function readValidatedJsonDir<T>(
  directory: string,
  schema: SchemaName,
): Array<{ file: string; value: T }> {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(directory, name);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      } catch (error) {
        throw new CatalogError(file, '(file)', `not valid JSON (${(error as Error).message})`);
      }
      try {
        return { file, value: validate<T>(schema, raw) };
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const first = error.errors[0];
        throw new CatalogError(file, first?.field ?? '(file)', first?.message ?? 'invalid');
      }
    });
}
