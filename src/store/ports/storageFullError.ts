import { ProblemError } from '../../core/problems.js';

/**
 * Thrown by adapters when a write fails because the disk (or the database's quota) is full. It is a
 * 503 problem: the request was fine, the service could not keep it, and a retry after the operator
 * frees space can succeed.
 */
export class StorageFullError extends ProblemError {
  constructor(cause: unknown) {
    super(
      'storage-full',
      "the service's storage is full, so this request could not be stored; retry once the operator has freed space",
    );
    this.cause = cause;
  }
}
