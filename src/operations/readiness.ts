// Whether this instance should get traffic: it can write to its store. Liveness (/healthz) is only
// "the process answers"; a full disk or a lost database makes an instance not ready, not dead.
import type { Logger } from '../logger.js';
import { StorageFullError, type StorageHealth } from '../store/port.js';

/** A healthy store gets a one-row probe; after a write failed for space, one as large as an award. */
const PROBE_BYTES = 64;
const PROBE_BYTES_AFTER_FULL = 64 * 1024;

export type Readiness = { ready: true } | { ready: false; reason: string };

export class ReadinessCheck {
  constructor(
    private readonly storage: StorageHealth,
    private readonly logger: Logger,
  ) {}

  async check(): Promise<Readiness> {
    const failing = this.storage.writesFailing();
    try {
      await this.storage.probeWrite(failing ? PROBE_BYTES_AFTER_FULL : PROBE_BYTES);
      return { ready: true };
    } catch (error) {
      if (error instanceof StorageFullError) {
        return { ready: false, reason: 'storage is full: writes fail until space is freed' };
      }
      this.logger.warn({ err: error }, 'the readiness probe could not write to the store');
      return { ready: false, reason: 'the store did not take a write (the error was logged)' };
    }
  }
}
