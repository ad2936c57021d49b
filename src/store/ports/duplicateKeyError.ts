/** Thrown by adapters when an insert hits a unique key: the invariant held and this write lost. */
export class DuplicateKeyError extends Error {
  constructor(readonly collection: string) {
    super(`duplicate key in ${collection}`);
    this.name = 'DuplicateKeyError';
  }
}
