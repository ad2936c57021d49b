// Batch files as an NGO's spreadsheet gives them, and waiting for a batch to finish.
import { stringify } from 'csv-stringify/sync';
import { BATCH_COLUMNS } from '../../src/batches/batchRows.js';
import { request, type JsonResponse } from './http.js';
import { ADMIN_KEY } from './testApp.js';

export type Row = Record<string, string>;

export const csvOf = (rows: readonly Row[], columns: readonly string[]): string =>
  stringify(
    rows.map((row) => columns.map((column) => row[column] ?? '')),
    { header: true, columns: [...columns] },
  );

export async function postBatchCsv(
  baseUrl: string,
  slug: string,
  csv: string,
  {
    query = '',
    key = ADMIN_KEY,
    headers = {},
  }: { query?: string; key?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse> {
  return request('POST', `${baseUrl}/issuers/${slug}/batches${query}`, undefined, {
    key,
    raw: csv,
    headers: { 'content-type': 'text/csv', ...headers },
  });
}

/** Polls the batch until it is completed (or the deadline passes, which fails the test). */
export async function waitForBatch(
  baseUrl: string,
  id: string,
  { key = ADMIN_KEY, deadlineMs = 120_000 } = {},
): Promise<JsonResponse> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    const response = await request('GET', `${baseUrl}/batches/${id}`, undefined, { key });
    if (response.body.state === 'completed') return response;
    if (performance.now() > deadline) {
      throw new Error(
        `batch ${id} did not complete: ${JSON.stringify(response.body).slice(0, 300)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every column a batch file may have, in the order the templates use. */
export const CSV_COLUMNS = BATCH_COLUMNS;

/**
 * A cohort of the bridge-ngo programme: `learners` learners take digital-basics, the first
 * `advancing` of them also ai-tools-at-work (after it, so its prerequisite is met and the
 * ai-ready-bronze tier follows). Addresses carry `tag` so runs do not share learners.
 */
export function cohortRows(tag: string, learners: number, advancing: number): Row[] {
  const email = (n: number): string => `learner${n}.${tag}@example.org`;
  const rows: Row[] = [];
  for (let n = 1; n <= learners; n += 1) {
    rows.push({
      recipient: email(n),
      achievement: 'digital-basics',
      evidence_name: 'Final assessment',
      evidence_narrative: `Passed the assessment on day ${n % 5}`,
      result: String(60 + (n % 40)),
    });
  }
  for (let n = 1; n <= advancing; n += 1) {
    rows.push({ recipient: email(n), achievement: 'ai-tools-at-work', lang: n % 2 ? 'en' : 'ja' });
  }
  return rows;
}
