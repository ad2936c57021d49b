import { createHash } from 'node:crypto';

const SHA2_256 = Buffer.from([0x12, 0x20]);

/** digestMultibase of a signed credential as stored and served: multihash sha2-256, base64url ('u'). */
export function digestMultibase(document: string): string {
  const digest = createHash('sha256').update(document, 'utf8').digest();
  return `u${Buffer.concat([SHA2_256, digest]).toString('base64url')}`;
}
