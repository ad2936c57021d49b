import { setTimeout as sleep } from 'node:timers/promises';
import { mongo } from 'mongoose';
import { DuplicateKeyError } from '../ports/duplicateKeyError.js';

const DUPLICATE_KEY = 11000;
// OutOfDiskSpace; WiredTiger's ENOSPC can also surface as an internal error naming the device, and
// FerretDB's SQLite backend answers InternalError with SQLite's own words.
const OUT_OF_DISK_SPACE = 14031;
const DISK_FULL_MESSAGE = /no space left on device|database or disk is full/i;

// Server codes the driver's own retry logic treats as "try again": the node is unreachable,
// shutting down, or no longer primary (elections, rolling restarts).
const TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]);

const RETRY_DELAYS_MS = [100, 500, 2000];

export function isDuplicateKey(error: unknown): boolean {
  return error instanceof mongo.MongoServerError && error.code === DUPLICATE_KEY;
}

/** The server could not write for lack of disk space. */
export function isMongoStorageFull(error: unknown): boolean {
  return (
    error instanceof mongo.MongoServerError &&
    (error.code === OUT_OF_DISK_SPACE || DISK_FULL_MESSAGE.test(error.message))
  );
}

function isTransient(error: unknown): boolean {
  return (
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    (error instanceof mongo.MongoServerError &&
      typeof error.code === 'number' &&
      TRANSIENT_CODES.has(error.code))
  );
}

/** Inserts; a taken unique key becomes the port's DuplicateKeyError. */
export async function insertOrDuplicate(collection: string, insert: () => Promise<unknown>) {
  try {
    await insert();
  } catch (error) {
    if (isDuplicateKey(error)) throw new DuplicateKeyError(collection);
    throw error;
  }
}

/** Inserts, and answers false instead of throwing when the key is taken. */
export async function insertIfAbsent(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * Upserts by a unique key: two first writes of one key both try to insert, and the loser, finding
 * the document now there, updates it. A `$set` upsert can safely run twice, so it is retried.
 */
export async function upsertByKey(upsert: () => Promise<unknown>): Promise<void> {
  try {
    await retryTransient(upsert);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await retryTransient(upsert);
  }
}

/**
 * Runs an operation that can safely run twice (a read, a delete, a `$set`) again after transient
 * errors. Never wrap an insert: after a lost reply its outcome is unknown, and a second attempt
 * would report our own first write as someone else's duplicate.
 */
export async function retryTransient<T>(
  operation: () => Promise<T>,
  delays: readonly number[] = RETRY_DELAYS_MS,
): Promise<T> {
  for (const delay of delays) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransient(error)) throw error;
      await sleep(delay);
    }
  }
  return operation();
}
