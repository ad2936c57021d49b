import type { JsonObject } from '../core/json.js';
import type { FieldError } from '../core/problems.js';
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../jsonld/contexts.js';
import { relatedResourceErrors } from './relatedResources.js';

/**
 * The rules of the VC Data Model 2.0 a credential must meet before it is signed, beyond the JSON
 * shape that schemas/verifiable-credential.json gives it (an id that is a URL, a type that names
 * VerifiableCredential, a type on every credentialSchema, credentialStatus, refreshService,
 * termsOfUse and evidence entry): contexts, time stamps and related resources. Pure: each broken
 * rule is a field error named under `root`.
 */
export interface Vc2RuleInput {
  /** Whether the service holds this context; contexts are never fetched. */
  isBundledContext(url: string): boolean;
  /** validFrom as it will be signed: the credential's own, or the time of issue when it has none. */
  validFrom: string;
}

/**
 * XML Schema's dateTimeStamp, the lexical form VC 2.0 gives validFrom and validUntil: 'T' and a
 * time zone required. (JSON Schema's date-time also takes a space, a lower-case 't' or 'z'.)
 */
const DATE_TIME_STAMP =
  /^-?(?<year>[1-9][0-9]{3,}|0[0-9]{3})-(?<month>0[1-9]|1[0-2])-(?<day>0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|(24:00:00(\.0+)?))(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why `value` is not a dateTimeStamp JavaScript can order, or undefined when it is one. */
function dateTimeStampProblem(value: string): string | undefined {
  const match = DATE_TIME_STAMP.exec(value);
  if (!match?.groups) {
    return 'must be a date-time stamp with a time zone, e.g. 2025-04-01T09:00:00Z';
  }
  const { year, month, day } = match.groups;
  if (Number(day) > daysInMonth(Number(year), Number(month))) {
    return `is not a day of the calendar (${year}-${month} has ${daysInMonth(Number(year), Number(month))} days)`;
  }
  if (Number.isNaN(Date.parse(value))) return 'is outside the years this service can compare';
  return undefined;
}

function contextErrors(credential: JsonObject, input: Vc2RuleInput, root: string): FieldError[] {
  const contexts = credential['@context'];
  if (!Array.isArray(contexts) || contexts.length === 0) {
    return [
      { field: `${root}.@context`, message: `must be a list starting with ${VC_V2_CONTEXT}` },
    ];
  }
  return contexts.flatMap((context, index): FieldError[] => {
    const field = `${root}.@context[${index}]`;
    if (index === 0) {
      return context === VC_V2_CONTEXT ? [] : [{ field, message: `must be ${VC_V2_CONTEXT}` }];
    }
    // An inline context (an object) is the credential's own; one named by URL must be bundled.
    if (typeof context !== 'string') return [];
    if (context === VC_V2_CONTEXT) return [{ field, message: 'repeats the VC 2.0 context' }];
    if (context === VC_V1_CONTEXT) {
      return [{ field, message: "is VC 1.1's context, which a VC 2.0 credential cannot also use" }];
    }
    return input.isBundledContext(context)
      ? []
      : [
          {
            field,
            message: `${context} is not a context this service holds, and contexts are never fetched`,
          },
        ];
  });
}

function dateErrors(credential: JsonObject, input: Vc2RuleInput, root: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const name of ['validFrom', 'validUntil'] as const) {
    const value = credential[name];
    const problem = typeof value === 'string' ? dateTimeStampProblem(value) : undefined;
    if (problem) errors.push({ field: `${root}.${name}`, message: problem });
  }
  const { validUntil } = credential;
  if (errors.length > 0 || typeof validUntil !== 'string') return errors;
  if (Date.parse(validUntil) < Date.parse(input.validFrom)) {
    const from = credential.validFrom === undefined ? 'the time of issue, ' : '';
    errors.push({
      field: `${root}.validUntil`,
      message: `must not be earlier than validFrom (${from}${input.validFrom})`,
    });
  }
  return errors;
}

/** Every VC 2.0 rule the credential breaks, beyond its JSON shape; empty when it breaks none. */
export function vc2RuleErrors(
  credential: JsonObject,
  input: Vc2RuleInput,
  root = 'credential',
): FieldError[] {
  return [
    ...contextErrors(credential, input, root),
    ...dateErrors(credential, input, root),
    ...relatedResourceErrors(credential, root),
  ];
}
