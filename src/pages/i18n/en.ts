// The English UI strings: the reference key set. Every other language must translate each key
// (see messages.ts); `{name}` marks a value filled in when the page is rendered.
export const en = {
  'language.name': 'English',
  'language.switcher': 'Language',
  'site.name': 'Stackable credentials',
  'site.verifyLink': 'Verify a credential',
  'site.footer':
    'Checks run live on this service. Open Badges 3.0 · W3C Verifiable Credentials 2.0.',
  'site.skipToContent': 'Skip to content',

  'credential.pageTitle': '{name}: credential',
  'credential.kind': 'Open Badge',
  'credential.issuedBy': 'Issued by {issuer}',
  'credential.unnamed': 'Unnamed credential',
  'credential.imageAlt': 'Badge image of {name}',

  'verdict.heading': 'Verification result',
  'verdict.verified': 'Verified',
  'verdict.notVerified': 'Not verified',
  'verdict.expired': 'Expired',
  'verdict.revoked': 'Revoked',
  'verdict.suspended': 'Suspended',
  'verdict.verified.explain':
    'The signature is valid, the issuer signed it, and every check below passed.',
  'verdict.notVerified.explain':
    'At least one check failed, so this credential cannot be trusted as shown. The failed check is named below.',
  'verdict.expired.explain': 'The credential is authentic, but its validity ended on {date}.',
  'verdict.revoked.explain': 'The issuer has revoked this credential.',
  'verdict.suspended.explain': 'The issuer has suspended this credential for now.',
  'verdict.checkedAt': 'Checked {time}.',

  'section.description': 'Description',
  'section.criteria': 'How it was earned',
  'section.recipient': 'Awarded to',
  'section.dates': 'Validity',
  'section.issuer': 'Issuer',
  'section.evidence': 'Evidence',
  'section.checks': 'Checks',
  'section.status': 'Status',
  'section.constituents': 'Built from these credentials',
  'section.share': 'Share',
  'section.downloads': 'Downloads',

  'criteria.link': 'Full criteria',

  'recipient.did': 'The holder of this DID:',
  'recipient.hashedEmail': 'e-mail address (hashed)',
  'recipient.hashedEmail.note':
    'The credential carries only a salted hash of the address. Someone who knows the address can check it matches; this page does not reveal it.',
  'recipient.identifier': '{type}:',
  'recipient.hashedIdentifier': '{type} (hashed)',
  'recipient.unnamed': 'The credential does not name its recipient.',

  'dates.validFrom': 'Valid from',
  'dates.validUntil': 'Valid until',
  'dates.noEnd': 'No end date',
  'dates.unknown': 'Not stated',

  'issuer.name': 'Name',
  'issuer.website': 'Website',
  'issuer.identifier': 'Identifier (DID)',

  'evidence.untitled': 'Evidence {number}',
  'evidence.open': 'Open the evidence',
  'evidence.none': 'The credential lists no evidence.',

  'punctuation.colon': ': ',
  'check.outcome.success': 'Passed',
  'check.outcome.failure': 'Failed',
  'check.outcome.skipped': 'Not applicable',
  'check.structure': 'Format (Open Badges 3.0)',
  'check.proof.signature': 'Signature',
  'check.issuer.binding': "Issuer's key",
  'check.dates.validFrom': 'Start of validity',
  'check.dates.validUntil': 'End of validity',
  'check.status.revocation': 'Revocation status',
  'check.status.suspension': 'Suspension status',
  'check.stack.constituents': 'Constituent credentials',

  'status.active': 'Active',
  'status.suspended': 'Suspended',
  'status.revoked': 'Revoked',
  'status.expired': 'Expired',
  'status.state': 'State',
  'status.reason': 'Reason',
  'status.since': 'Since',

  'constituent.issuedBy': 'issued by {issuer}',

  'share.qrAlt': 'QR code holding the address of this page',
  'share.qrHelp': 'Scan the code with a phone camera to open this page and its live check.',
  'share.linkLabel': 'Address of this page',
  'share.copy': 'Copy link',
  'share.copied': 'Link copied.',
  'share.linkedIn': 'Add to LinkedIn profile',

  'download.json': 'Signed credential (JSON)',
  'download.jwt': 'Signed credential (JWT)',
  'download.badgePng': 'Badge image with the credential inside (PNG)',
  'download.badgeSvg': 'Badge image with the credential inside (SVG)',
  'download.qrPng': 'QR code (PNG)',
  'download.qrSvg': 'QR code (SVG)',

  'verify.pageTitle': 'Verify a credential',
  'verify.heading': 'Verify a credential',
  'verify.intro':
    'Paste a credential or choose a file. The service checks it step by step and shows each result.',
  'verify.pasteLabel': 'Credential: JSON or JWT',
  'verify.pasteHint': 'Paste the whole text, from the first { to the last }, or the JWT.',
  'verify.fileLabel': 'Or a file',
  'verify.fileHint':
    'A .json or .jwt file, or a badge image with the credential inside (.png, .svg).',
  'verify.submit': 'Verify',
  'verify.scanHeading': 'Have a QR code?',
  'verify.scan':
    "Open your phone's camera and point it at the code. It holds the address of the credential's page, which opens and checks the credential for you; no app is needed.",
  'verify.resultHeading': 'Result',
  'verify.summaryHeading': 'What the credential says',
  'verify.errorHeading': 'The credential could not be read',
  'verify.empty': 'Paste a credential or choose a file, then press Verify.',
  'verify.again': 'Verify another credential',
} satisfies Record<string, string>;
