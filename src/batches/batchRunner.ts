// Runs accepted batches in the background, crash-safe. A runner holds a batch by claiming the
// next lease generation by insert (only one runner per generation), and each row by a unique
// (batch, row) insert that fixes the id its credential will have before anything is signed.
// A runner that dies leaves claimed rows: the next one finds the credential under the claimed
// id (then tells and stacks it again, which adds nothing twice) or issues it under that id.
import type { AwardService } from '../awards/awardService.js';
import type { Clock } from '../core/clock.js';
import type { JsonObject } from '../core/json.js';
import { ProblemError, type FieldError } from '../core/problems.js';
import type { Recipient } from '../credentials/recipientIdentity.js';
import type { ServiceEvents } from '../events/serviceEvents.js';
import type { IssuingService } from '../issuing/issuingService.js';
import type { TierAwards } from '../stacking/tierAwards.js';
import {
  DuplicateKeyError,
  type BatchLease,
  type BatchRecord,
  type BatchRowRecord,
  type BatchStore,
  type CredentialStore,
} from '../store/port.js';
import type { BatchProgress } from './batchProgress.js';
import { duplicateRows, type BatchRow } from './batchRows.js';
import { rowErrorsOf, type BatchRowCheck, type RowAward, type RowContext } from './rowCheck.js';
import { catalogLanguage } from '../catalog/catalogTypes.js';

type Store = Pick<
  BatchStore,
  | 'listUnfinishedBatches'
  | 'claimBatchRow'
  | 'finishBatchRow'
  | 'listBatchRows'
  | 'claimBatchLease'
  | 'latestBatchLease'
  | 'renewBatchLease'
  | 'claimBatchCompletion'
> &
  Pick<CredentialStore, 'findCredential'>;

export interface BatchRunnerOptions {
  /** How long a runner's hold on a batch lasts unless renewed; then another may take over. */
  leaseMs: number;
  /** Rows in flight at once; rows of one learner always go one after another, in file order. */
  lanes: number;
  /** Names this runner in its leases (one per process). */
  holder: string;
}

export interface BatchRunnerParts {
  store: Store;
  rowCheck: BatchRowCheck;
  awards: Pick<AwardService, 'awardByKey'>;
  issuing: Pick<IssuingService, 'award' | 'tellIssued'>;
  tierAwards: Pick<TierAwards, 'reevaluate'>;
  events: Pick<ServiceEvents, 'publish'>;
  progress: BatchProgress;
  clock: Clock;
  /** Told each row's outcome as this runner stores it, e.g. to count them. */
  onRowFinished?: (outcome: 'issued' | 'failed') => void;
}

const recipientOf = (row: BatchRow): Recipient | undefined =>
  row.recipient === undefined
    ? undefined
    : row.recipient.startsWith('did:')
      ? { did: row.recipient }
      : { email: row.recipient };

/**
 * Lets the event loop serve requests between rows: SQLite answers synchronously and signing is
 * CPU work, so without this a running batch would keep every request waiting until it ends.
 */
const yieldToRequests = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The lane a row runs in: the same for every row of one learner. */
function laneOf(row: BatchRow, lanes: number): number {
  const key = (row.recipient ?? '').toLowerCase();
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % lanes;
}

export class BatchRunner {
  constructor(
    private readonly parts: BatchRunnerParts,
    private readonly options: BatchRunnerOptions,
  ) {}

  /**
   * One round: every unfinished batch this runner can hold is worked on until done, or until
   * `stopping` is aborted: then the rows in progress finish and the rest wait for the next round
   * (here after a restart, or on another instance once the lease runs out).
   */
  async runDue(stopping: AbortSignal): Promise<void> {
    for (const batch of await this.parts.store.listUnfinishedBatches(20)) {
      if (stopping.aborted) return;
      const lease = await this.#hold(batch.id);
      if (lease) await this.#run(batch, lease, stopping);
    }
  }

