// A batch tells the issuer's systems what it did: one credential.issued per row, tier.awarded
// for the tiers rows complete, and one batch.completed with the counts, at a real HTTPS receiver.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CSV_COLUMNS, cohortRows, csvOf, postBatchCsv, waitForBatch } from './helpers/batches.js';
import { request } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhookReceiver.js';

// Rows are signed for real, slower than the default 30 s on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe('a batch and its webhooks', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    // Not Date.now: the receiver checks signatures with the clock faked to this function.
    receiver = await startWebhookReceiver(() => performance.timeOrigin + performance.now());
    app = await startTestApp({
      urlPolicy: { allowLoopbackOrigins: [receiver.origin], ca: receiver.ca },
    });
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('delivers each row’s credential.issued, the tiers, and one batch.completed with the counts', async () => {
    const made = await request(
      'POST',
      `${app.baseUrl}/issuers/bridge-ngo/webhooks`,
      {
        url: `${receiver.origin}/crm`,
        events: ['credential.issued', 'tier.awarded', 'batch.completed'],
      },
      { key: ADMIN_KEY },
    );
    expect(made.status).toBe(201);
    receiver.expect('/crm', String(made.body.secret));
    const rows = [
      ...cohortRows('hooks', 4, 2),
      { recipient: 'nobody', achievement: 'digital-basics' },
    ];
    const accepted = await postBatchCsv(app.baseUrl, 'bridge-ngo', csvOf(rows, CSV_COLUMNS));
    const batchId = String(accepted.body.id);
    await waitForBatch(app.baseUrl, batchId);

    const deadline = Date.now() + 20_000;
    const completed = () => receiver.received.filter((r) => r.payload?.type === 'batch.completed');
    while (completed().length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(receiver.received.filter((r) => r.verifyError !== undefined)).toEqual([]);
    expect(completed().map((r) => r.payload?.data)).toEqual([
      { batch: batchId, issuer: 'bridge-ngo', total: 7, issued: 6, failed: 1 },
    ]);
    const types = receiver.received.map((r) => r.payload?.type);
    // Six module credentials and two bronze tiers, each a credential issued; the tiers also as tier.awarded.
    expect(types.filter((t) => t === 'credential.issued')).toHaveLength(8);
    expect(types.filter((t) => t === 'tier.awarded')).toHaveLength(2);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(receiver.received.length);
  });
});
