// Which status lists the offline verify page remembers as seen after the service checked a
// credential: only lists whose bit for the credential the service's report says it read.
import { describe, expect, it } from 'vitest';
import { statusListsRead, statusListUrls } from '../src/pages/offline/statusListsRead.js';
import {
  buildReport,
  failure,
  skipped,
  success,
  unavailable,
  type Outcome,
} from '../src/verifying/report.js';

const REVOCATION = 'https://exams.example/issuers/exam-body/status/revocation-1';
const SUSPENSION = 'https://exams.example/issuers/exam-body/status/suspension-1';

const entry = (purpose: string, url: unknown) => ({
  type: 'BitstringStatusListEntry',
  statusPurpose: purpose,
  statusListIndex: '7',
  statusListCredential: url,
});

const credential = {
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  credentialStatus: [entry('revocation', REVOCATION), entry('suspension', SUSPENSION)],
};

const reportOf = (revocation: Outcome, suspension: Outcome) =>
  buildReport([
    { id: 'proof.signature', ...success() },
    { id: 'status.revocation', ...revocation },
    { id: 'status.suspension', ...suspension },
  ]);

describe('status lists the service read', () => {
  it('names every list the credential carries, revocation first', () => {
    expect(statusListUrls(credential)).toEqual([REVOCATION, SUSPENSION]);
    expect(statusListUrls({ credentialStatus: entry('revocation', 42) })).toEqual([]);
  });

  it('counts the lists of status checks that passed', () => {
    expect(statusListsRead(reportOf(success(), success()), credential)).toEqual([
      REVOCATION,
      SUSPENSION,
    ]);
  });

  it('counts the list a revoked or suspended failure names', () => {
    const revoked = failure('credential-revoked', 'revoked: exam withdrawn', {
      statusListCredential: REVOCATION,
      statusListIndex: 7,
    });
    const suspended = failure('credential-suspended', 'suspended', {
      statusListCredential: SUSPENSION,
      statusListIndex: 7,
    });
    expect(statusListsRead(reportOf(revoked, suspended), credential)).toEqual([
      REVOCATION,
      SUSPENSION,
    ]);
  });

  it('counts nothing for a check that could not run or read no bit', () => {
    const outOfReach = unavailable(`${REVOCATION}: connect ECONNREFUSED`);
    const notTheIssuers = failure('status-invalid', `the status list ${SUSPENSION} is not signed`);
    expect(statusListsRead(reportOf(outOfReach, notTheIssuers), credential)).toEqual([]);
    const noUrl = failure('malformed-credential', 'the revocation entry has no valid list URL');
    expect(statusListsRead(reportOf(noUrl, skipped('not applicable')), credential)).toEqual([]);
  });

  it('counts only lists the credential itself names', () => {
    const elsewhere = failure('credential-revoked', 'revoked', {
      statusListCredential: 'https://other.example/status/1',
    });
    expect(statusListsRead(reportOf(elsewhere, success()), credential)).toEqual([SUSPENSION]);
    // A report without status checks (e.g. from before they ran) reads no list.
    expect(statusListsRead(buildReport([{ id: 'structure', ...success() }]), credential)).toEqual(
      [],
    );
  });
});
