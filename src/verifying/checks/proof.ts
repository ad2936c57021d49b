import type { Check } from '../check.js';
import { failure, success, unavailable, type Outcome } from '../report.js';
import type { ProofSet } from '../proofs/proofSet.js';

/** Every proof must verify: one that does not fails the whole set, named by its position. */
export function proofSetOutcome(set: ProofSet): Outcome {
  if (set.kind === 'refused') return { outcome: 'failure', problem: set.problem };
  const failed = set.results.find((result) => result.outcome === 'failed');
  if (failed?.outcome === 'failed') {
    const where = `proof ${failed.index + 1} of ${set.total}${failed.method ? ` (${failed.method})` : ''}`;
    return {
      outcome: 'failure',
      problem: {
        ...failed.problem,
        detail: `${where}: ${String(failed.problem.detail ?? failed.problem.title)}`,
        proofIndex: failed.index,
      },
    };
  }
  const unreachable = set.results.find((result) => result.outcome === 'unavailable');
  if (unreachable?.outcome === 'unavailable')
    return unavailable(
      `the key of proof ${unreachable.index + 1} could not be fetched: ${unreachable.reason}`,
    );
  return success(set.total === 1 ? 'the proof verifies' : `all ${set.total} proofs verify`);
}

/** Data Integrity proof sets (eddsa-rdfc-2022, ecdsa-rdfc-2019, Ed25519Signature2020) or vc+jwt. */
export const proofCheck: Check = {
  id: 'proof.signature',
  async run(context) {
    const { presented } = context;
    if (presented.format === 'unreadable') {
      const { slug, detail } = presented.problem;
      return failure(slug, detail);
    }
    return proofSetOutcome(await context.proofs());
  },
};