  #expiry(): string {
    return new Date(this.parts.clock().getTime() + this.options.leaseMs).toISOString();
  }

  /** This runner's lease on the batch: kept if it holds it, taken if the last one ran out. */
  async #hold(batchId: string): Promise<BatchLease | undefined> {
    const latest = await this.parts.store.latestBatchLease(batchId);
    const now = this.parts.clock().toISOString();
    if (latest && latest.holder !== this.options.holder && latest.expiresAt > now) return undefined;
    if (latest?.holder === this.options.holder && latest.expiresAt > now) return latest;
    const lease: BatchLease = {
      batchId,
      generation: (latest?.generation ?? 0) + 1,
      holder: this.options.holder,
      expiresAt: this.#expiry(),
    };
    try {
      await this.parts.store.claimBatchLease(lease);
      return lease;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return undefined;
      throw error;
    }
  }

  async #run(batch: BatchRecord, lease: BatchLease, stopping: AbortSignal): Promise<void> {
    const rows = JSON.parse(batch.rows) as BatchRow[];
    const context: RowContext = {
      slug: batch.issuerSlug,
      actingAs: { actingFor: batch.issuerSlug },
      ...(batch.achievement
        ? { inlineAchievement: JSON.parse(batch.achievement) as JsonObject }
        : {}),
      duplicates: duplicateRows(rows),
    };
    const stored = new Map(
      (await this.parts.store.listBatchRows(batch.id)).map((row) => [row.row, row]),
    );
    let renewAt = this.parts.clock().getTime() + this.options.leaseMs / 3;
    const keepLease = async (): Promise<void> => {
      if (this.parts.clock().getTime() < renewAt) return;
      renewAt = this.parts.clock().getTime() + this.options.leaseMs / 3;
      await this.parts.store.renewBatchLease({ ...lease, expiresAt: this.#expiry() });
    };
    const lanes = Array.from({ length: this.options.lanes }, () => [] as number[]);
    rows.forEach((row, index) => lanes[laneOf(row, this.options.lanes)]?.push(index + 1));
    await Promise.all(
      lanes.map(async (lane) => {
        for (const number of lane) {
          if (stopping.aborted) return;
          const row = rows[number - 1] ?? {};
          const existing = stored.get(number);
          if (existing?.state === 'issued' || existing?.state === 'failed') continue;
          await keepLease();
          await yieldToRequests();
          await (existing
            ? this.#recover(batch, row, existing, context)
            : this.#process(batch, row, number, context));
          this.parts.progress.changed(batch.id);
        }
      }),
    );
    if (stopping.aborted) {
      // Given up now rather than left to run out, so the next start resumes the batch at once.
      await this.parts.store.renewBatchLease({
        ...lease,
        expiresAt: this.parts.clock().toISOString(),
      });
      return;
    }
    await this.#completeIfDone(batch);
  }

  async #process(
    batch: BatchRecord,
    row: BatchRow,
    number: number,
    context: RowContext,
  ): Promise<void> {
    const { store, clock } = this.parts;
    const verdict = this.parts.rowCheck.shape(row, number, context);
    const claim: BatchRowRecord = verdict.ok
      ? {
          batchId: batch.id,
          row: number,
          state: 'claimed',
          credentialId: crypto.randomUUID(),
          updatedAt: clock().toISOString(),
        }
      : {
          batchId: batch.id,
          row: number,
          state: 'failed',
          fieldErrors: JSON.stringify(verdict.errors),
          updatedAt: clock().toISOString(),
        };
    try {
      await store.claimBatchRow(claim);
    } catch (error) {
      // Another runner has the row: it is theirs to finish, or the next round's to recover.
      if (error instanceof DuplicateKeyError) return;
      throw error;
    }
    if (!verdict.ok) {
      // A row refused by its shape was stored failed by the claim itself.
      this.parts.onRowFinished?.('failed');
      return;
    }
    await this.#issue(batch, row, claim, verdict.award);
  }

  /** Signs and stores the row's credential under the claimed id, then records the outcome. */
  async #issue(
    batch: BatchRecord,
    row: BatchRow,
    claim: BatchRowRecord,
    award: RowAward,
  ): Promise<void> {
    const credentialId = claim.credentialId ?? '';
    const options = { credentialId, format: batch.format, batchId: batch.id };
    try {
      if (award.kind === 'keyed') {
        await this.parts.awards.awardByKey(
          batch.issuerSlug,
          award.input,
          { actingFor: batch.issuerSlug },
          options,
        );
      } else {
        await this.parts.issuing.award(batch.issuerSlug, award.input, options);
      }
    } catch (error) {
      if (!(error instanceof ProblemError) || error.status >= 500) throw error;
      // Stored already under this id (a runner that lost its lease got there first).
      if (error.slug === 'credential-exists') {
        await this.#recover(batch, row, claim, undefined);
        return;
      }
      await this.#finish(claim, 'failed', rowErrorsOf(error));
      return;
    }
    await this.#finish(claim, 'issued');
  }

  /**
   * A row claimed before (a crash, a lost lease): if its credential is stored, what follows an
   * award is done again (tiers, followers; each adds nothing twice), else it is issued now.
   */
  async #recover(
    batch: BatchRecord,
    row: BatchRow,
    claim: BatchRowRecord,
    context: RowContext | undefined,
  ): Promise<void> {
    const record = claim.credentialId
      ? await this.parts.store.findCredential(claim.credentialId)
      : undefined;
    if (!record) {
      if (!context) return;
      const verdict = this.parts.rowCheck.shape(row, claim.row, context);
      if (!verdict.ok) {
        await this.#finish(claim, 'failed', verdict.errors);
        return;
      }
      await this.#issue(batch, row, claim, verdict.award);
      return;
    }
    const recipient = recipientOf(row);
    const language = catalogLanguage(row.lang);
    const told = { ...(recipient ? { recipient } : {}), language, batchId: batch.id };
    await this.parts.issuing.tellIssued(record, told);
    if (record.learnerKey && record.achievementKey) {
      await this.parts.tierAwards.reevaluate(record.learnerKey, [record.achievementKey], told);
    }
    await this.#finish(claim, 'issued');
  }

  async #finish(
    claim: BatchRowRecord,
    state: 'issued' | 'failed',
    errors?: FieldError[],
  ): Promise<void> {
    await this.parts.store.finishBatchRow(claim.batchId, claim.row, {
      state,
      ...(errors ? { fieldErrors: JSON.stringify(errors) } : {}),
      updatedAt: this.parts.clock().toISOString(),
    });
    this.parts.onRowFinished?.(state);
  }

  /** Once every row has its outcome, the completion is claimed once and told. */
  async #completeIfDone(batch: BatchRecord): Promise<void> {
    const rows = await this.parts.store.listBatchRows(batch.id);
    const finished = rows.filter((row) => row.state !== 'claimed');
    if (finished.length < batch.total) return;
    if (
      !(await this.parts.store.claimBatchCompletion(batch.id, this.parts.clock().toISOString()))
    ) {
      return;
    }
    const issued = finished.filter((row) => row.state === 'issued').length;
    await this.parts.events.publish({
      type: 'batch.completed',
      id: `batch.completed:${batch.id}`,
      issuerSlug: batch.issuerSlug,
      batchId: batch.id,
      total: batch.total,
      issued,
      failed: batch.total - issued,
    });
    this.parts.progress.changed(batch.id);
  }
}
