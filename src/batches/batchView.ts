// What a batch looks like from outside: each row's outcome, counts, and the results file.
import { stringify } from 'csv-stringify/sync';
import type { FieldError } from '../core/problems.js';
import type { BatchRecord, BatchRowRecord } from '../store/port.js';
import type { BatchRow } from './batchRows.js';

export type RowState = 'pending' | 'issuing' | 'issued' | 'failed';

export interface BatchRowView {
  row: number;
  state: RowState;
  recipient?: string;
  achievement?: string;
  credential?: string;
  url?: string;
  errors?: FieldError[];
  /** How the learner's e-mail about the credential went, when one was sent. */
  email?: { state: string; attempts: number; lastError?: string };
}

export interface BatchView {
  id: string;
  issuer: string;
  format: BatchRecord['format'];
  state: 'running' | 'completed';
  total: number;
  done: number;
  failed: number;
  createdAt: string;
  completedAt?: string;
  rows: BatchRowView[];
}

export function rowViews(
  batch: BatchRecord,
  stored: readonly BatchRowRecord[],
  credentialUrl: (uuid: string) => string,
): BatchRowView[] {
  const rows = JSON.parse(batch.rows) as BatchRow[];
  const byNumber = new Map(stored.map((row) => [row.row, row]));
  return rows.map((input, index) => {
    const record = byNumber.get(index + 1);
    const state: RowState =
      record === undefined ? 'pending' : record.state === 'claimed' ? 'issuing' : record.state;
    return {
      row: index + 1,
      state,
      ...(input.recipient ? { recipient: input.recipient } : {}),
      ...(input.achievement ? { achievement: input.achievement } : {}),
      ...(state === 'issued' && record?.credentialId
        ? {
            credential: `urn:uuid:${record.credentialId}`,
            url: credentialUrl(record.credentialId),
          }
        : {}),
      ...(record?.fieldErrors ? { errors: JSON.parse(record.fieldErrors) as FieldError[] } : {}),
    };
  });
}

export function batchView(
  batch: BatchRecord,
  rows: BatchRowView[],
  completedAt: string | undefined,
): BatchView {
  return {
    id: batch.id,
    issuer: batch.issuerSlug,
    format: batch.format,
    state: completedAt ? 'completed' : 'running',
    total: batch.total,
    done: rows.filter((row) => row.state === 'issued').length,
    failed: rows.filter((row) => row.state === 'failed').length,
    createdAt: batch.createdAt,
    ...(completedAt ? { completedAt } : {}),
    rows,
  };
}

/** Every row with its outcome, as a spreadsheet opens it. */
export function resultsCsv(view: BatchView): string {
  return stringify(
    view.rows.map((row) => [
      row.row,
      row.recipient ?? '',
      row.achievement ?? '',
      row.state,
      row.credential ?? '',
      row.url ?? '',
      (row.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; '),
      row.email?.state ?? '',
    ]),
    {
      header: true,
      columns: ['row', 'recipient', 'achievement', 'state', 'credential', 'url', 'errors', 'email'],
    },
  );
}
