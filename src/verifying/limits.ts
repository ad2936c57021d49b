import type { JsonObject } from '../core/json.js';

/**
 * How much a document may ask of the verifier. Canonicalization grows with every node, and one
 * unauthenticated request must not hold a core for seconds, so anything larger is refused before
 * any proof is checked. Measured here, 900 evidence items took about 1.7 s of one core to check;
 * at these limits the worst case is a few seconds on a worker thread. Real credentials are far
 * smaller: an OB 3.0 badge has about 100 values, a CLR transcript of 100 achievements a few thousand.
 */
export const VERIFY_LIMITS = {
  /** Objects and arrays nested inside one another. */
  maxDepth: 32,
  /** Objects, arrays and values in the whole document. */
  maxNodes: 8_000,
  /** Items in any one array (evidence, results, alignments, proofs...). */
  maxArrayItems: 500,
  /** Proofs on one document. */
  maxProofs: 8,
} as const;

/** What is over a limit, in words; undefined when the document is within all of them. */
export function overLimit(document: unknown): string | undefined {
  let nodes = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value: document, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    nodes += 1;
    if (nodes > VERIFY_LIMITS.maxNodes) return `more than ${VERIFY_LIMITS.maxNodes} values`;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > VERIFY_LIMITS.maxDepth)
      return `nested more than ${VERIFY_LIMITS.maxDepth} levels deep`;
    const children = Array.isArray(value) ? value : Object.values(value as JsonObject);
    if (Array.isArray(value) && value.length > VERIFY_LIMITS.maxArrayItems)
      return `an array of ${value.length} items (at most ${VERIFY_LIMITS.maxArrayItems})`;
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  const proofs = ([] as unknown[]).concat((document as JsonObject | undefined)?.proof ?? []);
  if (proofs.length > VERIFY_LIMITS.maxProofs)
    return `${proofs.length} proofs (at most ${VERIFY_LIMITS.maxProofs})`;
  return undefined;
}
