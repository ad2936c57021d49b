import { ConflictError } from '../core/problems.js';
import {
  DuplicateKeyError,
  type StatusEvent,
  type StatusPosition,
  type StatusStore,
} from '../store/port.js';

export type AppendChangeStore = Pick<
  StatusStore,
  'appendStatusEvent' | 'latestStatusListSequence' | 'listStatusEvents'
>;

/**
 * Records the change as the next version of its credential's status and the next change of its
 * list, in one insert that claims both unique keys. A taken version means another change of this
 * credential landed first: a 409, nothing lost. A taken sequence only means another credential of
 * the list changed first: the change takes the next one. No change waits for a lock, and no two
 * share a place in their list's order, which is what lets a list be replayed from a snapshot.
 */
export async function appendStatusChange(
  store: AppendChangeStore,
  change: Omit<StatusEvent, 'list'>,
  position: StatusPosition,
): Promise<void> {
  for (;;) {
    const latest = await store.latestStatusListSequence(change.issuerSlug, position.listNumber);
    try {
      await store.appendStatusEvent({ ...change, list: { ...position, sequence: latest + 1 } });
      return;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    const versions = (await store.listStatusEvents(change.credentialId)).length;
    if (versions >= change.version) {
      throw new ConflictError(
        'the status changed while this request ran; read it and retry',
        'status-changed',
      );
    }
  }
}
