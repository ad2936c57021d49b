// Registrars propose framework-level mappings of catalog achievements; the achievement's issuer
// (or the admin) approves or rejects; the registrar may withdraw. Only approved mappings count,
// one per achievement and framework, claimed by insert.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ProblemError,
  UnprocessableError,
} from '../core/problems.js';
import type { CatalogService } from '../catalog/catalogService.js';
import type { Language } from '../catalog/catalogTypes.js';
import type { Rule } from '../catalog/rule.js';
import type { FrameworkService, FrameworkLevel } from '../frameworks/frameworkService.js';
import {
  DuplicateKeyError,
  type ApprovedMappingClaim,
  type MappingEvent,
  type MappingRecord,
  type MappingState,
  type MappingStore,
} from '../store/port.js';
import { nextMappingState } from './transitions.js';

/** Who acts on a mapping, as a plain value. */
export type MappingActor = { admin: true } | { issuer: string } | { registrar: string };

const actorName = (actor: MappingActor): string =>
  'admin' in actor
    ? 'admin'
    : 'issuer' in actor
      ? `issuer:${actor.issuer}`
      : `registrar:${actor.registrar}`;

export interface MappingProposal {
  achievement: string;
  framework: string;
  level: string;
  rationale: string;
}

export interface MappingView {
  id: string;
  achievement: string;
  issuer: string;
  framework: string;
  level: { id: string; code: string; name: string };
  registrar: string;
  rationale: string;
  state: MappingState;
  createdAt: string;
  updatedAt: string;
  history: Array<Omit<MappingEvent, 'mappingId'>>;
}

export interface LevelSuggestion {
  achievement: string;
  framework: string;
  /** The level every way of meeting the tier's rule reaches at least; absent when unknown. */
  suggested?: { id: string; code: string };
  constituents: Array<{ achievement: string; level?: { id: string; code: string } }>;
  note: string;
}

/** One line of a framework's crosswalk: an achievement, its mapping there (if any), its counts. */
export interface CrosswalkRow {
  achievement: string;
  kind: 'module' | 'tier';
  issuer: string;
  /** The approved mapping, else the most recent one; absent when never proposed. */
  mapping?: string;
  state?: MappingState;
  levelId?: string;
  levelCode?: string;
  proposedAt?: string;
  decidedAt?: string;
  issuedCredentials: number;
  validCredentials: number;
}

