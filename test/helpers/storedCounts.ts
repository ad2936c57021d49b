import type { TestApp } from './testApp.js';

/**
 * Every record the store holds, by collection: what a refused request must leave as it was.
 * Compare counts only in an app started with `background: false`: the outbox sending earlier
 * awards' mail adds attempts of its own while a test looks.
 */
export async function storedCounts(app: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for await (const entry of app.store.exportRecords()) {
    counts[entry.collection] = (counts[entry.collection] ?? 0) + 1;
  }
  return counts;
}
