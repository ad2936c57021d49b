// A graceful stop on SIGTERM (an orchestrator) or SIGINT (Ctrl-C): no new connections, the
// requests in flight answered, each background job's current step finished, the counts kept in
// memory written, the proof worker threads ended, the store closed,
// then exit 0. All of it within SHUTDOWN_TIMEOUT_SECONDS, or the process exits 1 anyway: what was
// left is safe to cut (every claim is stored before its side effect) and is resumed at the next start.
import type { Server } from 'node:http';
import type { Logger } from './logger.js';

export interface StopParts {
  server: Server;
  /** Aborted as the stop begins, for what would otherwise hold a connection open (event streams). */
  stopping: AbortController;
  background: { stop(): Promise<void> };
  /** Counts kept in memory (views, verifications), written once the background has stopped. */
  counts: { flush(): Promise<void> };
  /** Worker threads, ended once nothing is left to ask them. */
  workers: { close(): Promise<void> };
  store: { close(): Promise<void> };
  logger: Logger;
  timeoutSeconds: number;
  exit: (code: number) => void;
}

// A connection whose request was answered is idle until its keep-alive runs out (5 s); the
// server's close waits for it, so idle ones are closed as soon as they become idle.
const IDLE_SWEEP_MS = 100;

export function stopOnSignals(parts: StopParts): void {
  const {
    server,
    stopping: streams,
    background,
    counts,
    workers,
    store,
    logger,
    timeoutSeconds,
    exit,
  } = parts;
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'already stopping');
      return;
    }
    stopping = true;
    logger.info({ signal, timeoutSeconds }, 'stopping: finishing requests and background steps');
    const deadline = setTimeout(() => {
      logger.error({ timeoutSeconds }, 'stop timed out: exiting with work in progress');
      exit(1);
    }, timeoutSeconds * 1000);
    const idleSweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    streams.abort();
    Promise.all([closed, background.stop()])
      .then(() => counts.flush())
      .then(() => workers.close())
      .then(() => store.close())
      .then(
        () => {
          clearTimeout(deadline);
          clearInterval(idleSweep);
          logger.info('stopped');
          exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'stop failed');
          exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
