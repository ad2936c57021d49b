import type { JsonObject } from '../core/json.js';
import type { KeyDocuments } from './keyDocuments.js';
import type { PresentedCredential } from './presentedCredential.js';
import type { ProofSet } from './proofs/proofSet.js';
import type { ProofChecker } from './proofs/proofTask.js';
import type { Outcome } from './report.js';

/** Where status list credentials come from (our own locally, others' over the network). */
export interface StatusListSource {
  fetchStatusList(url: string): Promise<JsonObject>;
  /** A sentence about the latest status change of one of our credentials, if it had one. */
  explainStatus?(credentialUuid: string): Promise<string | undefined>;
}

/** A constituent credential as this service knows it, for checking a tier's integrity. */
export interface KnownConstituent {
  document: string;
  state: string;
}

export interface ConstituentSource {
  findConstituent(credentialUuid: string): Promise<KnownConstituent | undefined>;
}

export interface CheckContext {
  presented: PresentedCredential;
  statusLists: StatusListSource;
  constituents: ConstituentSource;
  keys: KeyDocuments;
  now: Date;
  jwtClockSkewSeconds: number;
  /** Where a Data Integrity proof is checked (a worker thread). */
  checkProof: ProofChecker;
  /** The credential's proofs, each checked once and shared by the checks that read them. */
  proofs(): Promise<ProofSet>;
}

/** One small, named step of verification. */
export interface Check {
  id: string;
  run(context: CheckContext): Promise<Outcome>;
}
