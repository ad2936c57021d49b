// One issuer's partner metrics over a period: what it issued and what happened to it, read from
// the credentials, their status changes, the mail outbox, wallet claims and the use counters.
import type { CatalogService } from '../catalog/catalogService.js';
import type { CatalogAchievement, LocalizedText } from '../catalog/catalogTypes.js';
import { keysOf } from '../catalog/rule.js';
import type { Clock } from '../core/clock.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type {
  CredentialStore,
  MailStore,
  MetricsCredential,
  PartnerMetricsStore,
  StatusEvent,
  StatusStore,
} from '../store/port.js';
import {
  zeroCounts,
  type AchievementCounts,
  type CountName,
  type Counts,
  type DailyCounts,
  type IssuerMetrics,
  type SkillMapCell,
  type TierFunnel,
} from './metricsModel.js';
import { daysOf, periodBounds, type Period } from './period.js';

export type MetricsStore = Pick<
  PartnerMetricsStore,
  'listMetricsCredentials' | 'listCredentialUseCounts' | 'listWalletClaimsOfOriginals'
> &
  Pick<StatusStore, 'listLatestStatusEvents'> &
  Pick<MailStore, 'listMailMessagesForCredentials'> &
  Pick<CredentialStore, 'listCredentialsOfLearner'>;

const INLINE_NAME: LocalizedText = {
  en: 'Described inline',
  ja: 'インラインで記述',
  'zh-TW': '內嵌描述',
};

/** Whether an ISO instant falls in [start, end). */
const within = (instant: string | undefined, start: string, end: string): boolean =>
  instant !== undefined && instant >= start && instant < end;

export class IssuerMetricsReport {
  constructor(
    private readonly store: MetricsStore,
    private readonly catalog: Pick<CatalogService, 'list'>,
    private readonly issuers: Pick<IssuerService, 'get'>,
    private readonly clock: Clock,
    /** Views and verifications counted but not yet written: written before a report reads them. */
    private readonly pendingUses: { flush(): Promise<void> },
  ) {}

  async of(slug: string, period: Period): Promise<IssuerMetrics> {
    await this.pendingUses.flush();
    const issuer = await this.issuers.get(slug);
    const { start, end } = periodBounds(period);
    const now = this.clock().toISOString();
    // What "holding" means at the end of the period: issued by then, not expired by then.
    const cutoff = end < now ? end : now;
    const all = await this.store.listMetricsCredentials(slug);
    const claims = await this.store.listWalletClaimsOfOriginals(all.map((c) => c.id));
    // Copies claimed into wallets are credentials too; they are counted as claims, not issues.
    const copies = new Set(claims.map((claim) => claim.copyId));
    const credentials = all.filter((credential) => !copies.has(credential.id));
    const ids = credentials.map((credential) => credential.id);
    const [latest, mail, uses, catalog] = await Promise.all([
      this.store.listLatestStatusEvents(ids),
      this.store.listMailMessagesForCredentials(ids),
      this.store.listCredentialUseCounts(slug, period.from, period.to),
      this.catalog.list(),
    ]);
    const names = new Map(catalog.map((achievement) => [achievement.key, achievement.name]));
    const stateOf = new Map(latest.map((event) => [event.credentialId, event]));
    const byId = new Map(credentials.map((credential) => [credential.id, credential]));

    const rows = new Map<string | null, AchievementCounts>();
    const add = (credential: MetricsCredential | undefined, name: CountName, n = 1) => {
      if (!credential) return;
      const key = credential.achievementKey ?? null;
      let row = rows.get(key);
      if (!row) {
        row = {
          achievement: key,
          name: (key && names.get(key)) || INLINE_NAME,
          ...zeroCounts(),
        };
        rows.set(key, row);
      }
      row[name] += n;
    };
    const daily = new Map<string, DailyCounts>(
      daysOf(period).map((day) => [day, { day, issued: 0, pageViews: 0, verifications: 0 }]),
    );

    for (const credential of credentials) {
      if (within(credential.createdAt, start, end)) {
        add(credential, 'issued');
        const day = daily.get(credential.createdAt.slice(0, 10));
        if (day) day.issued += 1;
        if (credential.renewalOf) add(credential, 'renewed');
      }
      if (within(credential.validUntil, start, end) && (credential.validUntil ?? '') <= now) {
        add(credential, 'expired');
      }
      const event = stateOf.get(credential.id);
      if (event?.state === 'revoked' && within(event.at, start, end)) add(credential, 'revoked');
    }
    for (const message of mail) {
      if (message.state === 'sent' && within(message.finishedAt, start, end)) {
        add(byId.get(message.credentialId), 'emailsDelivered');
      }
    }
    for (const claim of claims) {
      if (within(claim.claimedAt, start, end))
        add(byId.get(claim.originalId), 'claimedIntoWallets');
    }
    for (const use of uses) {
      const name = use.kind === 'view' ? 'pageViews' : 'verifications';
      add(byId.get(use.credentialId), name, use.count);
      const day = daily.get(use.day);
      if (day) day[name] += use.count;
    }

    const achievements = [...rows.values()].sort((a, b) =>
      (a.achievement ?? '\uffff').localeCompare(b.achievement ?? '\uffff'),
    );
    const held = credentials.filter((credential) => holds(credential, stateOf, cutoff));
    const learners = await this.#learners(credentials, cutoff);
    return {
      issuer: { slug: issuer.slug, name: issuer.name },
      period,
      totals: sumCounts(achievements),
      achievements,
      daily: [...daily.values()],
      funnels: funnels(slug, catalog, learners),
      skillMap: {
        cohort: skillMap(held, learners, 'cohort', names),
        region: skillMap(held, learners, 'region', names),
      },
    };
  }

