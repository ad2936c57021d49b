// A batch's progress as Server-Sent Events: each row's outcome in row order (its number is the
// event id, so a client that reconnects with Last-Event-ID carries on after it), the counts
// when they change, and `completed` last, after which the stream ends.
import type { ActingAs } from '../core/actingAs.js';
import type { Services } from '../services.js';
import type { BatchView } from '../batches/batchView.js';

/** Rows finish out of order (lanes run side by side); the stream waits at most this between looks. */
const POLL_MS = 1_000;
/** Many rows finish close together; looking again at once for each would re-read the batch each time. */
const SETTLE_MS = 200;

const event = (name: string, data: unknown, id?: number): string =>
  `${id !== undefined ? `id: ${id}\n` : ''}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function* batchEvents(
  services: Pick<Services, 'batches' | 'batchProgress'>,
  first: BatchView,
  actingAs: ActingAs,
  afterRow: number,
): AsyncGenerator<string> {
  yield 'retry: 2000\n\n';
  let sent = Math.min(Math.max(afterRow, 0), first.total);
  let counts = '';
  let view = first;
  for (;;) {
    while (sent < view.rows.length) {
      const row = view.rows[sent];
      if (!row || (row.state !== 'issued' && row.state !== 'failed')) break;
      sent += 1;
      yield event('row', row, row.row);
    }
    const progress = { total: view.total, done: view.done, failed: view.failed };
    if (JSON.stringify(progress) !== counts) {
      counts = JSON.stringify(progress);
      yield event('progress', progress);
    }
    if (view.state === 'completed' && sent >= view.total) {
      yield event('completed', { id: view.id, state: view.state, ...progress });
      return;
    }
    await Promise.all([services.batchProgress.nextChange(view.id, POLL_MS), pause(SETTLE_MS)]);
    view = await services.batches.view(view.id, actingAs);
  }
}
