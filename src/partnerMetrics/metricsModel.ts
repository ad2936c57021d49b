// The numbers partner metrics answer with, for one issuer over one period (and side by side for
// a partner group). Plain data: the API's JSON, the CSV and the console's charts all read this.
import type { LocalizedText } from '../catalog/catalogTypes.js';
import type { Period } from './period.js';

export const COUNT_NAMES = [
  'issued',
  'emailsDelivered',
  'pageViews',
  'verifications',
  'claimedIntoWallets',
  'revoked',
  'expired',
  'renewed',
] as const;
export type CountName = (typeof COUNT_NAMES)[number];
export type Counts = Record<CountName, number>;

export const zeroCounts = (): Counts =>
  Object.fromEntries(COUNT_NAMES.map((name) => [name, 0])) as Counts;

export interface AchievementCounts extends Counts {
  /** The catalog key; null for credentials of achievements described inline. */
  achievement: string | null;
  name: LocalizedText;
}

/** One day of the period: what can be drawn as a line. */
export interface DailyCounts {
  day: string;
  issued: number;
  pageViews: number;
  verifications: number;
}

/** Learners by how many parts of a tier rule they hold at the end of the period. */
export interface TierFunnel {
  /** The tiers built from exactly these parts (DX Passport 1, 2 and 3 share theirs). */
  tiers: Array<{ achievement: string; name: LocalizedText }>;
  parts: Array<{ achievement: string; name: LocalizedText }>;
  /** For k = 1..parts: learners holding at least k of the parts. */
  steps: Array<{ parts: number; learners: number }>;
}

/** Learners holding an achievement at the end of the period, by one tag's value ('' untagged). */
export interface SkillMapCell {
  achievement: string | null;
  name: LocalizedText;
  tag: string;
  learners: number;
}

export interface IssuerMetrics {
  issuer: { slug: string; name: string };
  period: Period;
  totals: Counts;
  achievements: AchievementCounts[];
  daily: DailyCounts[];
  funnels: TierFunnel[];
  skillMap: { cohort: SkillMapCell[]; region: SkillMapCell[] };
}

export interface PartnerGroupMetrics {
  group: { id: string; name: string; issuers: string[] };
  period: Period;
  /** Every partner's numbers added up. */
  totals: Counts;
  partners: Array<{ issuer: { slug: string; name: string }; totals: Counts }>;
}
