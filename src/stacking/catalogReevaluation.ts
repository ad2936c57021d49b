// A tier added or whose rule changed concerns learners who earned its parts long ago: nothing they
// do next may ever evaluate it for them. So writing a tier rule opens a re-evaluation of every
// learner holding one of its parts, done in the background in parts cut by the learner key's first
// hex digit. Each part is claimed by insert (an attempt number; a claim older than the lease may
// be taken over by the next attempt) and finished by insert; evaluating a learner twice is
// harmless (a tier copy is claimed by insert), so a part redone after a crash issues nothing twice.
import { createHash } from 'node:crypto';
import { keysOf } from '../catalog/rule.js';
import type { CatalogAchievement } from '../catalog/catalogTypes.js';
import type { CatalogService } from '../catalog/catalogService.js';
import type { Clock } from '../core/clock.js';
import type {
  ReevaluationPartClaim,
  ReevaluationStore,
  TierReevaluationRecord,
} from '../store/port.js';
import type { TierAwards } from './tierAwards.js';

const PART_PREFIXES = [...'0123456789abcdef'];
/** Learner keys read per round trip within a part. */
const PAGE = 1000;

export interface ReevaluationProgress {
  id: string;
  tierKey: string;
  openedAt: string;
  parts: number;
  partsDone: number;
  learnersEvaluated: number;
  tiersAwarded: number;
  completedAt?: string;
}

/** The id of a rule as written: the same rule written again is the same re-evaluation. */
export function reevaluationId(tier: CatalogAchievement): string {
  const digest = createHash('sha256').update(JSON.stringify(tier.rule)).digest('hex');
  return `${tier.key}@${digest.slice(0, 16)}`;
}

export class CatalogReevaluation {
  constructor(
    private readonly store: ReevaluationStore,
    private readonly tierAwards: Pick<TierAwards, 'learnersDue' | 'reevaluate'>,
    private readonly catalog: Pick<CatalogService, 'list'>,
    private readonly clock: Clock,
    /** How long a part's claim holds before another attempt may take it over. */
    private readonly leaseSeconds: number,
    /** Told when a re-evaluation was opened, so the job runs now rather than on its interval. */
    private readonly onOpened: () => void = () => {},
  ) {}

  /**
   * Opens the re-evaluation of a tier rule just written, unless this rule was opened before or
   * nobody holds any of its parts yet (a new catalog: nothing to re-evaluate).
   */
  async tierWritten(tier: CatalogAchievement): Promise<boolean> {
    if (tier.kind !== 'tier' || !tier.rule) return false;
    const partKeys = keysOf(tier.rule);
    const someone = await this.store.listLearnersHolding(partKeys, { prefix: '', limit: 1 });
    if (someone.length === 0) return false;
    const opened = await this.store.openTierReevaluation({
      id: reevaluationId(tier),
      tierKey: tier.key,
      partKeys,
      openedAt: this.clock().toISOString(),
    });
    if (opened) this.onOpened();
    return opened;
  }

  /** Every tier of the catalog as read at start: what changed while the service was down. */
  async catalogRead(achievements: readonly CatalogAchievement[]): Promise<void> {
    for (const achievement of achievements) await this.tierWritten(achievement);
  }

  /** One round of the background job: every open re-evaluation, part by part. */
  async run(stopping: AbortSignal): Promise<void> {
    for (const reevaluation of await this.store.listOpenTierReevaluations()) {
      if (stopping.aborted) return;
      await this.#work(reevaluation, stopping);
    }
  }

  async progress(tierKey: string): Promise<ReevaluationProgress[]> {
    const reevaluations = await this.store.listTierReevaluations(tierKey);
    return Promise.all(
      reevaluations.map(async (reevaluation) => {
        const { done } = await this.store.listReevaluationParts(reevaluation.id);
        return {
          id: reevaluation.id,
          tierKey: reevaluation.tierKey,
          openedAt: reevaluation.openedAt,
          parts: PART_PREFIXES.length,
          partsDone: done.length,
          learnersEvaluated: done.reduce((sum, part) => sum + part.learners, 0),
          tiersAwarded: done.reduce((sum, part) => sum + part.awarded, 0),
          ...(reevaluation.completedAt ? { completedAt: reevaluation.completedAt } : {}),
        };
      }),
    );
  }

  async #work(reevaluation: TierReevaluationRecord, stopping: AbortSignal): Promise<void> {
    const { claims, done } = await this.store.listReevaluationParts(reevaluation.id);
    const finished = new Set(done.map((part) => part.part));
    for (const [part, prefix] of PART_PREFIXES.entries()) {
      if (stopping.aborted) return;
      if (finished.has(part)) continue;
      const attempt = this.#nextAttempt(claims, part);
      if (attempt === undefined) continue;
      const claim = { reevaluationId: reevaluation.id, part, attempt };
      if (!(await this.store.claimReevaluationPart({ ...claim, claimedAt: this.#now() }))) continue;
      const outcome = await this.#evaluatePart(reevaluation, prefix, stopping);
      if (!outcome) return;
      const finish = { reevaluationId: reevaluation.id, part, ...outcome, finishedAt: this.#now() };
      if (await this.store.finishReevaluationPart(finish)) finished.add(part);
    }
    if (finished.size === PART_PREFIXES.length) {
      await this.store.completeTierReevaluation({
        reevaluationId: reevaluation.id,
        completedAt: this.#now(),
      });
    }
  }

  /** The attempt to claim the part with, or undefined while another attempt's lease holds. */
  #nextAttempt(claims: readonly ReevaluationPartClaim[], part: number): number | undefined {
    const latest = claims
      .filter((claim) => claim.part === part)
      .reduce<ReevaluationPartClaim | undefined>(
        (last, claim) => (!last || claim.attempt > last.attempt ? claim : last),
        undefined,
      );
    if (!latest) return 1;
    const leaseEnds = Date.parse(latest.claimedAt) + this.leaseSeconds * 1000;
    return this.clock().getTime() >= leaseEnds ? latest.attempt + 1 : undefined;
  }

  /**
   * Every learner of the part, page by page; undefined when stopped half way (redone later). A
   * page is decided in memory from one read of its learners' holdings; only the few for whom
   * the tier is due go through the award, which reads their credentials whole and claims the copy.
   */
  async #evaluatePart(
    reevaluation: TierReevaluationRecord,
    prefix: string,
    stopping: AbortSignal,
  ): Promise<{ learners: number; awarded: number } | undefined> {
    // Read once per part: a rule written meanwhile opens a re-evaluation of its own.
    const catalog = await this.catalog.list();
    let learners = 0;
    let awarded = 0;
    let after: string | undefined;
    for (;;) {
      const page = await this.store.listLearnersHolding(reevaluation.partKeys, {
        prefix,
        ...(after === undefined ? {} : { after }),
        limit: PAGE,
      });
      if (stopping.aborted) return undefined;
      const options = { firstTiers: [reevaluation.tierKey], catalog };
      const due = await this.tierAwards.learnersDue(page, reevaluation.partKeys, options);
      for (const learnerKey of due) {
        if (stopping.aborted) return undefined;
        awarded += (await this.tierAwards.reevaluate(learnerKey, reevaluation.partKeys, options))
          .length;
      }
      learners += page.length;
      after = page.at(-1);
      if (page.length < PAGE) return { learners, awarded };
    }
  }

  #now(): string {
    return this.clock().toISOString();
  }
}
