import type { FieldError } from '../core/problems.js';

// The OB 3.0 parts an award brings (evidence, images, alignments, results and what they are
// measured against), as inputs and as the documents that go into a credential. Pure: every
// function takes and returns plain values. 1EdTech's schema wants each `type` as an array that
// contains the class name, so that is how every part is written, whatever form the input took.

/** A `type` as input may give it: the class name, or an array containing it. */
export type TypeInput = string | readonly string[];

export interface ImageInputObject {
  id: string;
  type: 'Image';
  caption?: string;
}

/** A URL string or an OB 3.0 Image object. */
export type ImageInput = string | ImageInputObject;

export interface EvidenceInput {
  type?: TypeInput;
  id?: string;
  name?: string;
  description?: string;
  narrative?: string;
  genre?: string;
  audience?: string;
  /** Only the service writes it: a tier's evidence names each constituent by its digest. */
  digestMultibase?: string;
}

export interface AlignmentInput {
  type?: TypeInput;
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetCode?: string;
  targetFramework?: string;
  targetType?: string;
}

export interface RubricCriterionLevelInput {
  id: string;
  type?: TypeInput;
  name: string;
  description?: string;
  level?: string;
  points?: string;
}

export interface ResultDescriptionInput {
  id: string;
  type?: TypeInput;
  name: string;
  resultType: string;
  allowedValue?: string[];
  requiredValue?: string;
  requiredLevel?: string;
  valueMin?: string;
  valueMax?: string;
  rubricCriterionLevel?: RubricCriterionLevelInput[];
  alignment?: AlignmentInput[];
}

export interface ResultInput {
  type?: TypeInput;
  value?: string;
  status?: string;
  achievedLevel?: string;
  resultDescription?: string;
}

type Document = Record<string, unknown>;

/** Drops undefined members so they never reach canonicalisation or storage. */
function compact<T extends Document>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The type as an array that contains `name` (first when it had to be added). */
export function typesWith(given: TypeInput | undefined, name: string): string[] {
  const types = given === undefined ? [] : typeof given === 'string' ? [given] : [...given];
  return types.includes(name) ? types : [name, ...types];
}

export function imageDocument(input: ImageInput | undefined): ImageInputObject | undefined {
  if (input === undefined) return undefined;
  return typeof input === 'string'
    ? { id: input, type: 'Image' }
    : compact({ id: input.id, type: 'Image' as const, caption: input.caption });
}

/** The part with its type written first, as an array containing `name`. */
function typed(input: Document & { type?: TypeInput }, name: string): Document {
  const { type, ...rest } = input;
  return compact({ type: typesWith(type, name), ...rest });
}

export function evidenceDocument(input: EvidenceInput): Document {
  return typed({ ...input }, 'Evidence');
}

export function alignmentDocument(input: AlignmentInput): Document {
  return typed({ ...input }, 'Alignment');
}

export function resultDescriptionDocument(input: ResultDescriptionInput): Document {
  return typed(
    {
      ...input,
      rubricCriterionLevel: input.rubricCriterionLevel?.map((level) =>
        typed({ ...level }, 'RubricCriterionLevel'),
      ),
      alignment: input.alignment?.map(alignmentDocument),
    },
    'ResultDescription',
  );
}

export function resultDocument(input: ResultInput): Document {
  return typed({ ...input }, 'Result');
}

/** What a result is checked against: the achievement's result description it links to. */
export interface ResultDescriptionRule {
  id: string;
  resultType: string;
  allowedValue?: readonly string[];
  valueMin?: string;
  valueMax?: string;
  requiredValue?: string;
  requiredLevel?: string;
  rubricCriterionLevel?: ReadonlyArray<{ id: string }>;
}

const asNumber = (text: string | undefined): number | undefined => {
  if (text === undefined || text.trim() === '') return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
};

function valueProblem(value: string, description: ResultDescriptionRule): string | undefined {
  if (description.allowedValue?.length && !description.allowedValue.includes(value)) {
    return `must be one of ${JSON.stringify(description.allowedValue)}, the values its result description allows`;
  }
  const number = asNumber(value);
  const min = asNumber(description.valueMin);
  const max = asNumber(description.valueMax);
  // The range is checked only where value and bound are both numbers (a score, a percentage).
  if (number !== undefined && min !== undefined && number < min) {
    return `must be at least ${description.valueMin}, its result description's valueMin`;
  }
  if (number !== undefined && max !== undefined && number > max) {
    return `must be at most ${description.valueMax}, its result description's valueMax`;
  }
  return undefined;
}

/**
 * The ways the award's results disagree with the achievement's result descriptions: a link to a
 * description the achievement does not have, a level the description does not list, a value it
 * does not allow, a Status result without a status.
 */
export function resultProblems(
  results: readonly ResultInput[],
  descriptions: readonly ResultDescriptionRule[],
  field = 'result',
): FieldError[] {
  const problems: FieldError[] = [];
  results.forEach((result, index) => {
    const at = `${field}[${index}]`;
    const linked = result.resultDescription;
    const description = descriptions.find((candidate) => candidate.id === linked);
    if (linked !== undefined && !description) {
      problems.push({
        field: `${at}.resultDescription`,
        message:
          descriptions.length > 0
            ? `must be the id of one of the achievement's result descriptions: ${descriptions.map((d) => d.id).join(', ')}`
            : 'names a result description, but the achievement has none',
      });
      return;
    }
    if (result.achievedLevel !== undefined) {
      const levels = description?.rubricCriterionLevel ?? [];
      if (!levels.some((level) => level.id === result.achievedLevel)) {
        problems.push({
          field: `${at}.achievedLevel`,
          message: description
            ? "must be the id of one of its result description's rubricCriterionLevel entries"
            : 'needs resultDescription, naming the result description whose rubric level it is',
        });
      }
    }
    if (!description) return;
    if (description.resultType === 'Status' && result.status === undefined) {
      problems.push({
        field: `${at}.status`,
        message: 'is required: its result description has resultType Status',
      });
    }
    const problem =
      result.value === undefined ? undefined : valueProblem(result.value, description);
    if (problem) problems.push({ field: `${at}.value`, message: problem });
  });
  return problems;
}

/** Result descriptions of one achievement must be told apart by id, and name levels they have. */
export function resultDescriptionProblems(
  descriptions: readonly ResultDescriptionRule[],
  field = 'resultDescription',
): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  descriptions.forEach((description, index) => {
    const at = `${field}[${index}]`;
    if (seen.has(description.id)) {
      problems.push({ field: `${at}.id`, message: `"${description.id}" is used twice` });
    }
    seen.add(description.id);
    const levels = description.rubricCriterionLevel ?? [];
    if (
      description.requiredLevel !== undefined &&
      !levels.some((level) => level.id === description.requiredLevel)
    ) {
      problems.push({
        field: `${at}.requiredLevel`,
        message: 'must be the id of one of its rubricCriterionLevel entries',
      });
    }
    const problem =
      description.requiredValue === undefined
        ? undefined
        : valueProblem(description.requiredValue, description);
    if (problem) problems.push({ field: `${at}.requiredValue`, message: problem });
  });
  return problems;
}
