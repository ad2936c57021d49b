import { Piscina } from 'piscina';
import type { JsonObject } from '../core/json.js';
import type { Ed25519KeyPair } from '../keys/issuerKey.js';
import { signedOf, signTaskOf, type SignTaskResult } from '../signing/signTask.js';
import type { ProofTask, ProofTaskResult } from '../verifying/proofs/proofTask.js';
import { runWorkerTask, type WorkerTask } from './workerTask.js';

// Starting a thread (tsx loading the JSON-LD stack) takes about a second: one stays warm, the
// others exit when idle.
const IDLE_TIMEOUT_MS = 30_000;

/**
 * Canonicalizing a document is CPU work: done on the event loop, every signature and proof check
 * would stall the requests waiting behind it. They run on `size` worker threads, so the thread
 * answering HTTP only waits and a 2-core machine signs two at once; size 0 runs them on this
 * thread. One pool per app, started at its first task and closed with the app.
 */
export class ProofWorkers {
  #pool: Piscina | undefined;
  #closed = false;

  constructor(readonly size: number) {}

  /** A Data Integrity signature (eddsa-rdfc-2022), byte for byte the one made in process. */
  readonly sign = async (
    credential: JsonObject,
    keyPair: Ed25519KeyPair,
    created?: string,
  ): Promise<JsonObject> => {
    const task = signTaskOf(credential, keyPair, created);
    return signedOf((await this.#run({ kind: 'sign', task })) as SignTaskResult);
  };

  /** One Data Integrity or Ed25519Signature2020 proof checked. */
  readonly checkProof = async (task: ProofTask): Promise<ProofTaskResult> =>
    (await this.#run({ kind: 'check', task })) as ProofTaskResult;

  /** Threads running now (the bench and the tests read it). */
  get threads(): number {
    return this.#pool?.threads.length ?? 0;
  }

  /** Waits for the tasks in flight, then ends the threads. */
  async close(): Promise<void> {
    this.#closed = true;
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.close();
  }

  #run(task: WorkerTask): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('the proof workers are closed'));
    if (this.size === 0) return runWorkerTask(task);
    this.#pool ??= new Piscina({
      filename: new URL('./worker.mjs', import.meta.url).href,
      maxThreads: this.size,
      minThreads: 1,
      idleTimeout: IDLE_TIMEOUT_MS,
    });
    return this.#pool.run(task);
  }
}
