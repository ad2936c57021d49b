// One award from one row: the console's Award form sends the columns a batch row has, so a
// single award is checked, refused and explained exactly as a row of a batch would be. Its
// achievement is a catalog one of this issuer, or one described on the form (as a batch's
// inline achievement is).
import type { AwardOutcome, AwardService } from '../awards/awardService.js';
import type { ActingAs } from '../core/actingAs.js';
import type { JsonObject } from '../core/json.js';
import { ProblemError, type FieldError } from '../core/problems.js';
import type { OpenBadgeCredential } from '../credentials/openBadgeCredential.js';
import type { IssuingService } from '../issuing/issuingService.js';
import type { BatchRow } from './batchRows.js';
import { rowErrorsOf, type BatchRowCheck, type RowAward } from './rowCheck.js';

type Refused = { ok: false; errors: FieldError[] };
export type SingleAwardResult = { ok: true; outcome: AwardOutcome } | Refused;
export type SingleDraftResult = { ok: true; credential: OpenBadgeCredential } | Refused;

export interface SingleRow {
  row: BatchRow;
  /** An achievement described on the form instead of the row's catalog key. */
  inlineAchievement?: JsonObject;
}

export class SingleRowAward {
  constructor(
    private readonly rowCheck: Pick<BatchRowCheck, 'shape'>,
    private readonly awards: Pick<AwardService, 'awardByKey' | 'draft'>,
    private readonly issuing: Pick<IssuingService, 'award' | 'draft'>,
  ) {}

  /** The row's award issued to its one recipient; field errors by column. */
  award(slug: string, single: SingleRow, actingAs: ActingAs): Promise<SingleAwardResult> {
    return this.#asRow(slug, single, actingAs, async (award) => ({
      ok: true,
      outcome:
        award.kind === 'keyed'
          ? await this.awards.awardByKey(slug, award.input, actingAs)
          : { issued: await this.issuing.award(slug, award.input), stacked: [] },
    }));
  }

  /** The credential the row would issue, refused as the award would be; nothing is written. */
  draft(slug: string, single: SingleRow, actingAs: ActingAs): Promise<SingleDraftResult> {
    return this.#asRow(slug, single, actingAs, async (award) => ({
      ok: true,
      credential:
        award.kind === 'keyed'
          ? await this.awards.draft(slug, award.input, actingAs)
          : await this.issuing.draft(slug, award.input),
    }));
  }

  async #asRow<Result>(
    slug: string,
    single: SingleRow,
    actingAs: ActingAs,
    then: (award: RowAward) => Promise<Result>,
  ): Promise<Result | Refused> {
    const shaped = this.rowCheck.shape(single.row, 1, {
      slug,
      actingAs,
      duplicates: new Map(),
      ...(single.inlineAchievement ? { inlineAchievement: single.inlineAchievement } : {}),
    });
    if (!shaped.ok) return shaped;
    try {
      return await then(shaped.award);
    } catch (error) {
      if (error instanceof ProblemError && error.status < 500) {
        return { ok: false, errors: rowErrorsOf(error) };
      }
      throw error;
    }
  }
}
