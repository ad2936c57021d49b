import type { Clock } from '../core/clock.js';
import { baseUrlOf } from '../core/publicUrl.js';
import {
  ConflictError,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from '../core/problems.js';
import type { IssuerService } from '../issuers/issuerService.js';
import { imageObject, type AchievementDocument } from '../credentials/openBadgeCredential.js';
import { resultDescriptionDocument, resultDescriptionProblems } from '../credentials/ob3Parts.js';
import { keysOf } from './rule.js';
import type { CatalogStore, IssuerStore } from '../store/port.js';
import {
  DEFAULT_LANGUAGE,
  localized,
  shownLanguage,
  type CatalogAchievement,
  type Language,
  type TrustList,
} from './catalogTypes.js';
import { CatalogError, findReferenceProblem, type LoadedCatalog } from './loadCatalogDir.js';
import { findRuleCycle } from './ruleCycles.js';

/** Where a credential's achievement gets its approved framework levels (OB 3.0 Alignments). */
export interface AlignmentSource {
  alignmentsFor(achievementKey: string, language: Language): Promise<Record<string, unknown>[]>;
}

/** The tiers among these achievements whose rules name any of the keys. */
export function tiersNaming(
  achievements: readonly CatalogAchievement[],
  keys: readonly string[],
): CatalogAchievement[] {
  return achievements.filter(
    (a) =>
      a.kind === 'tier' && a.rule !== undefined && keysOf(a.rule).some((k) => keys.includes(k)),
  );
}

/** Told after an achievement was written by an admin (a tier's rule may concern learners already). */
export type AchievementWritten = (achievement: CatalogAchievement) => Promise<void>;

export class CatalogService {
  #trust: TrustList = { trusted: [] };
  #written: AchievementWritten[] = [];

  constructor(
    private readonly store: CatalogStore & Pick<IssuerStore, 'findIssuer'>,
    private readonly issuers: IssuerService,
    private readonly publicUrl: URL,
    private readonly clock: Clock,
    private readonly alignments?: AlignmentSource,
  ) {}

  /** Followers of admin writes; the catalog files read at start are followed by the caller. */
  followWrites(follower: AchievementWritten): void {
    this.#written.push(follower);
  }

  get trust(): TrustList {
    return this.#trust;
  }

  /** Idempotent: creates missing issuers (with keys) and writes every achievement. */
  async sync(catalog: LoadedCatalog): Promise<void> {
    for (const issuer of catalog.issuers) {
      try {
        await this.issuers.create(issuer);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    for (const achievement of catalog.achievements) {
      if (!(await this.store.findIssuer(achievement.issuer))) {
        throw new CatalogError(
          achievement.key,
          'issuer',
          `no issuer "${achievement.issuer}" in the catalogs or the store`,
        );
      }
      await this.#write(achievement);
    }
    this.#trust = catalog.trust;
  }

  async #write(achievement: CatalogAchievement): Promise<void> {
    await this.store.upsertAchievement({
      key: achievement.key,
      issuerSlug: achievement.issuer,
      kind: achievement.kind,
      definition: JSON.stringify(achievement),
      updatedAt: this.clock().toISOString(),
    });
  }

  /** Admin add or update. Credentials already issued keep the definition they were signed with. */
  async put(achievement: CatalogAchievement): Promise<CatalogAchievement> {
    const resultProblems = resultDescriptionProblems(achievement.resultDescription ?? []);
    if (resultProblems.length > 0) throw new ValidationError(resultProblems);
    if (!(await this.store.findIssuer(achievement.issuer))) {
      throw new UnprocessableError('unknown-issuer', `no issuer "${achievement.issuer}"`, {
        errors: [{ field: 'issuer', message: 'must be an existing issuer slug' }],
      });
    }
    const others = (await this.list()).filter((a) => a.key !== achievement.key);
    const known = new Set(others.map((a) => a.key));
    const cycle = findRuleCycle([...others, achievement]);
    const problem =
      findReferenceProblem(achievement, known.add(achievement.key)) ??
      (cycle
        ? {
            field: 'rule',
            reason: `makes achievements need one another in a cycle: ${cycle.join(' -> ')}`,
          }
        : undefined);
    if (problem) {
      throw new UnprocessableError('invalid-rule', `${problem.field} ${problem.reason}`, {
        errors: [{ field: problem.field, message: problem.reason }],
      });
    }
    await this.#write(achievement);
    for (const follower of this.#written) await follower(achievement);
    return achievement;
  }

  async list(): Promise<CatalogAchievement[]> {
    return (await this.store.listAchievements()).map(
      (record) => JSON.parse(record.definition) as CatalogAchievement,
    );
  }

  async get(key: string): Promise<CatalogAchievement> {
    const record = await this.store.findAchievement(key);
    if (!record) throw new NotFoundError(`no achievement with key "${key}"`);
    return JSON.parse(record.definition) as CatalogAchievement;
  }

  /** Tiers whose rules name any of the keys. */
  async tiersMentioning(keys: readonly string[]): Promise<CatalogAchievement[]> {
    return tiersNaming(await this.list(), keys);
  }

  achievementId(key: string): string {
    return `${baseUrlOf(this.publicUrl)}/achievements/${key}`;
  }

  /** The badge art drawn here for an achievement whose catalog entry names no image. */
  achievementImageUrl(key: string): string {
    return `${this.achievementId(key)}/image.png`;
  }

  /**
   * The achievement as a credential issued now carries it: with the framework levels approved for
   * it so far as alignments. Credentials signed before keep what they were signed with.
   */
  async issuedAchievementDocument(
    achievement: CatalogAchievement,
    requested: Language = DEFAULT_LANGUAGE,
  ): Promise<AchievementDocument> {
    const document = this.achievementDocument(achievement, requested);
    const language = shownLanguage(achievement, requested);
    const alignment = (await this.alignments?.alignmentsFor(achievement.key, language)) ?? [];
    if (alignment.length > 0) document.alignment = alignment;
    return document;
  }

  /**
   * The catalog entry as an OB3 Achievement in one language, which inLanguage names: the one
   * asked for when every text has it, English otherwise.
   */
  achievementDocument(
    achievement: CatalogAchievement,
    requested: Language = DEFAULT_LANGUAGE,
  ): AchievementDocument {
    const language = shownLanguage(achievement, requested);
    const document: AchievementDocument = {
      id: this.achievementId(achievement.key),
      type: ['Achievement'],
      name: localized(achievement.name, language),
      description: localized(achievement.description, language),
      criteria: { narrative: localized(achievement.criteria, language) },
    };
    const image = imageObject(achievement.image ?? this.achievementImageUrl(achievement.key));
    if (image) document.image = image;
    if (achievement.achievementType) document.achievementType = achievement.achievementType;
    if (achievement.tags?.length) document.tag = achievement.tags;
    if (achievement.creditsAvailable !== undefined)
      document.creditsAvailable = achievement.creditsAvailable;
    if (achievement.resultDescription?.length) {
      document.resultDescription = achievement.resultDescription.map(({ name, ...rest }) =>
        resultDescriptionDocument({ ...rest, name: localized(name, language) }),
      );
    }
    document.inLanguage = language;
    return document;
  }
}
