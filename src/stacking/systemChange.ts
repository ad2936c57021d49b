import type { StatusAction } from '../core/credentialState.js';
import { ConflictError } from '../core/problems.js';
import type { StatusService } from '../status/statusService.js';
import type { CredentialRecord } from '../store/port.js';

export const SYSTEM_ACTOR = 'system';

/**
 * A change the system makes to follow another (it cascades on like any change); losing a race
 * to the same change is fine.
 */
export async function changeQuietly(
  status: StatusService,
  record: CredentialRecord,
  action: StatusAction,
  reason: string,
): Promise<void> {
  try {
    await status.change(record, action, reason, SYSTEM_ACTOR);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}
