// A taken unique key, the way every SQLite invariant is claimed, in the port's terms.
import { DuplicateKeyError } from '../ports/duplicateKeyError.js';

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Inserts; a taken unique key becomes the port's DuplicateKeyError. */
export function insertOrDuplicate(collection: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateKeyError(collection);
    throw error;
  }
}

/** Inserts, and answers false instead of throwing when the key is taken. */
export function insertIfAbsent(run: () => void): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
