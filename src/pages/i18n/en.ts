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
  'verdict.unchecked': 'Could not be checked',
  'verdict.verified.explain':
    'The signature is valid, the issuer signed it, and every check below passed.',
  'verdict.notVerified.explain':
    'At least one check failed, so this credential cannot be trusted as shown. The failed check is named below.',
  'verdict.expired.explain': 'The credential is authentic, but its validity ended on {date}.',
  'verdict.revoked.explain': 'The issuer has revoked this credential.',
  'verdict.suspended.explain': 'The issuer has suspended this credential for now.',
  'verdict.unchecked.explain':
    'Part of this credential could not be checked because {what} could not be reached. Nothing found is wrong; try again when {where} can be reached.',
  'verdict.unchecked.explainWithFailure':
    'Part of this credential could not be checked because {what} could not be reached, and a check below failed. Try again when {where} can be reached.',
  'verdict.presentation.verified.explain':
    'The presentation and every credential in it passed every check that applies to them.',
  'verdict.presentation.notVerified.explain':
    'At least one check of the presentation or of a credential in it failed, so it cannot be trusted as shown. Each failed check is named below.',
  'verdict.presentation.unchecked.explain':
    'Part of this presentation could not be checked because {what} could not be reached. Nothing found is wrong; try again when {where} can be reached.',
  'unavailable.issuerKey': "the issuer's key",
  'unavailable.statusList': "the issuer's status list",
  'unavailable.holderKey': "the holder's key",
  'unavailable.other': 'a document it refers to',
  'unavailable.where.issuer': "the issuer's server",
  'unavailable.where.holder': "the holder's server",
  'unavailable.where.both': 'those servers',
  'list.separator': ', ',
  'list.pair': '{first} and {last}',
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
  'check.outcome.unavailable': 'Could not be checked',
  'check.structure': 'Format (Open Badges 3.0)',
  'check.proof.signature': 'Signature',
  'check.issuer.binding': "Issuer's key",
  'check.dates.validFrom': 'Start of validity',
  'check.dates.validUntil': 'End of validity',
  'check.status.revocation': 'Revocation status',
  'check.status.suspension': 'Suspension status',
  'check.stack.constituents': 'Constituent credentials',
  'check.presentation.structure': 'Format (Verifiable Presentation)',
  'check.presentation.proof': "Holder's signature",
  'check.presentation.holder': 'Signed by the holder it names',

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
  'verify.pasteHint':
    'Paste the whole text, from the first { to the last }, or the JWT. A Verifiable Presentation (JSON) carrying credentials is accepted too.',
  'verify.fileLabel': 'Or a file',
  'verify.fileHint':
    'A .json file (a credential or a presentation), a .jwt file, or a badge image with the credential inside (.png, .svg).',
  'verify.submit': 'Verify',
  'verify.scanHeading': 'Have a QR code?',
  'verify.scan':
    "Open your phone's camera and point it at the code. It holds the address of the credential's page, which opens and checks the credential for you; no app is needed.",
  'verify.resultHeading': 'Result',
  'verify.summaryHeading': 'What the credential says',
  'verify.presentationHeading': 'The presentation',
  'verify.presentationHint':
    'Who passed these credentials on, and whether they signed them as theirs.',
  'verify.credentialsHeading': 'Credentials in the presentation',
  'verify.credentialPosition': 'Credential {number} of {total}',
  'verify.credentialVerdict': 'Verification result of credential {number}',
  'verify.presentationEmpty': 'The presentation carries no credentials.',
  'verify.presentationUnread':
    'The credentials in it were not checked, because the presentation itself could not be read (see its checks above).',
  'verify.errorHeading': 'The credential could not be read',
  'verify.empty': 'Paste a credential or choose a file, then press Verify.',
  'verify.again': 'Verify another credential',
} satisfies Record<string, string>;
