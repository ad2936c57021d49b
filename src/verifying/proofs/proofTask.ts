import type { ProblemFields } from '../../core/problems.js';
import type { JsonObject } from '../../core/json.js';

/** Assertion for credentials and status lists; authentication for a holder's presentation. */
export type ProofPurpose =
  { kind: 'assertion' } | { kind: 'authentication'; challenge?: string; domain?: string };

/**
 * One proof to check, with every document it needs already fetched (its verification method and
 * that method's controller), so checking it needs no I/O and can run on any thread.
 */
export interface ProofTask {
  /** The secured document carrying exactly the one proof to check. */
  document: JsonObject;
  purpose: ProofPurpose;
  /** Verification method and controller documents by URL. */
  documents: Record<string, unknown>;
  /** ISO date-time the proof's purpose is judged at. */
  now: string;
}

export type ProofTaskResult =
  { verified: true; controller: string } | { verified: false; problem: ProblemFields };

/** Checks one proof task: on a worker thread, or on this one (`checkProofTask`). */
export type ProofChecker = (task: ProofTask) => Promise<ProofTaskResult>;
