import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../jsonld/contexts.js';
import { hashedEmailIdentity, type IdentityObject, type Recipient } from './recipientIdentity.js';
import {
  alignmentDocument,
  evidenceDocument,
  imageDocument,
  resultDescriptionDocument,
  resultDocument,
  type AlignmentInput,
  type EvidenceInput,
  type ImageInput,
  type ResultDescriptionInput,
  type ResultInput,
} from './ob3Parts.js';

export type { EvidenceInput, ResultInput } from './ob3Parts.js';

export interface ImageObject {
  id: string;
  type: 'Image';
}

export interface ProfileDocument {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: ImageObject;
}

export interface AchievementInput {
  id?: string;
  name: string;
  description: string;
  criteria: { narrative: string };
  image?: ImageInput;
  alignment?: AlignmentInput[];
  tag?: string[];
  inLanguage?: string;
  creditsAvailable?: number;
  fieldOfStudy?: string;
  specialization?: string;
  achievementType?: string;
  resultDescription?: ResultDescriptionInput[];
}

export type SubjectIdentity = { id: string } | { identifier: IdentityObject[] };

/** An OB3 Achievement as it goes into a credential. */
export type AchievementDocument = Record<string, unknown> & { id: string; name: string };

export interface CredentialDraft {
  id: string;
  issuer: ProfileDocument;
  achievement: AchievementDocument;
  subject: SubjectIdentity;
  evidence?: readonly EvidenceInput[];
  result?: readonly ResultInput[];
  validFrom: string;
  validUntil?: string;
}

export type OpenBadgeCredential = Record<string, unknown> & {
  id: string;
  issuer: ProfileDocument;
  validFrom: string;
};

export function imageObject(url: string | undefined): ImageObject | undefined {
  return url === undefined ? undefined : { id: url, type: 'Image' };
}

/** An achievement given inline in an award request, as an OB3 Achievement. */
export function inlineAchievementDocument(
  input: AchievementInput & { id: string },
): AchievementDocument {
  return compact({
    id: input.id,
    type: ['Achievement'],
    name: input.name,
    description: input.description,
    criteria: { narrative: input.criteria.narrative },
    image: imageDocument(input.image),
    alignment: input.alignment?.map(alignmentDocument),
    tag: input.tag,
    inLanguage: input.inLanguage,
    creditsAvailable: input.creditsAvailable,
    fieldOfStudy: input.fieldOfStudy,
    specialization: input.specialization,
    achievementType: input.achievementType,
    resultDescription: input.resultDescription?.map(resultDescriptionDocument),
  });
}

/** A DID recipient is named directly; an e-mail one only as a salted hash. */
export function subjectIdentityFor(recipient: Recipient): SubjectIdentity {
  return 'did' in recipient
    ? { id: recipient.did }
    : { identifier: [hashedEmailIdentity(recipient.email)] };
}

/** Drops undefined members so they never reach canonicalisation or storage. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** XML Schema dateTimeStamp at second precision, as credentials conventionally carry it. */
/** Builds an unsigned OB3 OpenBadgeCredential: pure, no I/O. */
export function buildOpenBadgeCredential(draft: CredentialDraft): OpenBadgeCredential {
  const { achievement } = draft;
  return compact({
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: draft.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: achievement.name,
    issuer: draft.issuer,
    validFrom: draft.validFrom,
    validUntil: draft.validUntil,
    credentialSubject: compact({
      type: ['AchievementSubject'],
      ...draft.subject,
      achievement,
      result: draft.result?.length ? draft.result.map(resultDocument) : undefined,
    }),
    evidence: draft.evidence?.map(evidenceDocument),
  });
}
