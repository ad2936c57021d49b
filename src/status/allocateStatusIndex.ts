import { randomInt } from 'node:crypto';
import { DuplicateKeyError, type StatusPosition, type StatusStore } from '../store/port.js';

const RANDOM_PROBES = 16;

/** Whom a position is claimed for, and when (the claim repair frees it if that never came). */
interface Claim {
  credentialId: string;
  claimedAt: string;
}

/**
 * Claims a random unused index for the credential, by insert: two credentials can never share one,
 * under concurrency or across restarts. Random positions say nothing about issuance order.
 * When random probes keep colliding, the free indexes are listed; a full list opens the next one.
 */
export async function allocateStatusIndex(
  store: StatusStore,
  issuerSlug: string,
  credentialId: string,
  claimedAt: string,
  capacity: number,
): Promise<StatusPosition> {
  let listNumber = await store.latestStatusList(issuerSlug);
  if (listNumber === undefined) {
    await store.claimStatusList(issuerSlug, 1);
    listNumber = 1;
  }
  for (;;) {
    const claimed = await claimInList(
      store,
      issuerSlug,
      listNumber,
      { credentialId, claimedAt },
      capacity,
    );
    if (claimed) return claimed;
    // Another request may have opened it already: both then use it, which is what we want.
    await store.claimStatusList(issuerSlug, listNumber + 1);
    listNumber += 1;
  }
}

async function tryClaim(
  store: StatusStore,
  issuerSlug: string,
  position: StatusPosition,
  claim: Claim,
): Promise<boolean> {
  try {
    await store.claimStatusIndex(issuerSlug, position, claim.credentialId, claim.claimedAt);
    return true;
  } catch (error) {
    if (error instanceof DuplicateKeyError) return false;
    throw error;
  }
}

async function claimInList(
  store: StatusStore,
  issuerSlug: string,
  listNumber: number,
  claim: Claim,
  capacity: number,
): Promise<StatusPosition | undefined> {
  for (let probe = 0; probe < RANDOM_PROBES; probe += 1) {
    const position = { listNumber, index: randomInt(capacity) };
    if (await tryClaim(store, issuerSlug, position, claim)) return position;
  }
  for (;;) {
    const used = new Set(await store.listUsedStatusIndexes(issuerSlug, listNumber));
    if (used.size >= capacity) return undefined;
    const free: number[] = [];
    for (let index = 0; index < capacity; index += 1) if (!used.has(index)) free.push(index);
    const position = { listNumber, index: free[randomInt(free.length)] ?? 0 };
    if (await tryClaim(store, issuerSlug, position, claim)) return position;
  }
}
