import type { JsonObject } from '../core/json.js';
import { linkedInAddToProfileUrl } from '../sharing/linkedIn.js';
import type { VerificationReport } from '../verifying/report.js';
import { readCredentialView, type CredentialView } from './credentialView.js';
import { verdictOf, type Verdict } from './verdict.js';
import type { ConstituentStanding, StandingSection } from '../published/credentialService.js';

/** The credential's standing in its issuer's status list; the credential use case fills it in. */
export type StatusSection = StandingSection;

/** A credential a tier was built from, linked to its own page; stacking fills these in. */
export type ConstituentLink = ConstituentStanding;

/** An endorsement the credential carries, with the verdict of its own live check. */
export interface EndorsementLink {
  about: 'achievement' | 'issuer';
  endorserName?: string;
  comment?: string;
  verdict: Verdict;
  /** Its own page, when it was issued here. */
  url?: string;
}

/** Sections the page renders only when the data is given: it never guesses them. */
export interface PageExtras {
  status?: StatusSection;
  constituents?: ConstituentLink[];
  endorsements?: EndorsementLink[];
}

export interface ShareLinks {
  /** The public URL (PUBLIC_URL based): what the QR holds and what people copy. */
  pageUrl: string;
  /** The page's path on this service (basePath included), for links within the site. */
  pagePath: string;
  qrSvg: string;
  qrPng: string;
  badgePng: string;
  badgeSvg: string;
  download: { url: string; format: 'di' | 'jwt' };
  /** The credential QR (the signed credential itself, checked offline), when it has a vc+jwt. */
  credentialQr?: { png: string; svg: string };
  /** Present when the credential names an achievement and an issuer, which LinkedIn needs. */
  linkedIn?: string;
}

export interface CredentialPageModel extends PageExtras {
  view: CredentialView;
  verdict: Verdict;
  report: VerificationReport;
  /** When the live verification ran (ISO). */
  checkedAt: string;
  share: ShareLinks;
}

export interface PageModelInput {
  uuid: string;
  format: 'di' | 'jwt';
  /** The credential itself (for a JWT, its payload). */
  credential: JsonObject;
  report: VerificationReport;
  checkedAt: Date;
  pageUrl: string;
  /** The PUBLIC_URL path prefix, '' at the root. */
  basePath: string;
  /** It has a vc+jwt form (issued as one, or signed beside its Data Integrity proof). */
  hasVcJwt?: boolean;
  extras?: PageExtras;
}

function linkedInLink(view: CredentialView, pageUrl: string): string | undefined {
  const { name } = view.achievement;
  const organizationName = view.issuer.name;
  const issued = view.validFrom ? new Date(view.validFrom) : undefined;
  if (!name || !organizationName || !issued || Number.isNaN(issued.getTime())) return undefined;
  const expires = view.validUntil ? new Date(view.validUntil) : undefined;
  return linkedInAddToProfileUrl({
    name,
    organizationName,
    issued,
    ...(expires && !Number.isNaN(expires.getTime()) ? { expires } : {}),
    certUrl: pageUrl,
    certId: view.id ?? pageUrl,
  });
}

/** Everything the credential page shows, from the stored credential and its live report. */
export function buildCredentialPageModel(input: PageModelInput): CredentialPageModel {
  const view = readCredentialView(input.credential);
  const own = `${input.basePath}/c/${input.uuid}`;
  const linkedIn = linkedInLink(view, input.pageUrl);
  return {
    view,
    verdict: verdictOf(input.report, input.extras?.status?.state),
    report: input.report,
    checkedAt: input.checkedAt.toISOString(),
    share: {
      pageUrl: input.pageUrl,
      pagePath: own,
      qrSvg: `${own}/qr.svg`,
      qrPng: `${own}/qr.png`,
      badgePng: `${own}/badge.png`,
      badgeSvg: `${own}/badge.svg`,
      download: {
        url: `${own}/credential.${input.format === 'jwt' ? 'jwt' : 'json'}`,
        format: input.format,
      },
      ...(input.hasVcJwt
        ? { credentialQr: { png: `${own}/qr-credential.png`, svg: `${own}/qr-credential.svg` } }
        : {}),
      ...(linkedIn ? { linkedIn } : {}),
    },
    ...(input.extras?.status ? { status: input.extras.status } : {}),
    ...(input.extras?.constituents ? { constituents: input.extras.constituents } : {}),
    ...(input.extras?.endorsements?.length ? { endorsements: input.extras.endorsements } : {}),
  };
}
