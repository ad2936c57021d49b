import type { DocumentLoader, JsonObject } from '../jsonld/documentLoader.js';
import type { PresentedCredential } from './presentedCredential.js';
import type { Outcome } from './report.js';

export interface CheckContext {
  presented: PresentedCredential;
  documentLoader: DocumentLoader;
  now: Date;
  /** Resolves a verification method id to its Multikey description (with controller). */
  resolveVerificationMethod(id: string): Promise<JsonObject>;
}

/** One small, named step of verification. */
export interface Check {
  id: string;
  run(context: CheckContext): Promise<Outcome>;
}
