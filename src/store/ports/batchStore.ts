// Bulk issuance jobs. A batch is stored whole when it is accepted; then each row is claimed by
// a unique (batch, row) insert before its credential is signed, with the credential's id in the
// claim, so a runner that dies leaves a claim the next one finishes and no row is issued twice.
// Who runs a batch is a lease generation claimed by insert; its completion is claimed once.
import type { CredentialFormat } from '../../core/credentialState.js';

export interface BatchRecord {
  id: string;
  issuerSlug: string;
  format: CredentialFormat;
  /** The rows as accepted, JSON: one object of column values per row, in file order. */
  rows: string;
  /** JSON of the inline achievement every row gets; rows name catalog keys when absent. */
  achievement?: string;
  total: number;
  /** Who asked for it, as the audit log names actors. */
  actor: string;
  createdAt: string;
}

export type BatchRowState = 'claimed' | 'issued' | 'failed';

export interface BatchRowRecord {
  batchId: string;
  /** 1 for the first data row. */
  row: number;
  state: BatchRowState;
  /** The id (a UUID) the row's credential is issued under, fixed when the row is claimed. */
  credentialId?: string;
  /** JSON of the field errors of a failed row. */
  fieldErrors?: string;
  updatedAt: string;
}

export interface BatchLease {
  batchId: string;
  /** Each runner that takes the batch over claims the next generation. */
  generation: number;
  holder: string;
  expiresAt: string;
}

export interface BatchCompletion {
  batchId: string;
  completedAt: string;
}

export interface BatchStore {
  insertBatch(batch: BatchRecord): Promise<void>;
  findBatch(id: string): Promise<BatchRecord | undefined>;
  /** The issuer's batches, newest first. */
  listBatches(issuerSlug: string, limit: number): Promise<BatchRecord[]>;
  /** Batches whose completion is not claimed yet, oldest first. */
  listUnfinishedBatches(limit: number): Promise<BatchRecord[]>;

  /** Throws DuplicateKeyError when the row is already claimed. */
  claimBatchRow(row: BatchRowRecord): Promise<void>;
  /** Moves a claimed row to its outcome; a row no longer claimed is left as it is. */
  finishBatchRow(
    batchId: string,
    row: number,
    outcome: Pick<BatchRowRecord, 'state' | 'fieldErrors' | 'updatedAt'>,
  ): Promise<void>;
  /** Every claimed or finished row, in row order. */
  listBatchRows(batchId: string): Promise<BatchRowRecord[]>;

  /** Throws DuplicateKeyError when another runner claimed this generation first. */
  claimBatchLease(lease: BatchLease): Promise<void>;
  latestBatchLease(batchId: string): Promise<BatchLease | undefined>;
  /**
   * Sets the expiry of the holder's own lease: later to keep it, now to give it up (a runner that
   * stops); another generation's lease is left as it is.
   */
  renewBatchLease(lease: BatchLease): Promise<void>;

  /** Claims the batch's completion; false when it was claimed before. */
  claimBatchCompletion(batchId: string, completedAt: string): Promise<boolean>;
  /** When the batch's completion was claimed, if it was. */
  batchCompletedAt(batchId: string): Promise<string | undefined>;
}