export const CROSSWALK_COLUMNS = [
  'achievement',
  'kind',
  'issuer',
  'mapping',
  'state',
  'levelId',
  'levelCode',
  'proposedAt',
  'decidedAt',
  'issuedCredentials',
  'validCredentials',
] as const satisfies ReadonlyArray<keyof CrosswalkRow>;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function crosswalkCsv(rows: readonly CrosswalkRow[]): string {
  const field = (value: unknown): string => {
    const text = value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [CROSSWALK_COLUMNS.join(',')];
  for (const row of rows) lines.push(CROSSWALK_COLUMNS.map((c) => field(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export class MappingService {
  constructor(
    private readonly store: MappingStore,
    private readonly catalog: CatalogService,
    private readonly frameworks: FrameworkService,
    private readonly clock: Clock,
  ) {}

  async propose(registrarSlug: string, input: MappingProposal): Promise<MappingView> {
    const { framework, level } = this.frameworks.level(input.framework, input.level);
    const achievement = await this.#achievement(input.achievement);
    const [approved] = await this.store.listApprovedMappings({
      achievementKey: achievement.key,
      frameworkKey: framework.key,
    });
    // A courtesy check only: the approval's claim by insert is what keeps one approved mapping.
    if (approved) {
      throw new ConflictError(
        `"${achievement.key}" already has an approved ${framework.key} mapping (${approved.mappingId})`,
        'mapping-already-approved',
      );
    }
    const at = this.clock().toISOString();
    const mapping: MappingRecord = {
      id: randomUUID(),
      achievementKey: achievement.key,
      issuerSlug: achievement.issuer,
      frameworkKey: framework.key,
      levelId: level.id,
      registrarSlug,
      rationale: input.rationale,
      createdAt: at,
    };
    await this.store.insertMapping(mapping, {
      mappingId: mapping.id,
      version: 1,
      action: 'propose',
      state: 'proposed',
      actor: `registrar:${registrarSlug}`,
      at,
    });
    return this.get(mapping.id);
  }

  async decide(
    id: string,
    action: 'approve' | 'reject' | 'withdraw',
    actor: MappingActor,
    comment?: string,
  ): Promise<MappingView> {
    const mapping = await this.#mapping(id);
    this.#authorize(mapping, action, actor);
    const events = await this.store.listMappingEvents(id);
    const latest = events.at(-1);
    if (!latest) throw new NotFoundError(`no mapping "${id}"`);
    const state = nextMappingState(latest.state, action);
    const at = this.clock().toISOString();
    const claim: ApprovedMappingClaim = {
      achievementKey: mapping.achievementKey,
      frameworkKey: mapping.frameworkKey,
      mappingId: mapping.id,
      levelId: mapping.levelId,
      approvedAt: at,
    };
    if (state === 'approved') {
      try {
        await this.store.claimApprovedMapping(claim);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        throw new ConflictError(
          `"${mapping.achievementKey}" already has an approved ${mapping.frameworkKey} mapping`,
          'mapping-already-approved',
        );
      }
    }
    try {
      await this.store.appendMappingEvent({
        mappingId: id,
        version: latest.version + 1,
        action,
        state,
        actor: actorName(actor),
        ...(comment ? { comment } : {}),
        at,
      });
    } catch (error) {
      if (state === 'approved') await this.store.releaseApprovedMapping(claim);
      if (!(error instanceof DuplicateKeyError)) throw error;
      throw new ConflictError(
        'the mapping was decided meanwhile; read it again',
        'mapping-changed',
      );
    }
    return this.get(id);
  }

  #authorize(mapping: MappingRecord, action: string, actor: MappingActor): void {
    if ('admin' in actor) return;
    if (action === 'withdraw') {
      if ('registrar' in actor && actor.registrar === mapping.registrarSlug) return;
      throw new ForbiddenError('only the registrar that proposed a mapping may withdraw it');
    }
    if ('registrar' in actor) {
      if (actor.registrar === mapping.registrarSlug) {
        throw new ProblemError(
          'own-proposal',
          `registrar "${actor.registrar}" proposed this mapping: the achievement's issuer decides it`,
        );
      }
      throw new ProblemError(
        'not-achievement-issuer',
        `only issuer "${mapping.issuerSlug}" or the admin decides mappings of "${mapping.achievementKey}"`,
      );
    }
    if (actor.issuer !== mapping.issuerSlug) {
      throw new ProblemError(
        'not-achievement-issuer',
        `"${mapping.achievementKey}" is issued by "${mapping.issuerSlug}", not "${actor.issuer}"`,
      );
    }
  }

  async get(id: string): Promise<MappingView> {
    const mapping = await this.#mapping(id);
    return this.#view(mapping, await this.store.listMappingEvents(id));
  }

  async list(filter: {
    framework?: string;
    achievement?: string;
    state?: string;
  }): Promise<MappingView[]> {
    const mappings = await this.store.listMappings({
      ...(filter.framework ? { frameworkKey: filter.framework } : {}),
      ...(filter.achievement ? { achievementKey: filter.achievement } : {}),
    });
    const views: MappingView[] = [];
    for (const mapping of mappings) {
      const view = this.#view(mapping, await this.store.listMappingEvents(mapping.id));
      if (!filter.state || view.state === filter.state) views.push(view);
    }
    return views;
  }

  #view(mapping: MappingRecord, events: MappingEvent[]): MappingView {
    const level = this.#levelOf(mapping.frameworkKey, mapping.levelId);
    const latest = events.at(-1);
    return {
      id: mapping.id,
      achievement: mapping.achievementKey,
      issuer: mapping.issuerSlug,
      framework: mapping.frameworkKey,
      level: { id: mapping.levelId, code: level?.code ?? '', name: level?.name.en ?? '' },
      registrar: mapping.registrarSlug,
      rationale: mapping.rationale,
      state: latest?.state ?? 'proposed',
      createdAt: mapping.createdAt,
      updatedAt: latest?.at ?? mapping.createdAt,
      history: events.map(({ mappingId: _id, ...event }) => event),
    };
  }

  #levelOf(frameworkKey: string, levelId: string): FrameworkLevel | undefined {
    return this.frameworks
      .list()
      .find((f) => f.key === frameworkKey)
      ?.levels.find((l) => l.id === levelId);
  }

  async #mapping(id: string): Promise<MappingRecord> {
    const mapping = await this.store.findMapping(id);
    if (!mapping) throw new NotFoundError(`no mapping "${id}"`);
    return mapping;
  }

  async #achievement(key: string) {
    try {
      return await this.catalog.get(key);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      throw new UnprocessableError('unknown-achievement', `no catalog achievement "${key}"`, {
        errors: [{ field: 'achievement', message: 'must be a catalog achievement key' }],
      });
    }
  }

  /**
   * For a tier: the level its rule guarantees from its constituents' approved levels (allOf: the
   * highest; anyOf: the lowest; n of: the n-th lowest). Shown to the registrar, never applied.
   */
  async suggest(tierKey: string, frameworkKey: string): Promise<LevelSuggestion> {
    const framework = this.frameworks.list().find((f) => f.key === frameworkKey);
    if (!framework) {
      throw new UnprocessableError('unknown-framework', `no framework "${frameworkKey}"`, {
        errors: [{ field: 'framework', message: 'must be a framework key' }],
      });
    }
    const tier = await this.#achievement(tierKey);
    const approved = await this.store.listApprovedMappings({ frameworkKey: framework.key });
    const rank = new Map(framework.levels.map((level, index) => [level.id, index]));
    const levelOf = new Map(approved.map((a) => [a.achievementKey, a.levelId]));
    const constituents = tier.rule ? keysIn(tier.rule) : [];
    const floor = tier.rule
      ? guaranteed(tier.rule, (key) => rank.get(levelOf.get(key) ?? ''))
      : undefined;
    const suggestedLevel = floor === undefined ? undefined : framework.levels[floor];
    return {
      achievement: tier.key,
      framework: framework.key,
      ...(suggestedLevel
        ? { suggested: { id: suggestedLevel.id, code: suggestedLevel.code } }
        : {}),
      constituents: constituents.map((key) => {
        const level = framework.levels.find((l) => l.id === levelOf.get(key));
        return {
          achievement: key,
          ...(level ? { level: { id: level.id, code: level.code } } : {}),
        };
      }),
      note: suggestedLevel
        ? 'the level every way of meeting the rule reaches at least; propose it to apply it'
        : 'not every constituent the rule may count has an approved level in this framework',
    };
  }

  /** Every catalog achievement with its mapping in the framework and its credential counts. */
  async crosswalk(frameworkKey: string): Promise<{ framework: string; rows: CrosswalkRow[] }> {
    const framework = this.frameworks.get(frameworkKey);
    const [achievements, views, counts] = await Promise.all([
      this.catalog.list(),
      this.list({ framework: framework.key }),
      this.store.countCredentialsByAchievement(this.clock().toISOString()),
    ]);
    const countOf = new Map(counts.map((c) => [c.achievementKey, c]));
    const rows = achievements.map((achievement): CrosswalkRow => {
      const mine = views.filter((v) => v.achievement === achievement.key);
      const shown = mine.find((v) => v.state === 'approved') ?? mine.at(-1);
      const decided = shown?.history.find((e) => e.action !== 'propose');
      const count = countOf.get(achievement.key);
      return {
        achievement: achievement.key,
        kind: achievement.kind,
        issuer: achievement.issuer,
        ...(shown
          ? {
              mapping: shown.id,
              state: shown.state,
              levelId: shown.level.id,
              levelCode: shown.level.code,
              proposedAt: shown.createdAt,
              ...(decided ? { decidedAt: decided.at } : {}),
            }
          : {}),
        issuedCredentials: count?.issued ?? 0,
        validCredentials: count?.valid ?? 0,
      };
    });
    return { framework: framework.key, rows };
  }

  /** Approved levels of an achievement as OB 3.0 Alignments, in the credential's language. */
  async alignmentsFor(achievementKey: string, language: Language) {
    const approved = await this.store.listApprovedMappings({ achievementKey });
    return approved.flatMap((claim) => {
      const framework = this.frameworks.list().find((f) => f.key === claim.frameworkKey);
      const level = framework?.levels.find((l) => l.id === claim.levelId);
      if (!framework || !level) return [];
      return [
        {
          type: ['Alignment'],
          targetName: level.name[language],
          targetUrl: level.id,
          targetDescription: level.description[language],
          targetFramework: framework.name[language],
          targetCode: level.code,
          targetType: 'ext:QualificationFrameworkLevel',
        },
      ];
    });
  }
}

function keysIn(rule: Rule): string[] {
  if (typeof rule === 'string') return [rule];
  if ('achievement' in rule) return [rule.achievement];
  const children = 'allOf' in rule ? rule.allOf : 'anyOf' in rule ? rule.anyOf : rule.from;
  return [...new Set(children.flatMap(keysIn))];
}

/** The lowest level rank every way of meeting the rule reaches; undefined when unknown. */
function guaranteed(rule: Rule, rankOf: (key: string) => number | undefined): number | undefined {
  if (typeof rule === 'string') return rankOf(rule);
  if ('achievement' in rule) return rankOf(rule.achievement);
  const children = 'allOf' in rule ? rule.allOf : 'anyOf' in rule ? rule.anyOf : rule.from;
  const ranks = children.map((child) => guaranteed(child, rankOf));
  if ('allOf' in rule) {
    const known = ranks.filter((r): r is number => r !== undefined);
    return known.length ? Math.max(...known) : undefined;
  }
  if (ranks.some((r) => r === undefined)) return undefined;
  const sorted = (ranks as number[]).sort((a, b) => a - b);
  return 'anyOf' in rule ? sorted[0] : sorted[Math.min(rule.nOf, sorted.length) - 1];
}
