import { runSignTask, type SignTask, type SignTaskResult } from '../signing/signTask.js';
import { checkProofTask } from '../verifying/proofs/checkProofTask.js';
import type { ProofTask, ProofTaskResult } from '../verifying/proofs/proofTask.js';

/** What a proof worker is asked: sign a credential, or check one proof. */
export type WorkerTask = { kind: 'sign'; task: SignTask } | { kind: 'check'; task: ProofTask };

/** Runs one task; the same function on a worker thread and, with no workers, on this one. */
export function runWorkerTask(task: WorkerTask): Promise<SignTaskResult | ProofTaskResult> {
  return task.kind === 'sign' ? runSignTask(task.task) : checkProofTask(task.task);
}
