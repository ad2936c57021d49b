import { ConflictError } from '../core/problems.js';
import type { MappingAction, MappingState } from '../store/ports/mappingStore.js';

/** What each decision does to a proposed mapping; every other state refuses (409). */
export function nextMappingState(
  current: MappingState,
  action: Exclude<MappingAction, 'propose'>,
): MappingState {
  if (current !== 'proposed') {
    throw new ConflictError(
      `the mapping is ${current}: only a proposed mapping can be approved, rejected or withdrawn`,
      'mapping-not-proposed',
    );
  }
  if (action === 'approve') return 'approved';
  if (action === 'reject') return 'rejected';
  return 'withdrawn';
}
