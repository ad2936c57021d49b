// Bulk issuance as a use case: accept a batch (stored whole, run in the background), a dry run
// (every row's verdict, nothing written), and what a batch looks like while and after it runs.
import type { ActingAs } from '../core/actingAs.js';
import type { Clock } from '../core/clock.js';
import type { CredentialFormat } from '../core/credentialState.js';
import type { JsonObject } from '../core/json.js';
import { NotFoundError, ValidationError, type FieldError } from '../core/problems.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type { LearnerMail } from '../mail/learnerMail.js';
import type { BatchRecord, BatchStore } from '../store/port.js';
import { duplicateRows, recipientKeyOf, type BatchRow } from './batchRows.js';
import { batchView, rowViews, type BatchView } from './batchView.js';
import type { BatchRowCheck, RowContext } from './rowCheck.js';

export interface BatchInput {
  rows: BatchRow[];
  /** One inline achievement for every row; rows name catalog keys when absent. */
  achievement?: JsonObject;
  format: CredentialFormat;
}

export interface DryRunRow {
  row: number;
  state: 'valid' | 'invalid';
  errors?: FieldError[];
}

export interface DryRun {
  total: number;
  valid: number;
  invalid: number;
  rows: DryRunRow[];
}

export interface BatchLimits {
  maxRows: number;
}

type Store = Pick<
  BatchStore,
  'insertBatch' | 'findBatch' | 'listBatches' | 'listBatchRows' | 'batchCompletedAt'
>;

export class BatchService {
  constructor(
    private readonly store: Store,
    private readonly issuers: Pick<IssuerService, 'getAwarding'>,
    private readonly rowCheck: BatchRowCheck,
    private readonly mail: Pick<LearnerMail, 'statesFor'>,
    private readonly credentialUrl: (uuid: string) => string,
    private readonly limits: BatchLimits,
    private readonly clock: Clock,
    /** Asks the runner to start on a batch just stored. */
    private readonly started: () => void,
  ) {}

  #assertSize(input: BatchInput): void {
    if (input.rows.length === 0) {
      throw new ValidationError([{ field: 'rows', message: 'has no rows' }]);
    }
    if (input.rows.length > this.limits.maxRows) {
      throw new ValidationError([
        {
          field: 'rows',
          message: `has ${input.rows.length} rows; a batch takes at most ${this.limits.maxRows} (BATCH_MAX_ROWS)`,
        },
      ]);
    }
  }

  /** Stores the batch and leaves it to the runner: nothing is issued before this returns. */
  async accept(
    slug: string,
    input: BatchInput,
    actor: string,
    id: string = crypto.randomUUID(),
  ): Promise<{ id: string; total: number }> {
    this.#assertSize(input);
    await this.issuers.getAwarding(slug);
    const batch: BatchRecord = {
      id,
      issuerSlug: slug,
      format: input.format,
      rows: JSON.stringify(input.rows),
      ...(input.achievement ? { achievement: JSON.stringify(input.achievement) } : {}),
      total: input.rows.length,
      actor,
      createdAt: this.clock().toISOString(),
    };
    await this.store.insertBatch(batch);
    this.started();
    return { id: batch.id, total: batch.total };
  }

  /** What `accept` answered for the batch stored under `id` by this issuer, if there is one. */
  async acceptedIfPresent(
    slug: string,
    id: string,
  ): Promise<{ id: string; total: number } | undefined> {
    const batch = await this.store.findBatch(id);
    return batch?.issuerSlug === slug ? { id: batch.id, total: batch.total } : undefined;
  }

  /** Every row's verdict as the real run would give it, counting earlier rows as held. */
  async dryRun(slug: string, input: BatchInput, actingAs: ActingAs): Promise<DryRun> {
    this.#assertSize(input);
    await this.issuers.getAwarding(slug);
    const context: RowContext = {
      slug,
      actingAs,
      ...(input.achievement ? { inlineAchievement: input.achievement } : {}),
      duplicates: duplicateRows(input.rows),
    };
    const heldBefore = new Map<string, string[]>();
    const rows: DryRunRow[] = [];
    for (const [index, row] of input.rows.entries()) {
      const learner = recipientKeyOf({ ...row, achievement: '' }) ?? '';
      const alsoHeld = heldBefore.get(learner) ?? [];
      const verdict = await this.rowCheck.verdict(row, index + 1, context, alsoHeld);
      if (verdict.ok) {
        if (row.achievement) heldBefore.set(learner, [...alsoHeld, row.achievement]);
        rows.push({ row: index + 1, state: 'valid' });
      } else {
        rows.push({ row: index + 1, state: 'invalid', errors: verdict.errors });
      }
    }
    const valid = rows.filter((row) => row.state === 'valid').length;
    return { total: rows.length, valid, invalid: rows.length - valid, rows };
  }

  async #find(id: string, actingAs: ActingAs): Promise<BatchRecord> {
    const batch = await this.store.findBatch(id);
    // Another issuer's batch is not there, as far as this caller can tell.
    if (!batch || ('actingFor' in actingAs && batch.issuerSlug !== actingAs.actingFor)) {
      throw new NotFoundError(`no batch with id ${id}`);
    }
    return batch;
  }

  /** Each row's outcome and when the batch completed, as stored. */
  async #outcomes(batch: BatchRecord) {
    const [rows, completedAt] = await Promise.all([
      this.store.listBatchRows(batch.id),
      this.store.batchCompletedAt(batch.id),
    ]);
    return { rows: rowViews(batch, rows, this.credentialUrl), completedAt };
  }

  async view(id: string, actingAs: ActingAs): Promise<BatchView> {
    const batch = await this.#find(id, actingAs);
    const { rows, completedAt } = await this.#outcomes(batch);
    // How each learner's e-mail went, so failing addresses show where the batch is followed.
    const mail = await this.mail.statesFor(rows.flatMap((row) => row.credential ?? []));
    const withMail = rows.map((row) => {
      const email = row.credential ? mail.get(row.credential) : undefined;
      return email ? { ...row, email } : row;
    });
    return batchView(batch, withMail, completedAt);
  }

  /** The ids of the credentials the batch issued so far, for a status change of them all. */
  async issuedCredentialIds(id: string, actingAs: ActingAs): Promise<string[]> {
    await this.#find(id, actingAs);
    const rows = await this.store.listBatchRows(id);
    return rows.flatMap((row) =>
      row.state === 'issued' && row.credentialId ? [`urn:uuid:${row.credentialId}`] : [],
    );
  }

  /** The issuer's batches, newest first, without their rows. */
  async list(slug: string, limit = 50): Promise<Array<Omit<BatchView, 'rows'>>> {
    const batches = await this.store.listBatches(slug, limit);
    // The counts only: no second read of each batch, and no e-mail states for rows not shown.
    return Promise.all(
      batches.map(async (batch) => {
        const { rows, completedAt } = await this.#outcomes(batch);
        const { rows: _rows, ...summary } = batchView(batch, rows, completedAt);
        return summary;
      }),
    );
  }
}