  /**
   * Every learner with a credential from this issuer: what they hold at the cutoff from any
   * issuer here, and their cohort and region (the latest award that carries each).
   */
  async #learners(credentials: MetricsCredential[], cutoff: string): Promise<Learner[]> {
    const keys = [...new Set(credentials.flatMap((c) => (c.learnerKey ? [c.learnerKey] : [])))];
    return Promise.all(
      keys.map(async (key) => {
        const records = await this.store.listCredentialsOfLearner(key);
        const latest = await this.store.listLatestStatusEvents(records.map((r) => r.id));
        const stateOf = new Map(latest.map((event) => [event.credentialId, event]));
        const learner: Learner = { key, held: new Set() };
        for (const record of records) {
          if (record.achievementKey && holds(record, stateOf, cutoff)) {
            learner.held.add(record.achievementKey);
          }
          if (record.cohort) learner.cohort = record.cohort;
          if (record.region) learner.region = record.region;
        }
        return learner;
      }),
    );
  }
}

interface Learner {
  key: string;
  held: Set<string>;
  cohort?: string;
  region?: string;
}

/**
 * For every tier this issuer awards or builds on its achievements, grouped by their parts:
 * how many of this issuer's learners hold at least 1, 2, … of the parts (from any issuer here).
 */
function funnels(slug: string, catalog: CatalogAchievement[], learners: Learner[]): TierFunnel[] {
  const own = new Set(catalog.filter((a) => a.issuer === slug).map((a) => a.key));
  const byParts = new Map<string, { tiers: CatalogAchievement[]; parts: string[] }>();
  for (const tier of catalog) {
    if (tier.kind !== 'tier' || !tier.rule) continue;
    const parts = keysOf(tier.rule);
    if (tier.issuer !== slug && !parts.some((key) => own.has(key))) continue;
    const id = [...parts].sort().join('\u0000');
    const group = byParts.get(id) ?? { tiers: [], parts };
    group.tiers.push(tier);
    byParts.set(id, group);
  }
  const names = new Map(catalog.map((achievement) => [achievement.key, achievement.name]));
  const named = (key: string) => ({ achievement: key, name: names.get(key) ?? { en: key } });
  return [...byParts.values()].map(({ tiers, parts }) => ({
    tiers: tiers.map((tier) => named(tier.key)),
    parts: parts.map(named),
    steps: parts.map((_, index) => ({
      parts: index + 1,
      learners: learners.filter(
        (learner) => parts.filter((part) => learner.held.has(part)).length >= index + 1,
      ).length,
    })),
  }));
}

/** Issued by the cutoff, not expired by it, and neither revoked nor suspended (now). */
function holds(
  credential: { id: string; createdAt: string; validUntil?: string },
  stateOf: Map<string, StatusEvent>,
  cutoff: string,
): boolean {
  if (credential.createdAt >= cutoff) return false;
  if (credential.validUntil !== undefined && credential.validUntil <= cutoff) return false;
  const state = stateOf.get(credential.id)?.state ?? 'active';
  return state === 'active';
}

export function sumCounts(rows: readonly Counts[]): Counts {
  const total = zeroCounts();
  for (const row of rows) {
    for (const name of Object.keys(total) as CountName[]) total[name] += row[name];
  }
  return total;
}

/**
 * Distinct learners holding each achievement, by the tag's value. A credential without the tag
 * (a tier, or an award made without it) takes the learner's from their latest tagged award
 * here, whoever issued it; a learner with none is counted under ''.
 */
function skillMap(
  held: readonly MetricsCredential[],
  learners: readonly Learner[],
  tag: 'cohort' | 'region',
  names: Map<string, LocalizedText>,
): SkillMapCell[] {
  const learnerTag = new Map<string, string>();
  for (const learner of learners) {
    const value = learner[tag];
    if (value) learnerTag.set(learner.key, value);
  }
  const cells = new Map<string, { cell: SkillMapCell; keys: Set<string> }>();
  for (const credential of held) {
    if (!credential.learnerKey) continue;
    const value = credential[tag] ?? learnerTag.get(credential.learnerKey) ?? '';
    const key = credential.achievementKey ?? null;
    const id = `${key ?? ''}\u0000${value}`;
    const entry = cells.get(id) ?? {
      cell: {
        achievement: key,
        name: (key && names.get(key)) || INLINE_NAME,
        tag: value,
        learners: 0,
      },
      keys: new Set<string>(),
    };
    entry.keys.add(credential.learnerKey);
    entry.cell.learners = entry.keys.size;
    cells.set(id, entry);
  }
  return [...cells.values()]
    .map(({ cell }) => cell)
    .sort(
      (a, b) =>
        (a.achievement ?? '\uffff').localeCompare(b.achievement ?? '\uffff') ||
        a.tag.localeCompare(b.tag),
    );
}
