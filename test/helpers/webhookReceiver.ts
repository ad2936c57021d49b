// A real HTTPS webhook receiver on loopback with a certificate made for the test. It checks every
// request with the standardwebhooks verifier, as an issuer's own system would, and answers what
// the test scripts per path.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';

export interface Received {
  path: string;
  id: string;
  timestamp: string;
  body: string;
  /** The parsed body when the signature verified; undefined when it did not. */
  payload?: { type: string; timestamp: string; data: Record<string, unknown> };
  verifyError?: string;
}

export interface WebhookReceiver {
  /** https://127.0.0.1:<port>, the origin the service is told to allow. */
  origin: string;
  /** The receiver's certificate, the only one the service is told to trust. */
  ca: string;
  received: Received[];
  /** Checks requests to `path` against this secret. */
  expect(path: string, secret: string): void;
  /** Answers requests to `path` with these statuses in turn, then 204. */
  answer(path: string, statuses: number[]): void;
  close(): Promise<void>;
}

/**
 * `now`, when given, is the time the receiver checks webhook-timestamp against: the test's moved
 * clock, the one the service signs with, so moving it is not mistaken for a replay. Without it
 * the receiver checks against the wall clock, as a real one does.
 */
export async function startWebhookReceiver(now?: () => number): Promise<WebhookReceiver> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const secrets = new Map<string, string>();
  const scripts = new Map<string, number[]>();
  const received: Received[] = [];
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      const headers = Object.fromEntries(
        ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
          name,
          String(req.headers[name] ?? ''),
        ]),
      );
      const entry: Received = {
        path,
        id: headers['webhook-id'] ?? '',
        timestamp: headers['webhook-timestamp'] ?? '',
        body,
      };
      const secret = secrets.get(path);
      const wallClock = now ? vi.spyOn(Date, 'now').mockImplementation(now) : undefined;
      try {
        if (!secret) throw new Error(`no secret for ${path}`);
        entry.payload = new Webhook(secret).verify(body, headers) as Received['payload'];
      } catch (error) {
        entry.verifyError = (error as Error).message;
      } finally {
        wallClock?.mockRestore();
      }
      received.push(entry);
      res.statusCode = scripts.get(path)?.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    ca: pems.cert,
    received,
    expect: (path, secret) => void secrets.set(path, secret),
    answer: (path, statuses) => void scripts.set(path, [...statuses]),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
