// Wakes whoever watches a batch (a progress stream) when a row of it finishes in this process.
// Rows finished by another instance are seen on the watcher's next poll of the store instead.
import { EventEmitter } from 'node:events';

export class BatchProgress {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  changed(batchId: string): void {
    this.#emitter.emit(batchId);
  }

  /** Resolves at the next change of the batch, or after `ms` at the latest. */
  nextChange(batchId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#emitter.off(batchId, done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#emitter.once(batchId, done);
    });
  }
}
