import { STORED_COLLECTIONS } from '../store/port.js';
import type { CopyCounts } from './copyRecords.js';
import type { VerificationSummary } from './verifyMigrated.js';

const row = (name: string, inserted: string | number, present: string | number): string =>
  `  ${name.padEnd(20)}${String(inserted).padStart(9)}${String(present).padStart(17)}`;

export function countLines(counts: CopyCounts): string[] {
  const all = Object.values(counts);
  return [
    row('collection', 'inserted', 'already present'),
    ...STORED_COLLECTIONS.map((name) => row(name, counts[name].inserted, counts[name].present)),
    row(
      'total',
      all.reduce((sum, count) => sum + count.inserted, 0),
      all.reduce((sum, count) => sum + count.present, 0),
    ),
  ];
}

export function verificationLines(summary: VerificationSummary): string[] {
  const lines = [`${summary.verified} of ${summary.checked} credentials verify`];
  const { revoked, suspended, expired } = summary;
  if (revoked + suspended + expired > 0) {
    lines.push(
      `  ${revoked} of them revoked, ${suspended} suspended, ${expired} expired, and reported so, as before the move`,
    );
  }
  if (summary.imported > 0) {
    lines.push(
      `  and ${summary.imported} imported from other issuers, copied byte for byte (their keys and status lists are theirs to serve)`,
    );
  }
  for (const { id, problems } of summary.failures) {
    lines.push(`  FAILED ${id}`, ...problems.map((problem) => `    ${problem}`));
  }
  if (summary.failures.length > 0) {
    lines.push(
      'Credentials name the address they were issued at: if it is not the PUBLIC_URL above, run again with --public-url.',
    );
  }
  return lines;
}
