import type { Clock } from '../core/clock.js';
import type { JsonObject } from '../core/json.js';
import {
  currentFetchBudget,
  DEFAULT_FETCH_BUDGET,
  runWithFetchBudget,
} from '../net/fetchBudget.js';
import type { Check, CheckContext, ConstituentSource, StatusListSource } from './check.js';
import { validFromCheck, validUntilCheck } from './checks/dates.js';
import { issuerBindingCheck } from './checks/issuerBinding.js';
import { proofCheck } from './checks/proof.js';
import { revocationCheck, suspensionCheck } from './checks/status.js';
import { stackIntegrityCheck } from './checks/stackIntegrity.js';
import { structureCheck } from './checks/structure.js';
import type { KeyDocuments } from './keyDocuments.js';
import { presentCredential } from './presentedCredential.js';
import { checkJwtProof } from './proofs/jwtProof.js';
import { checkProofTask } from './proofs/checkProofTask.js';
import { checkProofSet, type ProofSet } from './proofs/proofSet.js';
import type { ProofChecker } from './proofs/proofTask.js';
import {
  verifyPresentation,
  type PresentationOptions,
  type PresentationReport,
} from './presentation.js';
import { buildReport, type CheckResult, type VerificationReport } from './report.js';

/**
 * structure -> proof -> issuer binding -> dates -> status -> stack integrity; each check runs on
 * its own and reports.
 */
export const standardChecks: readonly Check[] = [
  structureCheck,
  proofCheck,
  issuerBindingCheck,
  validFromCheck,
  validUntilCheck,
  revocationCheck,
  suspensionCheck,
  stackIntegrityCheck,
];

export interface VerifierParts {
  keys: KeyDocuments;
  statusLists: StatusListSource;
  constituents: ConstituentSource;
  clock: Clock;
  jwtClockSkewSeconds: number;
  checks?: readonly Check[];
  /** Where Data Integrity proofs are checked: the app's worker threads; this thread by default. */
  checkProof?: ProofChecker;
  /** Told each credential's verdict (every one of a presentation's too), e.g. to count them. */
  onVerdict?: (verdict: VerificationReport['verdict']) => void;
}

/** Remote fetches of one verification (a presentation and all it carries) share one budget. */
function withinFetchBudget<T>(fn: () => Promise<T>): Promise<T> {
  return currentFetchBudget() ? fn() : runWithFetchBudget(DEFAULT_FETCH_BUDGET, fn);
}

export class Verifier {
  private readonly checks: readonly Check[];
  private readonly checkProof: ProofChecker;

  constructor(private readonly parts: VerifierParts) {
    this.checks = parts.checks ?? standardChecks;
    this.checkProof = parts.checkProof ?? checkProofTask;
  }

  verify(input: JsonObject | string): Promise<VerificationReport> {
    return withinFetchBudget(() => this.verifyCredential(input));
  }

  verifyPresentation(
    presentation: JsonObject,
    options: PresentationOptions = {},
  ): Promise<PresentationReport> {
    return withinFetchBudget(() =>
      verifyPresentation(presentation, options, {
        keys: this.parts.keys,
        now: this.parts.clock(),
        jwtClockSkewSeconds: this.parts.jwtClockSkewSeconds,
        checkProof: this.checkProof,
        verifyCredential: (credential) => this.verifyCredential(credential),
      }),
    );
  }

  private async verifyCredential(input: JsonObject | string): Promise<VerificationReport> {
    const presented = presentCredential(input);
    const now = this.parts.clock();
    const { keys, jwtClockSkewSeconds } = this.parts;
    const environment = { keys, now, jwtClockSkewSeconds, checkProof: this.checkProof };
    let proofs: Promise<ProofSet> | undefined;
    const context: CheckContext = {
      presented,
      statusLists: this.parts.statusLists,
      constituents: this.parts.constituents,
      ...environment,
      proofs() {
        proofs ??=
          presented.format === 'jwt'
            ? checkJwtProof(presented.jws, presented.header, presented.credential, environment)
            : checkProofSet(presented.credential, { kind: 'assertion' }, environment);
        return proofs;
      },
    };
    const results: CheckResult[] = [];
    for (const check of this.checks) {
      results.push({ id: check.id, ...(await check.run(context)) });
    }
    const report = buildReport(results);
    this.parts.onVerdict?.(report.verdict);
    return report;
  }
}
