import type { IssuerCreateInput } from '../issuers/issuerService.js';
import type { Rule } from './rule.js';

export const LANGUAGES = ['en', 'zh-TW', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The catalog's first language: the one every text must have (localized-text.json). */
export const DEFAULT_LANGUAGE: Language = LANGUAGES[0];

export type LocalizedText = { en: string } & Partial<Record<Language, string>>;

/** A catalog achievement as validated by schemas/catalog-achievement.json. */
export interface CatalogAchievement {
  key: string;
  issuer: string;
  kind: 'module' | 'tier';
  achievementType?: string;
  name: LocalizedText;
  description: LocalizedText;
  criteria: LocalizedText;
  image?: string;
  tags?: string[];
  creditsAvailable?: number;
  resultDescription?: CatalogResultDescription[];
  validFor?: string;
  requiresEvidence?: boolean;
  prerequisites?: Rule;
  rule?: Rule;
}

/** An OB 3.0 ResultDescription in a catalog, its name in the catalog's languages. */
export interface CatalogResultDescription {
  id: string;
  name: LocalizedText;
  resultType: string;
  allowedValue?: string[];
  requiredValue?: string;
  valueMin?: string;
  valueMax?: string;
}

/** Catalog issuers are created exactly as POST /issuers creates them. */
export type CatalogIssuer = IssuerCreateInput;

/** A catalog file as validated by schemas/catalog.json. */
export interface CatalogFile {
  description?: string;
  issuers?: CatalogIssuer[];
  achievements: CatalogAchievement[];
}

export interface TrustedAchievement {
  key: string;
  achievementIds?: string[];
  alignmentUrls?: string[];
}

/** credentials/trust.json as validated by schemas/trust-list.json. */
export interface TrustList {
  trusted: Array<{ did: string; name: string; achievements: TrustedAchievement[] }>;
}

export function localized(text: LocalizedText, language: Language): string {
  return text[language] ?? text.en;
}

/** The catalog language a BCP 47 tag names exactly, if it is one. */
export function catalogLanguage(tag: unknown): Language | undefined {
  return LANGUAGES.find((language) => language === tag);
}

/** Every text of the achievement is written in the language (none falls back to English). */
export function hasLanguage(achievement: CatalogAchievement, language: Language): boolean {
  const texts = [
    achievement.name,
    achievement.description,
    achievement.criteria,
    ...(achievement.resultDescription ?? []).map((description) => description.name),
  ];
  return texts.every((text) => text[language] !== undefined);
}

/**
 * The language the achievement is shown in when `language` is asked for: that one when all its
 * texts have it, else the default, so a document never mixes languages under one inLanguage.
 */
export function shownLanguage(achievement: CatalogAchievement, language: Language): Language {
  return hasLanguage(achievement, language) ? language : DEFAULT_LANGUAGE;
}
