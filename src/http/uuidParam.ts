import { isUuid } from '../core/ids.js';
import { NotFoundError } from '../core/problems.js';

/** A path's UUID, lower-cased as ids are stored; anything else names nothing here (404). */
export function uuidParam(value: string | undefined, what = 'a credential id'): string {
  if (!value || !isUuid(value)) throw new NotFoundError(`"${value ?? ''}" is not ${what} (a UUID)`);
  return value.toLowerCase();
}
