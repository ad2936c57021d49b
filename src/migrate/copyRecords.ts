import { STORED_COLLECTIONS, type Store, type StoredCollection } from '../store/port.js';

export type CopyCounts = Record<StoredCollection, { inserted: number; present: number }>;

/**
 * Imports the source's export into the target, record by record in export order, so referenced
 * records land first. Each import is one insert that either lands whole or not at all: a run that
 * stops half-way leaves records a second run finds present, and the rest it inserts.
 */
export async function copyRecords(source: Store, target: Store): Promise<CopyCounts> {
  const counts = Object.fromEntries(
    STORED_COLLECTIONS.map((collection) => [collection, { inserted: 0, present: 0 }]),
  ) as CopyCounts;
  for await (const entry of source.exportRecords()) {
    counts[entry.collection][await target.importRecord(entry)] += 1;
  }
  return counts;
}
