// A learner message's text as a template: which placeholders each kind of message has, what a
// template must be to be kept, and how one becomes a message's subject and body. The service's
// own texts (mailTexts.ts) are templates of the same form, so an issuer's and the default are
// written out the same way.
import type { Language } from '../catalog/catalogTypes.js';
import type { FieldError, FieldErrorCode } from '../core/problems.js';
import type { LearnerMailKind } from '../store/port.js';
import { mailDate, mailDateTime, mailText } from './mailTexts.js';

export interface MailTemplateText {
  subject: string;
  body: string;
}

export type PlaceholderName =
  'achievementName' | 'issuerName' | 'credentialUrl' | 'validUntil' | 'claimUrl' | 'claimExpires';

export interface Placeholder {
  name: PlaceholderName;
  /** Every body has it: the credential's link is what the message is for. */
  required?: true;
  /**
   * Only some messages have a value for it (a claim link exists only when walletClaim made one; a
   * credential may have no end date): body only, and a paragraph naming it is left out of a
   * message without it.
   */
  optional?: true;
}

/** What each kind of message can fill in: the values composing it really has. */
export const PLACEHOLDERS: Record<LearnerMailKind, readonly Placeholder[]> = {
  'credential-issued': [
    { name: 'achievementName' },
    { name: 'issuerName' },
    { name: 'credentialUrl', required: true },
    { name: 'validUntil', optional: true },
    { name: 'claimUrl', optional: true },
    { name: 'claimExpires', optional: true },
  ],
  'expiry-reminder': [
    { name: 'achievementName' },
    { name: 'issuerName' },
    { name: 'credentialUrl', required: true },
    { name: 'validUntil' },
  ],
};

export const SUBJECT_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 5000;

const PLACEHOLDER = /\{(\w+)\}/g;

const namesIn = (text: string): string[] => [
  ...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '')),
];

const braced = (name: string): string => `{${name}}`;

/** C0 and C1 controls, DEL and the Unicode line and paragraph separators. */
function isControl(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

const characters = (text: string): number => [...text].length;

function refusal(
  field: 'subject' | 'body',
  code: FieldErrorCode,
  params: Record<string, string>,
  message: string,
): FieldError {
  return { field, message, code, params };
}

/** What is wrong with a template for messages of this kind; nothing when it can be kept. */
export function templateProblems(kind: LearnerMailKind, text: MailTemplateText): FieldError[] {
  const placeholders = PLACEHOLDERS[kind];
  const allowed = placeholders.map((each) => braced(each.name)).join(', ');
  const problems: FieldError[] = [];
  const check = (field: 'subject' | 'body', value: string, max: number): boolean => {
    if (value.trim() === '') {
      problems.push(refusal(field, 'required', {}, 'is required'));
      return false;
    }
    if (characters(value) > max) {
      problems.push(
        refusal(field, 'too-long', { max: String(max) }, `is longer than ${max} characters`),
      );
    }
    for (const name of namesIn(value)) {
      const known = placeholders.find((each) => each.name === name);
      if (!known) {
        problems.push(
          refusal(
            field,
            'placeholder-unknown',
            { placeholder: braced(name), allowed },
            `${braced(name)} is not a placeholder of this message; it can use ${allowed}`,
          ),
        );
      } else if (known.optional && field === 'subject') {
        problems.push(
          refusal(
            field,
            'placeholder-body-only',
            { placeholder: braced(name) },
            `${braced(name)} can only be in the body: not every message has it`,
          ),
        );
      }
    }
    return true;
  };
  if (check('subject', text.subject, SUBJECT_MAX_LENGTH) && [...text.subject].some(isControl)) {
    problems.push(
      refusal(
        'subject',
        'line-break',
        {},
        'must be one line, without line breaks or control characters',
      ),
    );
  }
  if (check('body', text.body, BODY_MAX_LENGTH)) {
    for (const each of placeholders.filter((placeholder) => placeholder.required)) {
      if (!namesIn(text.body).includes(each.name)) {
        problems.push(
          refusal(
            'body',
            'placeholder-missing',
            { placeholder: braced(each.name) },
            `must contain ${braced(each.name)}`,
          ),
        );
      }
    }
  }
  return problems;
}

/** The service's own text for the kind, in the language: what a message has without a template. */
export function defaultTemplate(kind: LearnerMailKind, language: Language): MailTemplateText {
  const prefix = kind === 'credential-issued' ? 'issued' : 'reminder';
  return {
    subject: mailText(language, `${prefix}.subject`, {}),
    body: mailText(language, `${prefix}.body`, {}),
  };
}

/** What one message is about, as composing it knows it; instants are written out per language. */
export interface MessageValues {
  achievementName: string;
  issuerName: string;
  credentialUrl: string;
  validUntil?: string;
  claim?: { url: string; expiresAt: string };
}

/** Paragraphs apart by a blank line (of any line ending, with any spaces on it). */
const paragraphsOf = (body: string): string[] =>
  body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');

/** Line breaks and other controls a value or an older template may hold, as spaces. */
const oneLine = (text: string): string =>
  [...text]
    .map((character) => (isControl(character) ? ' ' : character))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();

/**
 * The subject and plain-text body of a message from the template. Values go in as they are, in
 * one pass (a value that looks like a placeholder stays text); the HTML part escapes them. A
 * first message with a claim link whose template does not place it gets the service's paragraph
 * about it, so the learner can always claim.
 */
export function renderTemplate(
  kind: LearnerMailKind,
  language: Language,
  template: MailTemplateText,
  values: MessageValues,
): MailTemplateText {
  const filled: Partial<Record<string, string>> = {
    achievementName: values.achievementName,
    issuerName: values.issuerName,
    credentialUrl: values.credentialUrl,
    ...(values.validUntil ? { validUntil: mailDate(values.validUntil, language) } : {}),
    ...(values.claim
      ? {
          claimUrl: values.claim.url,
          claimExpires: mailDateTime(values.claim.expiresAt, language),
        }
      : {}),
  };
  const known = new Set<string>(PLACEHOLDERS[kind].map((each) => each.name));
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (whole, name: string) =>
      known.has(name) ? (filled[name] ?? whole) : whole,
    );
  const kept = paragraphsOf(template.body).filter((paragraph) =>
    namesIn(paragraph).every((name) => !known.has(name) || filled[name] !== undefined),
  );
  const body = kept.map(fill);
  if (
    kind === 'credential-issued' &&
    values.claim &&
    !namesIn(template.body).includes('claimUrl')
  ) {
    body.push(fill(mailText(language, 'wallet.body', {})));
  }
  return { subject: oneLine(fill(template.subject)), body: body.join('\n\n') };
}
