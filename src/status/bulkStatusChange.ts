import type { StatusAction } from '../core/credentialState.js';
import { uuidOfCredentialId } from '../core/ids.js';
import {
  ForbiddenError,
  NotFoundError,
  ProblemError,
  type ProblemFields,
} from '../core/problems.js';
import type { ActingAs } from '../core/actingAs.js';
import type { CredentialRecord, CredentialStore } from '../store/port.js';
import type { StatusService, StatusView } from './statusService.js';
import type { BatchService } from '../batches/batchService.js';

export interface BulkStatusRequest {
  /** Credential ids as urn:uuid or bare UUIDs; each at most once. */
  credentialIds?: readonly string[];
  /** Or a batch: every credential it issued. */
  batch?: string;
  action: StatusAction;
  reason: string;
}

/** One credential's outcome: its new state, or the problem that left it as it was. */
export type BulkStatusOutcome =
  | { id: string; changed: true; status: StatusView }
  | { id: string; changed: false; problem: ProblemFields };

/** The schema lets ids come as urn:uuid or as bare UUIDs. */
const uuidOf = (id: string): string => uuidOfCredentialId(id) ?? id.toLowerCase();

/**
 * Many credentials, one action and one reason (a cohort's exam withdrawn). Every id must name a
 * credential the caller may change before anything changes: an unknown id (404) or another
 * issuer's credential (403) refuses the whole request. Then each change goes through
 * StatusService.change, so each is audited and its tiers follow; one a state forbids (already
 * revoked, no suspension entry) is reported as its 409 while the others still change.
 */
export class BulkStatusChange {
  constructor(
    private readonly store: Pick<CredentialStore, 'findCredential'>,
    private readonly status: StatusService,
    private readonly batches: Pick<BatchService, 'issuedCredentialIds'>,
  ) {}

  async change(
    request: BulkStatusRequest,
    actingAs: ActingAs,
    actor: string,
  ): Promise<BulkStatusOutcome[]> {
    const ids = request.batch
      ? await this.batches.issuedCredentialIds(request.batch, actingAs)
      : (request.credentialIds ?? []);
    const records = await this.#recordsFor(ids, actingAs);
    const outcomes: BulkStatusOutcome[] = [];
    for (const record of records) {
      const id = `urn:uuid:${record.id}`;
      try {
        const status = await this.status.change(record, request.action, request.reason, actor);
        outcomes.push({ id, changed: true, status });
      } catch (error) {
        if (!(error instanceof ProblemError) || error.status !== 409) throw error;
        outcomes.push({ id, changed: false, problem: error.toProblem() });
      }
    }
    return outcomes;
  }

  async #recordsFor(ids: readonly string[], actingAs: ActingAs): Promise<CredentialRecord[]> {
    const found = await Promise.all(
      ids.map(async (id) => ({ id, record: await this.store.findCredential(uuidOf(id)) })),
    );
    const missing = found.filter(({ record }) => !record).map(({ id }) => id);
    if (missing.length > 0) {
      throw new NotFoundError(`no credential with id ${missing.join(', ')}; nothing was changed`);
    }
    const records = found.flatMap(({ record }) => (record ? [record] : []));
    if ('actingFor' in actingAs) {
      const foreign = records.filter((record) => record.issuerSlug !== actingAs.actingFor);
      if (foreign.length > 0) {
        throw new ForbiddenError(
          `issuer "${actingAs.actingFor}" did not issue ${foreign.map((r) => `urn:uuid:${r.id}`).join(', ')}; nothing was changed`,
        );
      }
    }
    return records;
  }
}
