// One row's verdict: what the award it asks for would be refused for, found the way an award
// request is refused (the award-create schema, then the award's own checks), with each field
// named by the column it came from. A dry run and the runner ask the same question.
import type { AwardService, KeyedAwardInput } from '../awards/awardService.js';
import type { ActingAs } from '../core/actingAs.js';
import type { JsonObject } from '../core/json.js';
import { ProblemError, type FieldError } from '../core/problems.js';
import type { AwardInput, IssuingService } from '../issuing/issuingService.js';
import { findSchemaErrors } from '../schemas.js';
import { awardBodyOf, columnOf, type BatchRow } from './batchRows.js';

export type RowAward =
  { kind: 'keyed'; input: KeyedAwardInput } | { kind: 'inline'; input: AwardInput };

export type RowVerdict = { ok: true; award: RowAward } | { ok: false; errors: FieldError[] };

export interface RowContext {
  slug: string;
  actingAs: ActingAs;
  inlineAchievement?: JsonObject;
  /** Rows that repeat an earlier row's recipient and achievement, with that row's number. */
  duplicates: ReadonlyMap<number, number>;
}

const byColumn = (errors: readonly FieldError[]): FieldError[] =>
  errors.map((error) => ({ ...error, field: columnOf(error.field) }));

/** A refusal as field errors: its own when it has them, else its detail on the likeliest column. */
export function rowErrorsOf(error: ProblemError): FieldError[] {
  const listed = error.extensions.errors;
  if (Array.isArray(listed) && listed.length > 0) return byColumn(listed as FieldError[]);
  const field = error.status === 403 ? 'achievement' : 'row';
  return [{ field, message: error.message }];
}

export class BatchRowCheck {
  constructor(
    private readonly awards: Pick<AwardService, 'check'>,
    private readonly issuing: Pick<IssuingService, 'checkAward'>,
  ) {}

  /**
   * What the row asks for, or what is wrong with its cells alone (a repeat, a missing or
   * malformed value): no store is read, so the runner asks this and lets the award check the rest.
   */
  shape(row: BatchRow, rowNumber: number, context: RowContext): RowVerdict {
    const earlier = context.duplicates.get(rowNumber);
    if (earlier !== undefined) {
      return {
        ok: false,
        errors: [
          {
            field: 'recipient',
            message: `repeats row ${earlier} (the same recipient and achievement): awarded once`,
            code: 'repeated-row',
            params: { row: String(earlier) },
          },
        ],
      };
    }
    const built = awardBodyOf(row, context.inlineAchievement);
    if ('errors' in built) return { ok: false, errors: built.errors };
    const schemaErrors = findSchemaErrors('award-create', built.body);
    if (schemaErrors.length > 0) return { ok: false, errors: byColumn(schemaErrors) };
    const award: RowAward =
      typeof built.body.achievement === 'string'
        ? { kind: 'keyed', input: built.body as unknown as KeyedAwardInput }
        : { kind: 'inline', input: built.body as unknown as AwardInput };
    return { ok: true, award };
  }

  /** The whole verdict; `alsoHeld`: achievements earlier rows of the batch give this learner first. */
  async verdict(
    row: BatchRow,
    rowNumber: number,
    context: RowContext,
    alsoHeld: readonly string[] = [],
  ): Promise<RowVerdict> {
    const shaped = this.shape(row, rowNumber, context);
    if (!shaped.ok) return shaped;
    const { award } = shaped;
    try {
      if (award.kind === 'keyed') {
        await this.awards.check(context.slug, award.input, context.actingAs, alsoHeld);
      } else {
        await this.issuing.checkAward(context.slug, award.input);
      }
    } catch (error) {
      if (error instanceof ProblemError && error.status < 500) {
        return { ok: false, errors: rowErrorsOf(error) };
      }
      throw error;
    }
    return shaped;
  }
}
