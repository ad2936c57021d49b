import type { JsonObject } from '../core/json.js';

// What a page shows of a credential, read defensively: the credential may come from anyone
// (the verify page), so every field is checked for its type, and only URLs that are safe to put
// in an href or src (http(s), or an image data: URL) come through.

export interface ImageView {
  src: string;
  caption?: string;
}

export type RecipientView =
  | { kind: 'did'; did: string }
  | { kind: 'identifier'; identityType: string; hashed: true }
  | { kind: 'identifier'; identityType: string; hashed: false; value: string }
  | { kind: 'unnamed' };

export interface EvidenceView {
  name?: string;
  description?: string;
  narrative?: string;
  genre?: string;
  url?: string;
}

/** A result the learner achieved, with the name and kind of the result description it links to. */
export interface ResultView {
  name?: string;
  resultType?: string;
  value?: string;
  status?: string;
  /** The name of the rubric level reached. */
  level?: string;
}

export interface CredentialView {
  id?: string;
  achievement: {
    name?: string;
    description?: string;
    criteria?: string;
    criteriaUrl?: string;
    image?: ImageView;
    /** The achievement's inLanguage: the language its texts (and result names) are written in. */
    language?: string;
  };
  issuer: { id?: string; name?: string; url?: string };
  recipient: RecipientView;
  validFrom?: string;
  validUntil?: string;
  evidence: EvidenceView[];
  results: ResultView[];
}

const objectOf = (value: unknown): JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

const listOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** A well-formed BCP 47 tag, or nothing: what reaches a lang attribute. */
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
const languageTagOf = (value: unknown): string | undefined => {
  const text = textOf(value);
  return text && LANGUAGE_TAG.test(text) ? text : undefined;
};

/** An http(s) URL, or nothing: javascript: and other schemes never reach an href. */
export function httpUrl(value: unknown): string | undefined {
  const text = textOf(value);
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const IMAGE_DATA_URL = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]+$/;

/** OB3 images are a URL string or an Image object; only https and image data: URLs are shown. */
function imageOf(value: unknown): ImageView | undefined {
  const image = typeof value === 'string' ? { id: value } : objectOf(value);
  const source = textOf(image.id);
  if (!source) return undefined;
  const caption = textOf(image.caption);
  const safe = IMAGE_DATA_URL.test(source)
    ? source
    : httpUrl(source)?.startsWith('https:')
      ? source
      : undefined;
  return safe ? { src: safe, ...(caption ? { caption } : {}) } : undefined;
}

function recipientOf(subject: JsonObject): RecipientView {
  const did = textOf(subject.id);
  if (did?.startsWith('did:')) return { kind: 'did', did };
  const identifiers = Array.isArray(subject.identifier) ? subject.identifier : [subject.identifier];
  const identity = identifiers.map(objectOf).find((candidate) => textOf(candidate.identityType));
  if (identity) {
    const identityType = textOf(identity.identityType) ?? '';
    const value = textOf(identity.identityHash);
    // Unhashed identifiers are shown because the issuer chose to publish them; hashes never are.
    if (identity.hashed === false && value) {
      return { kind: 'identifier', identityType, hashed: false, value };
    }
    return { kind: 'identifier', identityType, hashed: true };
  }
  return { kind: 'unnamed' };
}

function evidenceOf(value: unknown): EvidenceView[] {
  return listOf(value)
    .map(objectOf)
    .map((item) => {
      const view: EvidenceView = {};
      const name = textOf(item.name);
      const description = textOf(item.description);
      const narrative = textOf(item.narrative);
      const genre = textOf(item.genre);
      const url = httpUrl(item.id);
      if (name) view.name = name;
      if (description) view.description = description;
      if (narrative) view.narrative = narrative;
      if (genre) view.genre = genre;
      if (url) view.url = url;
      return view;
    });
}

function issuerOf(value: unknown): CredentialView['issuer'] {
  if (typeof value === 'string') return { id: value };
  const issuer = objectOf(value);
  const id = textOf(issuer.id);
  const name = textOf(issuer.name);
  const url = httpUrl(issuer.url);
  return { ...(id ? { id } : {}), ...(name ? { name } : {}), ...(url ? { url } : {}) };
}

function achievementOf(
  value: unknown,
  credentialName: string | undefined,
): CredentialView['achievement'] {
  const achievement = objectOf(value);
  const criteria = objectOf(achievement.criteria);
  const view: CredentialView['achievement'] = {};
  const name = textOf(achievement.name) ?? credentialName;
  const description = textOf(achievement.description);
  const narrative = textOf(criteria.narrative);
  const criteriaUrl = httpUrl(criteria.id);
  const image = imageOf(achievement.image);
  const language = languageTagOf(achievement.inLanguage);
  if (name) view.name = name;
  if (description) view.description = description;
  if (narrative) view.criteria = narrative;
  if (criteriaUrl) view.criteriaUrl = criteriaUrl;
  if (image) view.image = image;
  if (language) view.language = language;
  return view;
}

/** Results, each named by the result description (and rubric level) of the achievement it links. */
function resultsOf(value: unknown, achievement: unknown): ResultView[] {
  const descriptions = listOf(objectOf(achievement).resultDescription).map(objectOf);
  return listOf(value)
    .map(objectOf)
    .map((result) => {
      const link = textOf(result.resultDescription);
      const description = link ? descriptions.find((d) => d.id === link) : undefined;
      const levelId = textOf(result.achievedLevel);
      const level = levelId
        ? listOf(description?.rubricCriterionLevel)
            .map(objectOf)
            .find((candidate) => candidate.id === levelId)
        : undefined;
      const view: ResultView = {};
      const name = textOf(description?.name);
      const resultType = textOf(description?.resultType);
      const resultValue = textOf(result.value);
      const status = textOf(result.status);
      const levelName = textOf(level?.name) ?? levelId;
      if (name) view.name = name;
      if (resultType) view.resultType = resultType;
      if (resultValue) view.value = resultValue;
      if (status) view.status = status;
      if (levelName) view.level = levelName;
      return view;
    })
    .filter((view) => view.value ?? view.status ?? view.level);
}

/** Reads an (untrusted) credential into what the pages show. */
export function readCredentialView(credential: JsonObject): CredentialView {
  const subject = objectOf(
    Array.isArray(credential.credentialSubject)
      ? credential.credentialSubject[0]
      : credential.credentialSubject,
  );
  const id = textOf(credential.id);
  const validFrom = textOf(credential.validFrom);
  const validUntil = textOf(credential.validUntil);
  return {
    ...(id ? { id } : {}),
    achievement: achievementOf(subject.achievement, textOf(credential.name)),
    issuer: issuerOf(credential.issuer),
    recipient: recipientOf(subject),
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    evidence: evidenceOf(credential.evidence),
    results: resultsOf(subject.result, subject.achievement),
  };
}
