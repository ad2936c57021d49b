import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ProofTask, ProofTaskResult } from './proofTask.js';

/**
 * Canonicalizing a document is CPU work that grows with its size; done on the event loop, one
 * large credential would stall every other request. Proofs are checked on worker threads, as many
 * as the machine has cores, so a 2-core machine checks two at once while the thread answering HTTP
 * only waits. The pool is shared by everything in the process; one thread stays warm (starting one
 * takes seconds), the others exit when idle.
 */
let pool: Piscina | undefined;

function proofPool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./proofWorker.mjs', import.meta.url).href,
    maxThreads: availableParallelism(),
    minThreads: 1,
    idleTimeout: 30_000,
  });
  return pool;
}

export function runProofTask(task: ProofTask): Promise<ProofTaskResult> {
  return proofPool().run(task) as Promise<ProofTaskResult>;
}
