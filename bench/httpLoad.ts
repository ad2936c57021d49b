import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { createApp } from '../src/app.js';
import type { Services } from '../src/services.js';

export const CONCURRENCY = [1, 8, 32] as const;

/** One HTTP operation under load: what to send, and how many requests per second came back 2xx. */
export interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface LoadRow {
  endpoint: string;
  connections: number;
  /** 2xx responses per second. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

export async function listen(services: Services, port: number): Promise<Server> {
  const server = createServer(createApp(services));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export async function load(
  baseUrl: string,
  endpoint: Endpoint,
  connections: number,
  seconds: number,
): Promise<LoadRow> {
  const result = await autocannon({
    // The load generator on a thread of its own, so it does not take turns with the server's
    // event loop (both still share the machine's cores).
    workers: 1,
    url: `${baseUrl}${endpoint.path}`,
    connections,
    duration: seconds,
    method: endpoint.method,
    headers: {
      ...(endpoint.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...endpoint.headers,
    },
    ...(endpoint.body === undefined ? {} : { body: JSON.stringify(endpoint.body) }),
  });
  return {
    endpoint: endpoint.name,
    connections,
    perSecond: result['2xx'] / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
}

export function formatLoadTable(rows: readonly LoadRow[]): string {
  const names = [...new Set(rows.map((row) => row.endpoint))];
  const header = ['HTTP (2xx/s, p99 ms)', ...CONCURRENCY.map((c) => `c=${c}`)];
  const lines = names.map((name) => [
    name,
    ...CONCURRENCY.map((connections) => {
      const row = rows.find((r) => r.endpoint === name && r.connections === connections);
      if (!row) return '-';
      const failed = row.non2xx > 0 ? ` (${row.non2xx} non-2xx)` : '';
      return `${row.perSecond.toFixed(0)} /s, p99 ${row.p99Ms} ms${failed}`;
    }),
  ]);
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((line) => line[i]?.length ?? 0)));
  const format = (line: string[]) =>
    line
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join(
    '\n',
  );
}
