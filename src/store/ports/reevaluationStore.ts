// Re-evaluating every learner a tier rule may now concern, after the rule was added or changed.
// The work is cut into parts by learner key; each part is claimed by insert (an attempt number)
// and marked finished by insert, and the whole once, so several instances can share it.

/** A tier rule as written: whoever holds one of its parts is evaluated once more. */
export interface TierReevaluationRecord {
  /** The tier key and a digest of its rule: the same rule written again opens nothing. */
  id: string;
  tierKey: string;
  /** The achievements the rule names. */
  partKeys: string[];
  openedAt: string;
}

/** A part (learner keys starting with one hex digit) taken by one attempt. */
export interface ReevaluationPartClaim {
  reevaluationId: string;
  part: number;
  attempt: number;
  claimedAt: string;
}

export interface ReevaluationPartDone {
  reevaluationId: string;
  part: number;
  /** Learners evaluated in this part, and the tier credentials that issued. */
  learners: number;
  awarded: number;
  finishedAt: string;
}

export interface ReevaluationCompletion {
  reevaluationId: string;
  completedAt: string;
}

export interface LearnerPage {
  prefix: string;
  after?: string;
  limit: number;
}

export interface ReevaluationStore {
  /** False when this rule was opened before. */
  openTierReevaluation(record: TierReevaluationRecord): Promise<boolean>;
  /** Those not completed, oldest first. */
  listOpenTierReevaluations(): Promise<TierReevaluationRecord[]>;
  /** The tier's re-evaluations, newest first, with their completion when there is one. */
  listTierReevaluations(
    tierKey: string,
  ): Promise<Array<TierReevaluationRecord & { completedAt?: string }>>;
  /** False when this attempt at the part was claimed already. */
  claimReevaluationPart(claim: ReevaluationPartClaim): Promise<boolean>;
  /** False when the part was finished already (by an earlier attempt). */
  finishReevaluationPart(done: ReevaluationPartDone): Promise<boolean>;
  listReevaluationParts(
    reevaluationId: string,
  ): Promise<{ claims: ReevaluationPartClaim[]; done: ReevaluationPartDone[] }>;
  /** False when it was completed already. */
  completeTierReevaluation(completion: ReevaluationCompletion): Promise<boolean>;
  /**
   * Distinct learners holding a credential of any of the achievements, whose learner key starts
   * with `prefix` and comes after `after`, in key order, at most `limit`.
   */
  listLearnersHolding(achievementKeys: readonly string[], page: LearnerPage): Promise<string[]>;
}
