// Prints the one line CI reads ("N passed, N failed[, N skipped]") from vitest's JSON report and
// any checks CI ran outside vitest (further arguments, name=pass or name=fail), and exits non-zero
// when a test or check failed or no test ran.
import { readFileSync } from 'node:fs';

const [reportFile, ...checks] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
const checksFailed = checks.filter((check) => !check.endsWith('=pass'));
for (const check of checksFailed) console.log(`check failed: ${check}`);
const passed = (report.numPassedTests ?? 0) + checks.length - checksFailed.length;
// A file that fails to load runs no test; count it so it cannot pass unnoticed.
const brokenFiles = (report.testResults ?? []).filter(
  (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles + checksFailed.length;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);

console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || (report.numPassedTests ?? 0) === 0 ? 1 : 0);
