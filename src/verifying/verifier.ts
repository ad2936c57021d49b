import type { DocumentLoader, JsonObject } from '../jsonld/documentLoader.js';
import type { Check, CheckContext, ConstituentSource, StatusListSource } from './check.js';
import { validFromCheck, validUntilCheck } from './checks/dates.js';
import { issuerBindingCheck } from './checks/issuerBinding.js';
import { proofCheck } from './checks/proof.js';
import { revocationCheck, suspensionCheck } from './checks/status.js';
import { stackIntegrityCheck } from './checks/stackIntegrity.js';
import { structureCheck } from './checks/structure.js';
import { presentCredential } from './presentedCredential.js';
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

export class Verifier {
  constructor(
    private readonly documentLoader: DocumentLoader,
    private readonly statusLists: StatusListSource,
    private readonly constituents: ConstituentSource,
    private readonly clock: () => Date = () => new Date(),
    private readonly checks: readonly Check[] = standardChecks,
  ) {}

  async verify(input: JsonObject | string): Promise<VerificationReport> {
    const documentLoader = this.documentLoader;
    const context: CheckContext = {
      presented: presentCredential(input),
      statusLists: this.statusLists,
      constituents: this.constituents,
      documentLoader,
      now: this.clock(),
      async resolveVerificationMethod(id: string) {
        return (await documentLoader(id)).document as JsonObject;
      },
    };
    const results: CheckResult[] = [];
    for (const check of this.checks) {
      results.push({ id: check.id, ...(await check.run(context)) });
    }
    return buildReport(results);
  }
}
