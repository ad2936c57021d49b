// One award from one row: the console's Award form sends the columns a batch row has, so a
// single award is checked, refused and explained exactly as a row of a batch would be.
import type { AwardOutcome, AwardService, KeyedAwardInput } from '../awards/awardService.js';
import type { ActingAs } from '../core/actingAs.js';
import { ProblemError, type FieldError } from '../core/problems.js';
import type { OpenBadgeCredential } from '../credentials/openBadgeCredential.js';
import type { BatchRow } from './batchRows.js';
import { rowErrorsOf, type BatchRowCheck } from './rowCheck.js';

export type SingleAwardResult =
  { ok: true; outcome: AwardOutcome } | { ok: false; errors: FieldError[] };

export type SingleDraftResult =
  { ok: true; credential: OpenBadgeCredential } | { ok: false; errors: FieldError[] };

export class SingleRowAward {
  constructor(
    private readonly rowCheck: Pick<BatchRowCheck, 'shape'>,
    private readonly awards: Pick<AwardService, 'awardByKey' | 'draft'>,
  ) {}

  /** A catalog achievement of this issuer awarded to one recipient; field errors by column. */
  award(slug: string, row: BatchRow, actingAs: ActingAs): Promise<SingleAwardResult> {
    return this.#asRow(slug, row, actingAs, async (input) => ({
      ok: true,
      outcome: await this.awards.awardByKey(slug, input, actingAs),
    }));
  }

  /** The credential the row would issue, refused as the award would be; nothing is written. */
  draft(slug: string, row: BatchRow, actingAs: ActingAs): Promise<SingleDraftResult> {
    return this.#asRow(slug, row, actingAs, async (input) => ({
      ok: true,
      credential: await this.awards.draft(slug, input, actingAs),
    }));
  }

  async #asRow<Result>(
    slug: string,
    row: BatchRow,
    actingAs: ActingAs,
    then: (input: KeyedAwardInput) => Promise<Result>,
  ): Promise<Result | { ok: false; errors: FieldError[] }> {
    const shaped = this.rowCheck.shape(row, 1, { slug, actingAs, duplicates: new Map() });
    if (!shaped.ok) return shaped;
    if (shaped.award.kind !== 'keyed') {
      return { ok: false, errors: [{ field: 'achievement', message: 'is required' }] };
    }
    try {
      return await then(shaped.award.input);
    } catch (error) {
      if (error instanceof ProblemError && error.status < 500) {
        return { ok: false, errors: rowErrorsOf(error) };
      }
      throw error;
    }
  }
}
