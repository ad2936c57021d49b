import type { IssuerCreateInput } from '../issuers/issuerService.js';
import type { Rule } from './rule.js';

export const LANGUAGES = ['en', 'zh-TW', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

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
