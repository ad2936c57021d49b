// SQLite's word for a full disk (or a database at its size limit): the write was rolled back.
export function isSqliteStorageFull(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}
