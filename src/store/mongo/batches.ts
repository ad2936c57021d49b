// Bulk issuance jobs in MongoDB.
import type {
  BatchCompletion,
  BatchLease,
  BatchRecord,
  BatchRowRecord,
  BatchStore,
} from '../ports/batchStore.js';
import { insertIfAbsent, insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { BatchCompletionDoc, BatchDoc, BatchLeaseDoc, BatchRowDoc, Models } from './models.js';

export function toBatch(doc: BatchDoc): BatchRecord {
  return {
    id: doc.id,
    issuerSlug: doc.issuerSlug,
    format: doc.format,
    rows: doc.rows,
    achievement: doc.achievement,
    total: doc.total,
    actor: doc.actor,
    createdAt: doc.createdAt,
  } satisfies { [K in keyof Required<BatchRecord>]: BatchRecord[K] };
}

export function toBatchRow(doc: BatchRowDoc): BatchRowRecord {
  return {
    batchId: doc.batchId,
    row: doc.row,
    state: doc.state,
    credentialId: doc.credentialId,
    fieldErrors: doc.fieldErrors,
    updatedAt: doc.updatedAt,
  } satisfies { [K in keyof Required<BatchRowRecord>]: BatchRowRecord[K] };
}

export function toBatchLease(doc: BatchLeaseDoc): BatchLease {
  return {
    batchId: doc.batchId,
    generation: doc.generation,
    holder: doc.holder,
    expiresAt: doc.expiresAt,
  };
}

export function toBatchCompletion(doc: BatchCompletionDoc): BatchCompletion {
  return { batchId: doc.batchId, completedAt: doc.completedAt };
}

export class MongoBatchStore implements BatchStore {
  constructor(private readonly models: Models) {}

  async insertBatch(batch: BatchRecord): Promise<void> {
    await insertOrDuplicate('batches', () => this.models.batches.create(batch));
  }

  async findBatch(id: string): Promise<BatchRecord | undefined> {
    const doc = await retry(() => this.models.batches.findOne({ id }).lean<BatchDoc>());
    return doc ? toBatch(doc) : undefined;
  }

  async listBatches(issuerSlug: string, limit: number): Promise<BatchRecord[]> {
    const docs = await retry(() =>
      this.models.batches
        .find({ issuerSlug })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .lean<BatchDoc[]>(),
    );
    return docs.map(toBatch);
  }

  async listUnfinishedBatches(limit: number): Promise<BatchRecord[]> {
    // Completions are few next to batches' rows; both lists are read without the rows' bodies.
    const completed = await retry(() =>
      this.models.batchCompletions.find({}, { batchId: 1 }).lean<Array<{ batchId: string }>>(),
    );
    const docs = await retry(() =>
      this.models.batches
        .find({ id: { $nin: completed.map((c) => c.batchId) } })
        .sort({ createdAt: 1, _id: 1 })
        .limit(limit)
        .lean<BatchDoc[]>(),
    );
    return docs.map(toBatch);
  }

  async claimBatchRow(row: BatchRowRecord): Promise<void> {
    await insertOrDuplicate('batch_rows', () => this.models.batchRows.create(row));
  }

  async finishBatchRow(
    batchId: string,
    row: number,
    outcome: Pick<BatchRowRecord, 'state' | 'fieldErrors' | 'updatedAt'>,
  ): Promise<void> {
    // Only the claimed row moves: running it twice (a retry) lands on the same outcome.
    await retry(() =>
      this.models.batchRows.updateOne(
        { batchId, row, state: 'claimed' },
        {
          $set: {
            state: outcome.state,
            updatedAt: outcome.updatedAt,
            ...(outcome.fieldErrors !== undefined ? { fieldErrors: outcome.fieldErrors } : {}),
          },
        },
      ),
    );
  }

  async listBatchRows(batchId: string): Promise<BatchRowRecord[]> {
    const docs = await retry(() =>
      this.models.batchRows.find({ batchId }).sort({ row: 1 }).lean<BatchRowDoc[]>(),
    );
    return docs.map(toBatchRow);
  }

  async claimBatchLease(lease: BatchLease): Promise<void> {
    await insertOrDuplicate('batch_leases', () => this.models.batchLeases.create(lease));
  }

  async latestBatchLease(batchId: string): Promise<BatchLease | undefined> {
    const doc = await retry(() =>
      this.models.batchLeases.findOne({ batchId }).sort({ generation: -1 }).lean<BatchLeaseDoc>(),
    );
    return doc ? toBatchLease(doc) : undefined;
  }

  async renewBatchLease(lease: BatchLease): Promise<void> {
    await retry(() =>
      this.models.batchLeases.updateOne(
        { batchId: lease.batchId, generation: lease.generation, holder: lease.holder },
        { $set: { expiresAt: lease.expiresAt } },
      ),
    );
  }

  async claimBatchCompletion(batchId: string, completedAt: string): Promise<boolean> {
    return insertIfAbsent(() => this.models.batchCompletions.create({ batchId, completedAt }));
  }

  async batchCompletedAt(batchId: string): Promise<string | undefined> {
    const doc = await retry(() =>
      this.models.batchCompletions.findOne({ batchId }).lean<{ completedAt: string }>(),
    );
    return doc?.completedAt;
  }
}
